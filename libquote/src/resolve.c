/* Speaker resolution within the document: a surname or first name to the
 * fullest name of that person, a pronoun to the most recent compatible named
 * speaker, a description kept as written. */
#include <stdlib.h>

#include "internal.h"

typedef struct key {
    const char *s; /* a name token in the text */
    size_t n;
    qx_span full;  /* the fullest name with that token */
    size_t count;  /* how many distinct full names share the token */
} key;

typedef struct index {
    key *last, *first;
    size_t n_last, n_first;
} index;

static int key_cmp(const void *a, const void *b) {
    const key *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    return c ? c : (x->n < y->n ? -1 : x->n > y->n);
}

/* Name tokens of span s, titles skipped; returns the count. */
static size_t name_tokens(const qx__doc *d, qx_span s, qx_span *tk, size_t max) {
    const char *t = d->text;
    size_t n = 0, i = s.start;
    while (i < s.end && n < max) {
        while (i < s.end && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t'))
            i++;
        size_t b = i;
        while (i < s.end && t[i] != ' ' && t[i] != '\n' && t[i] != '\t')
            i++;
        if (i > b) {
            tk[n].start = b;
            tk[n].end = i;
            n++;
        }
    }
    size_t first = 0;
    while (first + 1 < n && qx__words_has(&d->ex->lex.titles, t + tk[first].start, tk[first].end - tk[first].start))
        first++;
    if (first) {
        memmove(tk, tk + first, (n - first) * sizeof *tk);
        n -= first;
    }
    return n;
}

/* Orders keys by token, then by the full name's text. */
static int key_full_cmp(const key *x, const key *y, const char *t) {
    int c = key_cmp(x, y);
    if (c)
        return c;
    size_t lx = x->full.end - x->full.start, ly = y->full.end - y->full.start;
    c = memcmp(t + x->full.start, t + y->full.start, lx < ly ? lx : ly);
    return c ? c : (lx < ly ? -1 : lx > ly);
}

/* Merge sort with a scratch array: the comparison needs the text, and
 * qsort has no argument for it (no global state here). */
static void sort_keys(key *k, key *tmp, size_t n, const char *t) {
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                tmp[o++] = key_full_cmp(&k[i], &k[j], t) <= 0 ? k[i++] : k[j++];
            while (i < mid)
                tmp[o++] = k[i++];
            while (j < hi)
                tmp[o++] = k[j++];
        }
        memcpy(k, tmp, n * sizeof *k);
    }
}

/* Folds equal tokens into one key whose full name is the most frequent
 * (then the longest) of the names ending or starting with that token: a
 * capitalised run seen once ("Harvest Festival Tony") loses to the name the
 * text keeps using. count is the number of distinct full names. */
static size_t fold(const qx__doc *d, key *k, size_t n, key *tmp) {
    if (!n)
        return 0;
    sort_keys(k, tmp, n, d->text);
    size_t o = 0, i = 0;
    while (i < n) {
        size_t j = i, best_run = 0, distinct = 0;
        qx_span best = k[i].full;
        while (j < n && key_cmp(&k[j], &k[i]) == 0) {
            size_t r = j;
            while (r < n && key_full_cmp(&k[r], &k[j], d->text) == 0)
                r++;
            size_t run = r - j, len = k[j].full.end - k[j].full.start;
            if (run > best_run || (run == best_run && len > best.end - best.start)) {
                best_run = run;
                best = k[j].full;
            }
            distinct++;
            j = r;
        }
        k[o] = k[i];
        k[o].full = best;
        k[o].count = distinct;
        o++;
        i = j;
    }
    return o;
}

static qx_status build_index(qx__doc *d, index *ix) {
    const qx_extractor *ex = d->ex;
    qx__vec last, first;
    qx__vec_init(&last, sizeof(key));
    qx__vec_init(&first, sizeof(key));
    memset(ix, 0, sizeof *ix);
    for (size_t r = 0; r < ex->n_rules; r++) {
        const qx__rule *rule = &ex->rules[r];
        if (rule->where != QX__NAMES)
            continue;
        for (size_t pi = 0; pi < d->paras->len; pi++) {
            const qx__para *p = &QX__AT(*d->paras, qx__para, pi);
            size_t pos = p->start;
            while (pos < p->end) {
                int m = qx__rule_match(d, rule, pos, p->end);
                if (m < 0) {
                    qx__vec_free(&last, d->a);
                    qx__vec_free(&first, d->a);
                    return (qx_status)m;
                }
                if (m == 0)
                    break;
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->st->md);
                qx_span s = {ov[0], ov[1]};
                pos = ov[1] > pos ? ov[1] : pos + 1;
                qx_span tk[8];
                size_t n = name_tokens(d, s, tk, 8);
                if (n < 2)
                    continue;
                qx_span full = {tk[0].start, tk[n - 1].end};
                key *kl = qx__vec_push(&last, d->a), *kf = kl ? qx__vec_push(&first, d->a) : NULL;
                if (!kl || !kf) {
                    qx__vec_free(&last, d->a);
                    qx__vec_free(&first, d->a);
                    return QX_E_NOMEM;
                }
                *kl = (key){d->text + tk[n - 1].start, tk[n - 1].end - tk[n - 1].start, full, 1};
                *kf = (key){d->text + tk[0].start, tk[0].end - tk[0].start, full, 1};
            }
        }
    }
    key *tmp = qx__malloc(d->a, (last.len ? last.len : 1) * sizeof *tmp);
    if (!tmp) {
        qx__vec_free(&last, d->a);
        qx__vec_free(&first, d->a);
        return QX_E_NOMEM;
    }
    ix->last = last.data;
    ix->n_last = fold(d, ix->last, last.len, tmp);
    ix->first = first.data;
    ix->n_first = fold(d, ix->first, first.len, tmp);
    qx__free(d->a, tmp);
    return QX_OK;
}

