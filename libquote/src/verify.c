/* Verification: does this article attribute this quote to this person?
 *
 * The claim is located by a local alignment of normalised words (tokens.c)
 * against the whole article, so it is found when partial, re-punctuated,
 * elided or lightly altered. Words between two segments of one record ("...,"
 * she said, "...") are skipped at no cost, and an ellipsis in the claim lets
 * the alignment skip article words at no cost. The record holding most of
 * the aligned words gives the speaker; names are compared by names.c. */
#include <stdlib.h>

#include "internal.h"

#define MAX_CLAIM_WORDS 2000
#define MAX_CANDIDATES 8
#define ELISION_SPAN 500     /* article words one ellipsis may skip in the traceback window */
#define ELISION_TOTAL 4000

enum { SC_MATCH = 2, SC_SUB = -1, SC_GAP = -1 };

struct qx_verification {
    qx_allocator alloc;
    qx_result *owned; /* the records, when qx_verify extracted them */
    const qx_result *res;
    qx_verdict verdict;
    qx_match match;
    size_t quote_index;
    qx_span span;
    double confidence;
    qx_difference *diffs;
    size_t n_diffs;
};

typedef struct op {
    char kind;   /* 'M' match, 'S' substitution, 'D' claim word missing, 'I' article word extra */
    size_t ci, aj; /* token indices (the unused one is QX_UNSET) */
    int skipped; /* article words skipped by an ellipsis before this op */
} op;

typedef struct align {
    op *ops;
    size_t n_ops;
    size_t matched, edits;
    size_t ci0, ci1; /* claim tokens aligned, [ci0, ci1) */
    size_t aj0, aj1; /* article tokens aligned, [aj0, aj1) */
    int elided;      /* the alignment used an ellipsis to skip words */
} align;

typedef struct ctx {
    const qx_extractor *ex;
    const qx_result *res;
    const char *text, *claim, *speaker;
    size_t len, claim_len, speaker_len;
    const qx__tok *A, *C;
    size_t n, m;
    unsigned char *skip; /* per article token: inside a record, between its segments */
    const qx_allocator *a;
} ctx;

static int imax(int x, int y) { return x > y ? x : y; }

static int score(const ctx *c, size_t i, size_t j) {
    return c->C[i - 1].hash == c->A[j - 1].hash ? SC_MATCH : SC_SUB;
}

static int gap_cost(const ctx *c, size_t j) { return c->skip[j - 1] ? 0 : SC_GAP; }

static int elided_row(const ctx *c, size_t i) { return i > 1 && c->C[i - 1].elided; }

