/* Indirect speech: "X said (that) ...", "according to X, ..." in sentences,
 * after any quote they contain. */
#include "internal.h"


size_t qx__rec_start(const qx__doc *d, const qx__rec *r) {
    if (r->first == QX_UNSET)
        return r->content.start;
    return QX__AT(*d->cands, qx__cand, r->first).open;
}

static size_t rec_open(const qx__doc *d, size_t k) {
    return QX__AT(*d->cands, qx__cand, QX__AT(d->recs, qx__rec, k).first).open;
}

/* The last direct record whose quote lies in [s, e), or -1. The direct
 * records are in text order: a binary search, not a scan from the end. */
static int quote_in(const qx__doc *d, size_t s, size_t e, size_t n_direct) {
    size_t lo = 0, hi = n_direct; /* first record opening at or after e */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rec_open(d, mid) < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && rec_open(d, lo - 1) >= s ? (int)(lo - 1) : -1;
}

qx_status qx__find_indirect(qx__doc *d) {
    const qx_extractor *ex = d->ex;
    size_t n_direct = d->recs.len;
    if (!(ex->flags & QX_FLAG_NO_INDIRECT)) {
        size_t ci = 0, nc = d->cands->len;
        for (size_t si = 0; si < d->sents->len; si++) {
            qx_span s = QX__AT(*d->sents, qx_span, si);
            size_t start = s.start;
            while (ci < nc && QX__AT(*d->cands, qx__cand, ci).open < s.start)
                ci++;
            for (size_t k = ci; k < nc && QX__AT(*d->cands, qx__cand, k).open < s.end; k++) {
                const qx__cand *c = &QX__AT(*d->cands, qx__cand, k);
                if (c->close > start)
                    start = c->close;
            }
            if (start >= s.end || s.end - start < 12)
                continue;
            /* Where the sentence holds a head of a +that cue: a rule that
             * needs one (that_gate) skips a sentence without, and starts
             * its tail only there (qx__rule_match). */
            size_t heads[QX__MAX_CUE_HEADS], n_heads = SIZE_MAX;
            for (size_t i = 0; i < ex->n_rules; i++) {
                const qx__rule *rule = &ex->rules[i];
                if (rule->where != QX__CLAUSE)
                    continue;
                if (rule->that_gate) {
                    if (n_heads == SIZE_MAX) {
                        n_heads = qx__that_cue_heads(&ex->lex, d->text + start, s.end - start, start,
                                                     heads, QX__MAX_CUE_HEADS);
                        d->heads.at = heads;
                        d->heads.n = n_heads;
                        d->heads.from = start;
                        d->heads.end = s.end;
                    }
                    if (n_heads == 0)
                        continue;
                }
                int m = qx__rule_match(d, rule, start, s.end);
                if (m < 0)
                    return (qx_status)m;
                if (m == 0)
                    continue;
                qx_span content = qx__group(d, rule, QX__G_CONTENT);
                if (content.start == QX_UNSET)
                    continue;
                while (content.end > content.start && strchr(".!? ", d->text[content.end - 1]))
                    content.end--;
                if (content.end <= content.start)
                    continue;
                qx__rec tmp;
                memset(&tmp, 0, sizeof tmp);
                tmp.first = tmp.last = QX_UNSET;
                tmp.inherit = -1;
                tmp.speaker_off = QX_UNSET;
                tmp.mention = tmp.name = tmp.role = tmp.cue = tmp.relative = (qx_span){QX_UNSET, QX_UNSET};
                qx__take_speaker(d, &tmp, rule);
                if (tmp.mention.start == QX_UNSET) {
                    /* ", adding that ...": the speaker of the quote before it. */
                    int q = quote_in(d, s.start, start, n_direct);
                    if (q < 0 || QX__AT(d->recs, qx__rec, q).mention.start == QX_UNSET)
                        continue;
                    tmp.inherit = q;
                    tmp.flags |= QX_QUOTE_INHERITED;
                }
                tmp.content = content;
                tmp.kind = QX_KIND_INDIRECT;
                tmp.rule = (int)i;
                tmp.rule_name = rule->name;
                tmp.confidence = rule->confidence;
                tmp.para = 0;
                qx__rec *r = qx__vec_push(&d->recs, d->a);
                if (!r)
                    return QX_E_NOMEM;
                *r = tmp;
                break;
            }
        }
    }
    d->heads.at = NULL; /* the array lived in the loop */
    d->heads.n = 0;
    /* Paragraph of each indirect record, then everything in text order. */
    size_t pi = 0;
    for (size_t k = n_direct; k < d->recs.len; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        while (pi + 1 < d->paras->len && QX__AT(*d->paras, qx__para, pi).end < r->content.start)
            pi++;
        r->para = pi;
    }
    if (d->recs.len > n_direct) {
        /* Both runs are already in text order: merge them, and remap the
         * links from indirect records to the direct ones they inherit from. */
        size_t n = d->recs.len;
        qx__rec *merged = qx__malloc(d->a, n * sizeof *merged);
        size_t *where = qx__malloc(d->a, (n_direct ? n_direct : 1) * sizeof *where);
        if (!merged || !where) {
            qx__free(d->a, merged);
            qx__free(d->a, where);
            return QX_E_NOMEM;
        }
        qx__rec *all = d->recs.data;
        size_t i = 0, j = n_direct, o = 0;
        while (i < n_direct || j < n) {
            int take_direct = j >= n || (i < n_direct && qx__rec_start(d, &all[i]) <= qx__rec_start(d, &all[j]));
            if (take_direct) {
                where[i] = o;
                merged[o++] = all[i++];
            } else {
                merged[o++] = all[j++];
            }
        }
        for (size_t k = 0; k < n; k++)
            if (merged[k].kind == QX_KIND_INDIRECT && merged[k].inherit >= 0)
                merged[k].inherit = (int)where[merged[k].inherit];
        memcpy(all, merged, n * sizeof *merged);
        qx__free(d->a, merged);
        qx__free(d->a, where);
    }
    return QX_OK;
}
