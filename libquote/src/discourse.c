/* Quotes with no cue of their own: continuing the speaker of the quote or
 * statement before them, the turns of a two-person dialogue; and, last,
 * short unattributed quotes (scare quotes, titles) left out. */
#include "internal.h"

static int opens_sentence(const qx__doc *d, const qx__cand *c) {
    const qx__para *p = &QX__AT(*d->paras, qx__para, c->para);
    if (c->open == p->start)
        return 1;
    size_t si = qx__sentence_at(d, c->open);
    return QX__AT(*d->sents, qx_span, si).start == c->open;
}

/* Two quotes of one sentence share its speaker: he called it "A" and "B". */
static int same_sentence(const qx__doc *d, const qx__rec *prev, const qx__cand *c) {
    if (prev->first == QX_UNSET)
        return 0;
    const qx__cand *pc = &QX__AT(*d->cands, qx__cand, prev->last);
    return qx__sentence_at(d, pc->open) == qx__sentence_at(d, c->open);
}

static int has_speaker(const qx__rec *r) { return r->mention.start != QX_UNSET || r->inherit >= 0; }

/* The record a speaker really comes from, following inheritance. */
static int source_of(const qx__doc *d, int k) {
    for (int guard = 0; k >= 0 && guard < 64; guard++) {
        const qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->inherit < 0)
            return k;
        k = r->inherit;
    }
    return k;
}

static size_t words(const char *t, size_t s, size_t e) {
    size_t n = 0;
    int in = 0;
    for (size_t i = s; i < e; i++) {
        int sp = t[i] == ' ' || t[i] == '\n' || t[i] == '\t';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static int title_case(const qx__doc *d, size_t s, size_t e) {
    const char *t = d->text;
    size_t caps = 0, n = 0;
    for (size_t i = s; i < e; i++) {
        if (i == s || t[i - 1] == ' ') {
            n++;
            size_t k;
            if (qx__is_upper(qx__utf8_at(t, e, i, &k)) || (t[i] >= '0' && t[i] <= '9'))
                caps++;
        }
    }
    return n > 0 && caps == n;
}

static void inherit(qx__rec *r, int from, const char *why, double conf) {
    r->inherit = from;
    r->flags |= QX_QUOTE_INHERITED;
    r->rule_name = why;
    r->confidence = conf;
}

qx_status qx__discourse(qx__doc *d) {
    size_t n = d->recs.len;
    int last_dialogue_para = -1; /* paragraph of the previous dialogue turn */
    int turn1 = -1, turn2 = -1;  /* sources of the last two dialogue turns */
    for (size_t k = 0; k < n; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->kind == QX_KIND_INDIRECT)
            continue;
        const qx__cand *c = &QX__AT(*d->cands, qx__cand, r->first);
        const qx__para *p = &QX__AT(*d->paras, qx__para, c->para);
        int para_start = c->open == p->start;
        if (!has_speaker(r) && k > 0) {
            const qx__rec *prev = &QX__AT(d->recs, qx__rec, k - 1);
            if (prev->para == r->para && has_speaker(prev) &&
                (opens_sentence(d, c) || same_sentence(d, prev, c))) {
                inherit(r, (int)k - 1, "discourse.same_paragraph", 0.75);
            } else if (para_start && last_dialogue_para == (int)r->para - 1 && turn1 >= 0 &&
                       turn2 >= 0 && source_of(d, turn1) != source_of(d, turn2) &&
                       prev->para + 1 == r->para && prev->kind != QX_KIND_INDIRECT) {
                /* A, B, then A again: the turns of a conversation. */
                inherit(r, turn2, "discourse.dialogue_turn", 0.5);
            } else if (para_start && r->para > 0) {
                for (size_t j = k; j-- > 0;) {
                    const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
                    if (q->para + 1 < r->para)
                        break;
                    if (q->para + 1 == r->para && has_speaker(q)) {
                        inherit(r, (int)j, "discourse.next_paragraph", 0.65);
                        break;
                    }
                }
            }
        }
        if (para_start) {
            if (last_dialogue_para != (int)r->para) {
                if (last_dialogue_para != (int)r->para - 1)
                    turn1 = -1;
                turn2 = turn1;
                turn1 = has_speaker(r) ? (int)k : -1;
                last_dialogue_para = (int)r->para;
            }
        }
    }
    if (d->ex->flags & QX_FLAG_KEEP_UNATTRIBUTED)
        return QX_OK;
    size_t o = 0;
    int *remap = NULL;
    for (size_t k = 0; k < n; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        int drop = 0;
        if (r->kind != QX_KIND_INDIRECT) {
            const qx__cand *c = &QX__AT(*d->cands, qx__cand, r->first);
            const qx__cand *l = &QX__AT(*d->cands, qx__cand, r->last);
            size_t w = words(d->text, c->inner_start, l->inner_end);
            /* Titles of works and names in marks are nobody's words. */
            int title = r->first == r->last && w <= 8 && !opens_sentence(d, c) &&
                        !has_speaker(r) && title_case(d, c->inner_start, c->inner_end);
            drop = title || (!has_speaker(r) && w < 4);
        }
        if (drop && !remap) {
            remap = qx__malloc(d->a, n * sizeof *remap);
            if (!remap)
                return QX_E_NOMEM;
            for (size_t j = 0; j < n; j++)
                remap[j] = (int)j;
        }
        if (remap)
            remap[k] = drop ? -1 : (int)o;
        if (!drop)
            QX__AT(d->recs, qx__rec, o++) = *r;
    }
    if (remap) {
        for (size_t k = 0; k < o; k++) {
            qx__rec *r = &QX__AT(d->recs, qx__rec, k);
            if (r->inherit >= 0)
                r->inherit = remap[r->inherit]; /* never a dropped one: those had no speaker */
        }
        qx__free(d->a, remap);
    }
    d->recs.len = o;
    return QX_OK;
}