static const key *lookup(const key *k, size_t n, const char *s, size_t len) {
    key probe = {s, len, {0, 0}, 0};
    return n ? bsearch(&probe, k, n, sizeof *k, key_cmp) : NULL;
}

static qx_status set_speaker(qx__doc *d, qx__rec *r, const char *s, size_t n) {
    while (n && (*s == ' ' || *s == '\n'))
        s++, n--;
    if (!n)
        return QX_OK;
    r->speaker_off = d->strings.len;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] == '\n' ? ' ' : s[i];
        if (!qx__buf_append(&d->strings, d->a, &c, 1))
            return QX_E_NOMEM;
    }
    return qx__buf_append(&d->strings, d->a, "", 1) ? QX_OK : QX_E_NOMEM;
}

static int honorific(const char *s, size_t n) {
    static const char *const h[] = {"Mrs.", "Miss", "Ms.", "Mr.", "Mx.", "Mrs", "Ms", "Mr", NULL};
    for (int i = 0; h[i]; i++)
        if (strlen(h[i]) == n && !memcmp(s, h[i], n))
            return 1;
    return 0;
}

static qx_status resolve_name(qx__doc *d, const index *ix, qx__rec *r) {
    const char *t = d->text;
    qx_span tk[8];
    size_t n = name_tokens(d, r->name, tk, 8);
    if (!n)
        return QX_OK;
    if (n == 1) {
        /* An honorific with a surname (Mrs. Smith) names one person of a
         * family: resolve it only when the document knows one full name. */
        int hon = r->role.start != QX_UNSET && r->role.end == r->name.start - 1 &&
                  honorific(t + r->role.start, r->role.end - r->role.start);
        const key *k = lookup(ix->last, ix->n_last, t + tk[0].start, tk[0].end - tk[0].start);
        if (k && (!hon || k->count == 1))
            return set_speaker(d, r, t + k->full.start, k->full.end - k->full.start);
        if (hon)
            return set_speaker(d, r, t + r->role.start, r->name.end - r->role.start);
        k = lookup(ix->first, ix->n_first, t + tk[0].start, tk[0].end - tk[0].start);
        if (k && k->count == 1)
            return set_speaker(d, r, t + k->full.start, k->full.end - k->full.start);
    }
    return set_speaker(d, r, t + tk[0].start, tk[n - 1].end - tk[0].start);
}

static qx_status resolve_pronoun(qx__doc *d, size_t k, qx__rec *r) {
    const char *t = d->text;
    const qx__pronoun *p = qx__pronoun_find(&d->ex->lex, t + r->mention.start, r->mention.end - r->mention.start);
    if ((d->ex->flags & QX_FLAG_KEEP_PRONOUNS) || !p || (p->gender != 'm' && p->gender != 'f'))
        return set_speaker(d, r, t + r->mention.start, r->mention.end - r->mention.start);
    for (size_t j = k; j-- > 0;) {
        const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
        if (q->para + 4 < r->para)
            break;
        if (q->is_pronoun || q->is_desc || q->name.start == QX_UNSET || q->speaker_off == QX_UNSET)
            continue;
        if (q->inherit >= 0)
            continue;
        /* An honorific tells the gender: Mr. is never "she". */
        if (q->role.start != QX_UNSET) {
            const char *rs = t + q->role.start;
            size_t rn = q->role.end - q->role.start;
            int fem = (rn >= 3 && (!memcmp(rs, "Mrs", 3) || !memcmp(rs, "Ms.", 3))) || (rn >= 4 && !memcmp(rs, "Miss", 4));
            int masc = rn >= 3 && !memcmp(rs, "Mr.", 3);
            if ((fem && p->gender == 'm') || (masc && p->gender == 'f'))
                continue;
        }
        r->speaker_off = q->speaker_off; /* shared: the arena may move on append */
        return QX_OK;
    }
    return set_speaker(d, r, t + r->mention.start, r->mention.end - r->mention.start);
}

static qx_status resolve_desc(qx__doc *d, qx__rec *r) {
    const char *s = d->text + r->mention.start;
    size_t n = r->mention.end - r->mention.start;
    static const char *const det[] = {"the ", "The ", "a ", "A ", "an ", "An ", NULL};
    for (int i = 0; det[i]; i++) {
        size_t l = strlen(det[i]);
        if (n > l && !memcmp(s, det[i], l)) {
            s += l;
            n -= l;
            break;
        }
    }
    return set_speaker(d, r, s, n);
}

qx_status qx__resolve_speakers(qx__doc *d) {
    index ix;
    qx_status rc = build_index(d, &ix);
    if (rc != QX_OK)
        return rc;
    for (size_t k = 0; k < d->recs.len && rc == QX_OK; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->inherit >= 0) {
            const qx__rec *src = &QX__AT(d->recs, qx__rec, r->inherit);
            r->mention = src->mention;
            r->name = src->name;
            r->is_pronoun = src->is_pronoun;
            if (src->speaker_off != QX_UNSET) {
                r->speaker_off = src->speaker_off;
            }
            continue;
        }
        if (r->mention.start == QX_UNSET)
            continue;
        if (r->is_pronoun)
            rc = resolve_pronoun(d, k, r);
        else if (r->is_desc || r->name.start == QX_UNSET)
            rc = resolve_desc(d, r);
        else
            rc = resolve_name(d, &ix, r);
    }
    qx__free(d->a, ix.last);
    qx__free(d->a, ix.first);
    return rc;
}
