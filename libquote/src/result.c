/* Results: the records of one call in flat arrays the caller reads. */
#include "internal.h"

struct qx_result {
    qx_allocator alloc;
    qx_quote *quotes;
    size_t n_quotes;
    qx_segment *segs;
    qx_diagnostic *diags;
    size_t n_diags;
    char *strings;
};

size_t qx_result_count(const qx_result *res) { return res ? res->n_quotes : 0; }

const qx_quote *qx_result_get(const qx_result *res, size_t i) {
    return res && i < res->n_quotes ? &res->quotes[i] : NULL;
}

size_t qx_result_diagnostic_count(const qx_result *res) { return res ? res->n_diags : 0; }

const qx_diagnostic *qx_result_get_diagnostic(const qx_result *res, size_t i) {
    return res && i < res->n_diags ? &res->diags[i] : NULL;
}

void qx_result_free(qx_result *res) {
    if (!res)
        return;
    qx_allocator a = res->alloc;
    qx__free(&a, res->quotes);
    qx__free(&a, res->segs);
    qx__free(&a, res->diags);
    qx__free(&a, res->strings);
    qx__free(&a, res);
}

qx_status qx__diag(qx__doc *d, qx_status code, size_t off, const char *msg) {
    /* A flood of stray marks must not grow without bound. */
    if (d->diags.len >= 10000)
        return QX_OK;
    qx_diagnostic *g = qx__vec_push(&d->diags, d->a);
    if (!g)
        return QX_E_NOMEM;
    g->code = code;
    g->offset = off;
    g->message = msg;
    return QX_OK;
}

/* Appends s to the arena; returns its offset. */
static size_t intern(qx__buf *b, const qx_allocator *a, const char *s, int *ok) {
    size_t off = b->len;
    if (!qx__buf_append(b, a, s, strlen(s) + 1))
        *ok = 0;
    return off;
}

qx_status qx__result_build(qx__doc *d, qx_result **out) {
    const qx_allocator *a = d->a;
    qx_result *res = qx__malloc(a, sizeof *res);
    if (!res)
        return QX_E_NOMEM;
    memset(res, 0, sizeof *res);
    res->alloc = *a;
    size_t n = d->recs.len, nseg = 0;
    for (size_t k = 0; k < n; k++) {
        const qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        nseg += r->first == QX_UNSET ? 1 : r->last - r->first + 1;
    }
    /* Strings are copied so that a result outlives its extractor. */
    qx__buf arena = {0};
    int ok = qx__buf_append(&arena, a, d->strings.data ? d->strings.data : "", d->strings.len);
    size_t *lemma_off = NULL, *rule_off = NULL;
    res->quotes = qx__malloc(a, (n ? n : 1) * sizeof *res->quotes);
    res->segs = qx__malloc(a, (nseg ? nseg : 1) * sizeof *res->segs);
    lemma_off = qx__malloc(a, (n ? n : 1) * sizeof(size_t) * 2);
    if (!res->quotes || !res->segs || !lemma_off || !ok)
        goto oom;
    rule_off = lemma_off + (n ? n : 1);
    for (size_t k = 0; k < n && ok; k++) {
        const qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        lemma_off[k] = r->cue_lemma ? intern(&arena, a, r->cue_lemma, &ok) : QX_UNSET;
        rule_off[k] = intern(&arena, a, r->rule_name ? r->rule_name : "none", &ok);
    }
    if (!ok)
        goto oom;
    if (d->diags.len) {
        res->diags = qx__malloc(a, d->diags.len * sizeof *res->diags);
        if (!res->diags)
            goto oom;
        memcpy(res->diags, d->diags.data, d->diags.len * sizeof *res->diags);
        res->n_diags = d->diags.len;
    }
    size_t si = 0;
    for (size_t k = 0; k < n; k++) {
        const qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        qx_quote *q = &res->quotes[k];
        memset(q, 0, sizeof *q);
        q->kind = r->kind;
        q->flags = r->flags;
        q->segments = res->segs + si;
        if (r->first == QX_UNSET) {
            res->segs[si].outer = res->segs[si].inner = r->content;
            si++;
            q->n_segments = 1;
        } else {
            for (size_t ci = r->first; ci <= r->last; ci++) {
                const qx__cand *c = &QX__AT(*d->cands, qx__cand, ci);
                res->segs[si].outer = (qx_span){c->open, c->close};
                size_t from = c->inner_start; /* after a transcript's label, when one opens it */
                if (ci == r->first && r->label_end > from && r->label_end < c->inner_end)
                    from = r->label_end;
                res->segs[si].inner = (qx_span){from, c->inner_end};
                si++;
            }
            q->n_segments = r->last - r->first + 1;
        }
        q->speaker_mention = r->relative.start != QX_UNSET && r->mention.start != QX_UNSET ? r->relative : r->mention;
        q->role = r->role;
        q->cue = r->cue;
        q->confidence = r->mention.start == QX_UNSET && r->speaker_off == QX_UNSET ? 0.0 : r->confidence;
        /* Pointers into the arena are set once it no longer moves. */
        q->speaker = (const char *)(uintptr_t)(r->speaker_off == QX_UNSET ? 0 : r->speaker_off + 1);
        q->cue_lemma = (const char *)(uintptr_t)(lemma_off[k] == QX_UNSET ? 0 : lemma_off[k] + 1);
        q->rule = (const char *)(uintptr_t)(rule_off[k] + 1);
    }
    res->strings = arena.data;
    for (size_t k = 0; k < n; k++) {
        qx_quote *q = &res->quotes[k];
        uintptr_t sp = (uintptr_t)q->speaker, cl = (uintptr_t)q->cue_lemma, ru = (uintptr_t)q->rule;
        q->speaker = sp ? res->strings + sp - 1 : NULL;
        q->cue_lemma = cl ? res->strings + cl - 1 : NULL;
        q->rule = res->strings + ru - 1;
    }
    res->n_quotes = n;
    qx__free(a, lemma_off);
    *out = res;
    return QX_OK;
oom:
    qx__free(a, lemma_off);
    qx__buf_free(&arena, a);
    qx_result_free(res);
    return QX_E_NOMEM;
}