/* First article token whose start is >= pos. */
static size_t first_token_at(const ctx *c, size_t pos) {
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->A[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int cmp_span(const void *x, const void *y) {
    const qx_span *a = x, *b = y;
    return (a->start > b->start) - (a->start < b->start);
}

/* Words that interrupt a quote ("...," she said, "...") are skipped free: those
 * between the segments of one record, and up to MAX_INTERRUPTION words
 * between two neighbouring quoted pieces, which a reader joins the same way
 * when the extractor made two records of them. */
#define MAX_INTERRUPTION 40
static qx_status mark_interruptions(ctx *c) {
    size_t n = 0;
    for (size_t q = 0; q < qx_result_count(c->res); q++) {
        const qx_quote *r = qx_result_get(c->res, q);
        for (size_t s = 0; s + 1 < r->n_segments; s++) {
            size_t from = r->segments[s].inner.end, to = r->segments[s + 1].inner.start;
            for (size_t k = first_token_at(c, from); k < c->n && c->A[k].start < to; k++)
                c->skip[k] = 1;
        }
        if (r->kind != QX_KIND_INDIRECT)
            n += r->n_segments;
    }
    if (n < 2)
        return QX_OK;
    qx_span *segs = qx__malloc(c->a, n * sizeof *segs);
    if (!segs)
        return QX_E_NOMEM;
    n = 0;
    for (size_t q = 0; q < qx_result_count(c->res); q++) {
        const qx_quote *r = qx_result_get(c->res, q);
        if (r->kind != QX_KIND_INDIRECT)
            for (size_t s = 0; s < r->n_segments; s++)
                segs[n++] = r->segments[s].inner;
    }
    qsort(segs, n, sizeof *segs, cmp_span);
    for (size_t i = 0; i + 1 < n; i++) {
        if (segs[i + 1].start < segs[i].end)
            continue; /* nested */
        size_t k0 = first_token_at(c, segs[i].end), k1 = first_token_at(c, segs[i + 1].start);
        if (k1 > k0 && k1 - k0 <= MAX_INTERRUPTION)
            memset(c->skip + k0, 1, k1 - k0);
    }
    qx__free(c->a, segs);
    return QX_OK;
}

/* Score pass over all columns with O(m) memory: the best score per column. */
static qx_status score_pass(const ctx *c, int *colbest, size_t *colrow, int *best) {
    size_t m = c->m;
    int *prev = qx__malloc(c->a, 3 * (m + 1) * sizeof *prev);
    if (!prev)
        return QX_E_NOMEM;
    int *cur = prev + m + 1, *el = cur + m + 1;
    memset(prev, 0, 3 * (m + 1) * sizeof *prev);
    *best = 0;
    for (size_t j = 1; j <= c->n; j++) {
        cur[0] = 0;
        int cb = 0;
        size_t cr = 0;
        for (size_t i = 1; i <= m; i++) {
            int diag = prev[i - 1];
            if (elided_row(c, i))
                diag = imax(diag, el[i]);
            int v = imax(0, diag + score(c, i, j));
            v = imax(v, cur[i - 1] + SC_GAP);
            v = imax(v, prev[i] + gap_cost(c, j));
            cur[i] = v;
            if (v > cb) {
                cb = v;
                cr = i;
            }
        }
        for (size_t i = 2; i <= m; i++)
            if (prev[i - 1] > el[i])
                el[i] = prev[i - 1]; /* columns < j of row i-1, for an ellipsis at j+1 */
        colbest[j - 1] = cb;
        colrow[j - 1] = cr;
        if (cb > *best)
            *best = cb;
        int *t = prev;
        prev = cur;
        cur = t;
    }
    qx__free(c->a, prev < cur ? prev : cur);
    return QX_OK;
}

/* Full matrix over article columns [j0, je] (1-based) and traceback from
 * (ie, je). H[i][k] is column j0 - 1 + k. */
static qx_status trace(const ctx *c, size_t j0, size_t ie, size_t je, align *al) {
    size_t m = c->m, w = je - j0 + 2;
    int *H = qx__malloc(c->a, (m + 1) * w * sizeof *H);
    int *el = qx__malloc(c->a, (m + 1) * sizeof *el);
    op *ops = qx__malloc(c->a, (m + w + 2) * sizeof *ops);
    if (!H || !el || !ops) {
        qx__free(c->a, H);
        qx__free(c->a, el);
        qx__free(c->a, ops);
        return QX_E_NOMEM;
    }
#define AT(i, k) H[(i) * w + (k)]
    memset(el, 0, (m + 1) * sizeof *el);
    for (size_t i = 0; i <= m; i++)
        AT(i, 0) = 0;
    for (size_t k = 1; k < w; k++) {
        size_t j = j0 - 1 + k;
        AT(0, k) = 0;
        for (size_t i = 1; i <= m; i++) {
            int diag = AT(i - 1, k - 1);
            if (elided_row(c, i))
                diag = imax(diag, el[i]);
            int v = imax(0, diag + score(c, i, j));
            v = imax(v, AT(i - 1, k) + SC_GAP);
            v = imax(v, AT(i, k - 1) + gap_cost(c, j));
            AT(i, k) = v;
        }
        for (size_t i = 2; i <= m; i++)
            if (AT(i - 1, k - 1) > el[i])
                el[i] = AT(i - 1, k - 1);
    }
    size_t n_ops = 0, i = ie, k = w - 1;
    while (i > 0 && k > 0 && AT(i, k) > 0) {
        size_t j = j0 - 1 + k;
        int h = AT(i, k), s = score(c, i, j);
        if (AT(i - 1, k - 1) + s == h && (s > 0 || AT(i - 1, k - 1) > 0)) {
            ops[n_ops++] = (op){s > 0 ? 'M' : 'S', i - 1, j - 1, 0};
            i--, k--;
            continue;
        }
        if (elided_row(c, i)) {
            size_t kk = k - 1;
            while (kk-- > 0)
                if (AT(i - 1, kk) + s == h && AT(i - 1, kk) > 0)
                    break;
            if (kk != (size_t)-1) {
                ops[n_ops++] = (op){s > 0 ? 'M' : 'S', i - 1, j - 1, (int)(k - 1 - kk)};
                i--;
                k = kk;
                continue;
            }
        }
        if (AT(i - 1, k) + SC_GAP == h) {
            ops[n_ops++] = (op){'D', i - 1, QX_UNSET, 0};
            i--;
        } else if (AT(i, k - 1) + gap_cost(c, j) == h) {
            ops[n_ops++] = (op){'I', QX_UNSET, j - 1, 0};
            k--;
        } else if (s > 0) { /* an alignment that starts here */
            ops[n_ops++] = (op){'M', i - 1, j - 1, 0};
            break;
        } else {
            break;
        }
    }
#undef AT
    qx__free(c->a, H);
    qx__free(c->a, el);
    /* forward order, trimmed to start and end on a match */
    for (size_t x = 0; x < n_ops / 2; x++) {
        op t = ops[x];
        ops[x] = ops[n_ops - 1 - x];
        ops[n_ops - 1 - x] = t;
    }
    size_t b = 0, e = n_ops;
    while (b < e && ops[b].kind != 'M')
        b++;
    while (e > b && ops[e - 1].kind != 'M')
        e--;
    memmove(ops, ops + b, (e - b) * sizeof *ops);
    n_ops = e - b;
    memset(al, 0, sizeof *al);
    al->ops = ops;
    al->n_ops = n_ops;
    if (n_ops) {
        al->ci0 = ops[0].ci;
        al->ci1 = ops[n_ops - 1].ci + 1;
        al->aj0 = ops[0].aj;
        al->aj1 = ops[n_ops - 1].aj + 1;
    }
    for (size_t x = 0; x < n_ops; x++) {
        const op *o = &ops[x];
        if (o->kind == 'M')
            al->matched++;
        else if (o->kind != 'I' || !c->skip[o->aj])
            al->edits++;
        if (o->skipped && x > 0)
            al->elided = 1;
    }
    return QX_OK;
}

/* Enough of the claim, and few enough edits, to say the words are there. */
static int found(const ctx *c, const align *al) {
    size_t m = c->m;
    size_t need = m <= 3 ? m : (2 * m + 4) / 5; /* 40%, rounded up */
    if (need < 3 && m > 3)
        need = 3;
    return al->matched >= need && al->matched >= 2 * al->edits;
}

static int in_record(const qx_quote *q, const qx__tok *t) {
    for (size_t s = 0; s < q->n_segments; s++)
        if (t->start >= q->segments[s].inner.start && t->end <= q->segments[s].inner.end)
            return 1;
    return 0;
}

static size_t record_tokens(const ctx *c, const qx_quote *q) {
    size_t n = 0;
    for (size_t s = 0; s < q->n_segments; s++) {
        qx_span sp = q->segments[s].inner;
        for (size_t k = first_token_at(c, sp.start); k < c->n && c->A[k].end <= sp.end; k++)
            n++;
    }
    return n;
}

/* The record holding most aligned words; the smaller one on a tie (a quote
 * nested in another is its own record). */
static size_t pick_record(const ctx *c, const align *al, size_t *inside) {
    size_t best = QX_UNSET, best_n = 0, best_size = 0;
    for (size_t q = 0; q < qx_result_count(c->res); q++) {
        const qx_quote *r = qx_result_get(c->res, q);
        size_t n = 0;
        for (size_t x = 0; x < al->n_ops; x++)
            if (al->ops[x].aj != QX_UNSET && al->ops[x].kind != 'I' && in_record(r, &c->A[al->ops[x].aj]))
                n++;
        if (!n)
            continue;
        size_t size = r->segments[r->n_segments - 1].inner.end - r->segments[0].inner.start;
        if (n > best_n || (n == best_n && size < best_size)) {
            best = q;
            best_n = n;
            best_size = size;
        }
    }
    *inside = best_n;
    return best;
}

static int unresolved_pronoun(const ctx *c, const qx_quote *q) {
    return q->speaker && (q->flags & QX_QUOTE_PRONOUN) &&
           qx__pronoun_find(&c->ex->lex, q->speaker, strlen(q->speaker));
}

typedef struct judged {
    qx_verdict verdict;
    qx_match match;
    size_t quote;
} judged;

static judged judge(const ctx *c, const align *al) {
    judged out = {QX_VERDICT_NOT_FOUND, QX_MATCH_NONE, QX_UNSET};
    if (!found(c, al))
        return out;
    size_t inside = 0, aligned = 0;
    out.quote = pick_record(c, al, &inside);
    for (size_t x = 0; x < al->n_ops; x++)
        aligned += al->ops[x].kind == 'M' || al->ops[x].kind == 'S';
    const qx_quote *q = qx_result_get(c->res, out.quote);
    int fragment = al->ci0 > 0 || al->ci1 < c->m || al->elided;
    if (q)
        fragment |= inside < aligned || record_tokens(c, q) > aligned;
    out.match = al->edits ? QX_MATCH_ALTERED : fragment ? QX_MATCH_PARTIAL : QX_MATCH_EXACT;
    /* Records under the extractor's min_confidence were dropped by it: a
     * stricter verifier sets that floor (0.5: more often wrong than right). */
    if (!q || (!q->speaker && q->speaker_mention.start == QX_UNSET) || unresolved_pronoun(c, q)) {
        out.verdict = QX_VERDICT_UNATTRIBUTED;
        return out;
    }
    if (!c->speaker) {
        out.verdict = QX_VERDICT_ATTRIBUTED;
        return out;
    }
    /* The resolved name is the document's fullest form of the mention; the
     * mention itself is only used when nothing was resolved. */
    const char *given = q->speaker;
    size_t glen = given ? strlen(given) : 0;
    if (!given) {
        given = c->text + q->speaker_mention.start;
        glen = q->speaker_mention.end - q->speaker_mention.start;
    }
    out.verdict = qx__same_speaker(&c->ex->lex, c->speaker, c->speaker_len, given, glen)
                      ? QX_VERDICT_ATTRIBUTED
                      : QX_VERDICT_ATTRIBUTED_TO_OTHER;
    return out;
}

static qx_status fill(const ctx *c, const align *al, judged j, qx_verification *v) {
    v->verdict = j.verdict;
    v->match = j.match;
    v->quote_index = j.quote;
    if (j.verdict == QX_VERDICT_NOT_FOUND)
        return QX_OK;
    v->span = (qx_span){c->A[al->aj0].start, c->A[al->aj1 - 1].end};
    const qx_quote *q = qx_result_get(c->res, j.quote);
    if (q && (j.verdict == QX_VERDICT_ATTRIBUTED || j.verdict == QX_VERDICT_ATTRIBUTED_TO_OTHER))
        v->confidence = q->confidence;
    if (!al->edits)
        return QX_OK;
    v->diffs = qx__malloc(c->a, al->edits * sizeof *v->diffs);
    if (!v->diffs)
        return QX_E_NOMEM;
    for (size_t x = 0; x < al->n_ops; x++) {
        const op *o = &al->ops[x];
        if (o->kind == 'M' || (o->kind == 'I' && c->skip[o->aj]))
            continue;
        qx_difference *d = &v->diffs[v->n_diffs++];
        d->claimed = o->ci == QX_UNSET ? (qx_span){QX_UNSET, QX_UNSET}
                                       : (qx_span){c->C[o->ci].start, c->C[o->ci].end};
        d->found = o->aj == QX_UNSET ? (qx_span){QX_UNSET, QX_UNSET}
                                     : (qx_span){c->A[o->aj].start, c->A[o->aj].end};
    }
    return QX_OK;
}

static int verdict_rank(qx_verdict v) {
    return v == QX_VERDICT_ATTRIBUTED ? 3 : v == QX_VERDICT_ATTRIBUTED_TO_OTHER ? 2 : v == QX_VERDICT_UNATTRIBUTED ? 1 : 0;
}

/* Near-best end columns, each the first column to reach its score. */
static size_t candidates(const int *colbest, size_t n, int best, size_t *out) {
    size_t k = 0;
    for (int target = best; target >= best - 2 && target > 0 && k < MAX_CANDIDATES; target--)
        for (size_t j = 0; j < n && k < MAX_CANDIDATES; j++)
            if (colbest[j] == target && (j == 0 || colbest[j - 1] < target))
                out[k++] = j;
    return k;
}

static qx_status run(ctx *c, qx_verification *v) {
    qx_status rc = QX_OK;
    size_t n = c->n;
    int *colbest = NULL;
    size_t *colrow = NULL;
    align best_al = {0};
    judged best_j = {QX_VERDICT_NOT_FOUND, QX_MATCH_NONE, QX_UNSET};
    if (!n || !c->m)
        return fill(c, &best_al, best_j, v);
    colbest = qx__malloc(c->a, n * sizeof *colbest);
    colrow = qx__malloc(c->a, n * sizeof *colrow);
    if (!colbest || !colrow) {
        rc = QX_E_NOMEM;
        goto done;
    }
    int best;
    if ((rc = score_pass(c, colbest, colrow, &best)) != QX_OK)
        goto done;
    size_t cand[MAX_CANDIDATES];
    size_t nc = candidates(colbest, n, best, cand), n_elided = 0;
    for (size_t i = 1; i < c->m; i++)
        n_elided += c->C[i].elided;
    size_t extra = n_elided * ELISION_SPAN < ELISION_TOTAL ? n_elided * ELISION_SPAN : ELISION_TOTAL;
    for (size_t x = 0; x < nc; x++) {
        size_t je = cand[x] + 1, span = c->m + c->m / 2 + 50 + extra;
        size_t j0 = je > span ? je - span : 1;
        align al;
        if ((rc = trace(c, j0, colrow[cand[x]], je, &al)) != QX_OK)
            goto done;
        judged j = judge(c, &al);
        /* Prefer the copy of the words that confirms, then the best aligned:
         * an article may quote the same words twice. */
        if (verdict_rank(j.verdict) > verdict_rank(best_j.verdict)) {
            qx__free(c->a, best_al.ops);
            best_al = al;
            best_j = j;
        } else {
            qx__free(c->a, al.ops);
        }
    }
    rc = fill(c, &best_al, best_j, v);
done:
    qx__free(c->a, best_al.ops);
    qx__free(c->a, colbest);
    qx__free(c->a, colrow);
    return rc;
}

qx_status qx_verify_result(const qx_extractor *ex, const qx_result *res, const char *text,
                           size_t len, const char *claim, size_t claim_len, const char *speaker,
                           size_t speaker_len, qx_verification **out, qx_error *err) {
    if (out)
        *out = NULL;
    if (!ex || !res || !out || (!text && len) || (!claim && claim_len) || (!speaker && speaker_len))
        return qx__fail(err, QX_E_INVALID_ARG, 0, "extractor, result, texts and out are required");
    const qx_allocator *a = &ex->alloc;
    text = text ? text : "";
    claim = claim ? claim : "";
    size_t bad;
    if ((bad = qx__utf8_check(text, len)) != len)
        return qx__fail(err, QX_E_BAD_UTF8, bad, "invalid UTF-8 in the text at byte %zu", bad);
    if ((bad = qx__utf8_check(claim, claim_len)) != claim_len)
        return qx__fail(err, QX_E_BAD_UTF8, bad, "invalid UTF-8 in the claim at byte %zu", bad);
    if (speaker && (bad = qx__utf8_check(speaker, speaker_len)) != speaker_len)
        return qx__fail(err, QX_E_BAD_UTF8, bad, "invalid UTF-8 in the speaker at byte %zu", bad);
    qx_verification *v = qx__malloc(a, sizeof *v);
    if (!v)
        return qx__fail(err, QX_E_NOMEM, 0, NULL);
    memset(v, 0, sizeof *v);
    v->alloc = *a;
    v->res = res;
    v->quote_index = QX_UNSET;
    v->span = (qx_span){QX_UNSET, QX_UNSET};
    qx__vec A, C;
    qx__vec_init(&A, sizeof(qx__tok));
    qx__vec_init(&C, sizeof(qx__tok));
    ctx c = {ex, res, text, claim, speaker && speaker_len ? speaker : NULL, len, claim_len,
             speaker_len, NULL, NULL, 0, 0, NULL, a};
    qx_status rc = qx__tokenize(text, len, 0, a, &A);
    if (rc == QX_OK)
        rc = qx__tokenize(claim, claim_len, 0, a, &C);
    if (rc == QX_OK && C.len > MAX_CLAIM_WORDS)
        rc = qx__fail(err, QX_E_INVALID_ARG, 0, "the claim has more than %d words",
                      MAX_CLAIM_WORDS);
    if (rc == QX_OK) {
        c.A = A.data;
        c.C = C.data;
        c.n = A.len;
        c.m = C.len;
        c.skip = qx__malloc(a, A.len + 1);
        if (!c.skip)
            rc = QX_E_NOMEM;
    }
    if (rc == QX_OK) {
        memset(c.skip, 0, A.len + 1);
        rc = mark_interruptions(&c);
        if (rc == QX_OK)
            rc = run(&c, v);
    }
    qx__free(a, c.skip);
    qx__vec_free(&A, a);
    qx__vec_free(&C, a);
    if (rc != QX_OK) {
        if (rc == QX_E_NOMEM)
            qx__fail(err, rc, 0, NULL);
        qx_verification_free(v);
        return rc;
    }
    *out = v;
    return QX_OK;
}

qx_status qx_verify(const qx_extractor *ex, qx_state *st, const char *text, size_t len,
                    const char *claim, size_t claim_len, const char *speaker, size_t speaker_len,
                    qx_verification **out, qx_error *err) {
    if (out)
        *out = NULL;
    if (!ex || !out)
        return qx__fail(err, QX_E_INVALID_ARG, 0, "extractor and out are required");
    qx_result *res = NULL;
    qx_status rc = qx_extract(ex, st, text, len, &res, err);
    if (rc != QX_OK)
        return rc;
    rc = qx_verify_result(ex, res, text, len, claim, claim_len, speaker, speaker_len, out, err);
    if (rc != QX_OK) {
        qx_result_free(res);
        return rc;
    }
    (*out)->owned = res;
    return QX_OK;
}

qx_verdict qx_verification_verdict(const qx_verification *v) {
    return v ? v->verdict : QX_VERDICT_NOT_FOUND;
}

qx_match qx_verification_match(const qx_verification *v) { return v ? v->match : QX_MATCH_NONE; }

const qx_quote *qx_verification_quote(const qx_verification *v) {
    return v && v->quote_index != QX_UNSET ? qx_result_get(v->res, v->quote_index) : NULL;
}

size_t qx_verification_quote_index(const qx_verification *v) {
    return v ? v->quote_index : QX_UNSET;
}

qx_span qx_verification_span(const qx_verification *v) {
    return v ? v->span : (qx_span){QX_UNSET, QX_UNSET};
}

const char *qx_verification_speaker(const qx_verification *v) {
    const qx_quote *q = qx_verification_quote(v);
    return q ? q->speaker : NULL;
}

double qx_verification_confidence(const qx_verification *v) { return v ? v->confidence : 0.0; }

size_t qx_verification_difference_count(const qx_verification *v) { return v ? v->n_diffs : 0; }

const qx_difference *qx_verification_difference(const qx_verification *v, size_t i) {
    return v && i < v->n_diffs ? &v->diffs[i] : NULL;
}

void qx_verification_free(qx_verification *v) {
    if (!v)
        return;
    qx_allocator a = v->alloc;
    qx_result_free(v->owned);
    qx__free(&a, v->diffs);
    qx__free(&a, v);
}
