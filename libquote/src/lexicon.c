/* Lexicons: parsing their text formats into sorted tables, looking entries up. */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

int qx__next_line(const char *text, size_t len, size_t *pos, size_t *lineno, qx__line *out,
                  int keep_indent) {
    while (*pos < len) {
        size_t s = *pos, e = s;
        while (e < len && text[e] != '\n')
            e++;
        *pos = e < len ? e + 1 : e;
        (*lineno)++;
        size_t b = s;
        while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r'))
            b++;
        size_t t = e;
        while (t > b && (text[t - 1] == ' ' || text[t - 1] == '\t' || text[t - 1] == '\r'))
            t--;
        if (b == t || text[b] == '#')
            continue;
        out->s = keep_indent ? text + s : text + b;
        out->len = t - (keep_indent ? s : b);
        out->lineno = *lineno;
        return 1;
    }
    return 0;
}

/* Split a line into whitespace-separated fields; returns the count (<= max). */
static size_t fields(const char *s, size_t len, const char **f, size_t *fl, size_t max) {
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= len)
            break;
        size_t b = i;
        while (i < len && s[i] != ' ' && s[i] != '\t')
            i++;
        f[n] = s + b;
        fl[n] = i - b;
        n++;
    }
    return n;
}

static qx_status syntax(qx_error *err, size_t line, const char *what) {
    qx__fail(err, QX_E_SYNTAX, 0, "line %zu: %s", line, what);
    if (err)
        err->line = line;
    return QX_E_SYNTAX;
}

qx_status qx__lexicon_validate(qx_lexicon which, const char *text, size_t len, qx_error *err) {
    if (qx__utf8_check(text, len) != len)
        return qx__fail(err, QX_E_BAD_UTF8, qx__utf8_check(text, len), "lexicon is not valid UTF-8");
    size_t pos = 0, lineno = 0;
    qx__line ln;
    while (qx__next_line(text, len, &pos, &lineno, &ln, 0)) {
        const char *f[4];
        size_t fl[4];
        size_t n = fields(ln.s, ln.len, f, fl, 4);
        switch (which) {
        case QX_LEX_PRONOUN:
            if (n != 2 || fl[1] != 1 || !strchr("mfxpn", f[1][0]))
                return syntax(err, ln.lineno, "expected 'pronoun gender' with gender m, f, x, p or n");
            break;
        case QX_LEX_GENDER:
            if (n < 2 || n > 3 || fl[1] != 1 || !strchr("mf", f[1][0]) ||
                (n == 3 && !(fl[2] == 7 && !memcmp(f[2], "pronoun", 7))))
                return syntax(err, ln.lineno, "expected 'word gender [pronoun]' with gender m or f");
            break;
        case QX_LEX_MARKS:
            if (n < 2 || fl[0] >= 8 || fl[1] >= 8)
                return syntax(err, ln.lineno, "expected 'open close [symmetric] [single]'");
            for (size_t k = 2; k < n; k++)
                if (!(fl[k] == 9 && !memcmp(f[k], "symmetric", 9)) &&
                    !(fl[k] == 6 && !memcmp(f[k], "single", 6)))
                    return syntax(err, ln.lineno, "unknown mark flag (symmetric or single)");
            break;
        case QX_LEX_CUE: {
            const char *eq = memchr(ln.s, '=', ln.len);
            if (eq) {
                size_t head = (size_t)(eq - ln.s);
                if (head == 0 || ln.len - head < 2)
                    return syntax(err, ln.lineno, "expected 'lemma [+that] [+naming] = form, form'");
            }
            break;
        }
        default:
            break;
        }
    }
    return QX_OK;
}

/* ---- building tables ---- */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_cue(const void *a, const void *b) {
    return strcmp(((const qx__cue *)a)->form, ((const qx__cue *)b)->form);
}

static int cmp_pron(const void *a, const void *b) {
    return strcmp(((const qx__pronoun *)a)->word, ((const qx__pronoun *)b)->word);
}

/* Lower-case ASCII and fold runs of white space into one space. */
static size_t normalise(char *dst, const char *s, size_t len, int lower) {
    size_t n = 0;
    int sp = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sp = n > 0;
            continue;
        }
        if (sp) {
            dst[n++] = ' ';
            sp = 0;
        }
        dst[n++] = (char)(lower && c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    dst[n] = '\0';
    return n;
}

static char *dup_norm(const qx_allocator *a, const char *s, size_t len, int lower) {
    char *r = qx__malloc(a, len + 1);
    if (r)
        normalise(r, s, len, lower);
    return r;
}

static qx_status add_word(qx__vec *v, const qx_allocator *a, const char *s, size_t len, int lower) {
    char **slot = qx__vec_push(v, a);
    if (!slot)
        return QX_E_NOMEM;
    *slot = dup_norm(a, s, len, lower);
    if (!*slot) {
        v->len--;
        return QX_E_NOMEM;
    }
    return QX_OK;
}

static void words_dedupe(qx__words *w, const qx_allocator *a) {
    if (!w->n)
        return;
    qsort(w->items, w->n, sizeof(char *), cmp_str);
    size_t o = 1;
    for (size_t i = 1; i < w->n; i++) {
        if (strcmp(w->items[i], w->items[o - 1]) == 0)
            qx__free(a, w->items[i]);
        else
            w->items[o++] = w->items[i];
    }
    w->n = o;
}

/* FNV-1a of s[0, n), with ASCII capitals folded when fold is set. */
static uint64_t words_hash(const char *s, size_t n, int fold) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (fold && c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 1099511628211ull;
    }
    return h;
}

/* The hash set of w's items (distinct after words_dedupe), at most half full. */
static qx_status words_index(qx__words *w, const qx_allocator *a) {
    size_t cap = 8;
    while (cap < 2 * w->n)
        cap *= 2;
    w->slots = qx__malloc(a, cap * sizeof *w->slots);
    if (!w->slots)
        return QX_E_NOMEM;
    memset(w->slots, 0, cap * sizeof *w->slots);
    w->mask = cap - 1;
    for (size_t k = 0; k < w->n; k++) {
        size_t i = (size_t)words_hash(w->items[k], strlen(w->items[k]), 0) & w->mask;
        while (w->slots[i])
            i = (i + 1) & w->mask;
        w->slots[i] = (uint32_t)(k + 1);
    }
    return QX_OK;
}

static qx_status build_words(qx__words *w, const qx__buf *src, const qx_allocator *a, int lower) {
    qx__vec v;
    qx__vec_init(&v, sizeof(char *));
    size_t pos = 0, lineno = 0;
    qx__line ln;
    while (src->data && qx__next_line(src->data, src->len, &pos, &lineno, &ln, 0)) {
        if (add_word(&v, a, ln.s, ln.len, lower) != QX_OK) {
            for (size_t i = 0; i < v.len; i++)
                qx__free(a, QX__AT(v, char *, i));
            qx__vec_free(&v, a);
            return QX_E_NOMEM;
        }
    }
    w->items = v.data;
    w->n = v.len;
    words_dedupe(w, a);
    return words_index(w, a); /* on failure the caller frees w with the rest */
}

static qx_status build_cues(qx__lexicons *lx, const qx__buf *src, const qx_allocator *a) {
    qx__vec cues, lemmas;
    qx__vec_init(&cues, sizeof(qx__cue));
    qx__vec_init(&lemmas, sizeof(char *));
    qx_status rc = QX_OK;
    size_t pos = 0, lineno = 0;
    qx__line ln;
    while (src->data && qx__next_line(src->data, src->len, &pos, &lineno, &ln, 0)) {
        const char *eq = memchr(ln.s, '=', ln.len);
        const char *head = ln.s;
        size_t head_len = eq ? (size_t)(eq - ln.s) : ln.len;
        int that = 0, naming = 0;
        const char *plus = memchr(head, '+', head_len);
        if (plus) {
            for (const char *f = plus; f; f = memchr(f + 1, '+', (size_t)(head + head_len - f - 1))) {
                size_t left = (size_t)(head + head_len - f);
                that |= left >= 5 && !memcmp(f, "+that", 5);
                naming |= left >= 7 && !memcmp(f, "+naming", 7);
            }
            head_len = (size_t)(plus - head);
        }
        char **lem = qx__vec_push(&lemmas, a);
        if (!lem || !(*lem = dup_norm(a, head, head_len, 1))) {
            if (lem)
                lemmas.len--;
            rc = QX_E_NOMEM;
            goto done;
        }
        const char *p = eq ? eq + 1 : ln.s, *end = ln.s + ln.len;
        while (p < end) {
            const char *c = memchr(p, ',', (size_t)(end - p));
            const char *fe = c ? c : end;
            const char *b = p;
            while (b < fe && (*b == ' ' || *b == '\t'))
                b++;
            if (b < fe) {
                qx__cue *cue = qx__vec_push(&cues, a);
                if (!cue || !(cue->form = dup_norm(a, b, (size_t)(fe - b), 1))) {
                    if (cue)
                        cues.len--;
                    rc = QX_E_NOMEM;
                    goto done;
                }
                cue->lemma = *lem;
                cue->that = that;
                cue->naming = naming;
            }
            p = c ? c + 1 : end;
        }
    }
done:
    lx->cues = cues.data;
    lx->n_cues = cues.len;
    lx->lemmas = lemmas.data;
    lx->n_lemmas = lemmas.len;
    if (rc == QX_OK && lx->n_cues) {
        qsort(lx->cues, lx->n_cues, sizeof(qx__cue), cmp_cue);
        size_t o = 1;
        for (size_t i = 1; i < lx->n_cues; i++) {
            if (strcmp(lx->cues[i].form, lx->cues[o - 1].form) == 0) {
                lx->cues[o - 1].that |= lx->cues[i].that;
                lx->cues[o - 1].naming |= lx->cues[i].naming;
                qx__free(a, lx->cues[i].form);
            } else {
                lx->cues[o++] = lx->cues[i];
            }
        }
        lx->n_cues = o;
    }
    return rc;
}

static int ascii_letter(char c) { return (unsigned)(((unsigned char)c | 32) - 'a') < 26u; }

/* The heads of the +that cue forms, for qx__that_cue_heads. */
static qx_status build_that_heads(qx__lexicons *lx, const qx_allocator *a) {
    qx__vec v;
    qx__vec_init(&v, sizeof(char *));
    lx->that_heads_all = 1;
    for (size_t i = 0; i < lx->n_cues; i++) {
        const char *f = lx->cues[i].form;
        size_t n = 0;
        if (!lx->cues[i].that)
            continue;
        while (ascii_letter(f[n]))
            n++;
        if (n == 0 || n > 31) {
            lx->that_heads_all = 0;
            continue;
        }
        lx->that_lens[(f[0] | 32) - 'a'][n > 1 ? (f[1] | 32) - 'a' : 26] |= 1u << n;
        if (add_word(&v, a, f, n, 1) != QX_OK) {
            for (size_t k = 0; k < v.len; k++)
                qx__free(a, QX__AT(v, char *, k));
            qx__vec_free(&v, a);
            return QX_E_NOMEM;
        }
    }
    lx->that_heads.items = v.data;
    lx->that_heads.n = v.len;
    words_dedupe(&lx->that_heads, a);
    return words_index(&lx->that_heads, a);
}

/* The pronoun and gender lexicons share one shape: "word gender [pronoun]". */
/* A word's hash for the Bloom filters, ASCII letters folded to
 * lower case as the tables store them. */
static uint64_t bloom_hash(const char *s, size_t n) { /* find_word computes it inline */
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 1099511628211ull;
    }
    return h;
}

/* Three probes on disjoint bits of the hash: word index 7 bits, bit 6. */
#define QX__BLOOM_PROBE(h, k) ((h) >> (13 * (k)))

static void bloom_add(uint64_t *bloom, uint64_t h) {
    for (int k = 0; k < 3; k++) {
        uint64_t p = QX__BLOOM_PROBE(h, k);
        bloom[(p >> 6) & (QX__BLOOM_WORDS - 1)] |= 1ull << (p & 63);
    }
}

static int bloom_may_have(const uint64_t *bloom, uint64_t h) {
    for (int k = 0; k < 3; k++) {
        uint64_t p = QX__BLOOM_PROBE(h, k);
        if (!((bloom[(p >> 6) & (QX__BLOOM_WORDS - 1)] >> (p & 63)) & 1))
            return 0;
    }
    return 1;
}

static qx_status build_pronouns(qx__pronoun **out, size_t *n_out, uint64_t *bloom,
                                const qx__buf *src, const qx_allocator *a) {
    qx__vec v;
    qx__vec_init(&v, sizeof(qx__pronoun));
    size_t pos = 0, lineno = 0;
    qx__line ln;
    qx_status rc = QX_OK;
    while (src->data && qx__next_line(src->data, src->len, &pos, &lineno, &ln, 0)) {
        const char *f[3];
        size_t fl[3];
        size_t n = fields(ln.s, ln.len, f, fl, 3);
        if (n < 2)
            continue;
        qx__pronoun *p = qx__vec_push(&v, a);
        if (!p || !(p->word = dup_norm(a, f[0], fl[0], 1))) {
            if (p)
                v.len--;
            rc = QX_E_NOMEM;
            break;
        }
        p->gender = f[1][0];
        p->pronoun = n == 3;
        bloom_add(bloom, bloom_hash(p->word, strlen(p->word)));
    }
    *out = v.data;
    *n_out = v.len;
    if (rc == QX_OK && v.len)
        qsort(*out, *n_out, sizeof(qx__pronoun), cmp_pron);
    return rc;
}

/* The index the binary search of find_word finds for word, or n. */
static size_t search_word(const qx__pronoun *t, size_t n, const char *word) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(t[mid].word, word);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return n;
}

/* The hash set of a sorted pronoun or gender table, by bloom_hash: each
 * distinct word leads to the entry the binary search returns, so that a
 * word listed twice resolves as it always did. */
static qx_status build_word_set(const qx__pronoun *t, size_t n, uint32_t **slots, size_t *mask,
                                const qx_allocator *a) {
    size_t cap = 8;
    while (cap < 2 * n)
        cap *= 2;
    *slots = qx__malloc(a, cap * sizeof **slots);
    if (!*slots)
        return QX_E_NOMEM;
    memset(*slots, 0, cap * sizeof **slots);
    *mask = cap - 1;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && !strcmp(t[k].word, t[k - 1].word))
            continue;
        size_t i = (size_t)bloom_hash(t[k].word, strlen(t[k].word)) & *mask;
        while ((*slots)[i])
            i = (i + 1) & *mask;
        (*slots)[i] = (uint32_t)(search_word(t, n, t[k].word) + 1);
    }
    return QX_OK;
}

static qx_status build_marks(qx__lexicons *lx, const qx__buf *src, const qx_allocator *a) {
    qx__vec v;
    qx__vec_init(&v, sizeof(qx__mark));
    size_t pos = 0, lineno = 0;
    qx__line ln;
    while (src->data && qx__next_line(src->data, src->len, &pos, &lineno, &ln, 0)) {
        const char *f[4];
        size_t fl[4];
        size_t n = fields(ln.s, ln.len, f, fl, 4);
        if (n < 2)
            continue;
        qx__mark *m = qx__vec_push(&v, a);
        if (!m) {
            lx->marks = v.data;
            lx->n_marks = v.len;
            return QX_E_NOMEM;
        }
        memcpy(m->open, f[0], fl[0]);
        memcpy(m->close, f[1], fl[1]);
        m->open_len = (uint8_t)fl[0];
        m->close_len = (uint8_t)fl[1];
        for (size_t k = 0; k < 2; k++) {
            unsigned char b = (unsigned char)f[k][0];
            if (fl[k])
                lx->mark_first[b >> 3] |= (uint8_t)(1u << (b & 7));
            if (fl[k] && v.len <= 64)
                lx->marks_of_byte[b] |= 1ull << (v.len - 1);
        }
        for (size_t k = 2; k < n; k++)
            m->flags |= f[k][1] == 'y' ? QX__MARK_SYMMETRIC : QX__MARK_SINGLE;
    }
    lx->marks = v.data;
    lx->n_marks = v.len;
    return QX_OK;
}

qx_status qx__lexicons_build(qx__lexicons *lx, const qx_options *o, qx_error *err) {
    const qx_allocator *a = &o->alloc;
    memset(lx, 0, sizeof *lx);
    qx_status rc;
    for (unsigned c = 0; c < 256; c++)
        lx->hash_byte[c] = (uint8_t)(c == ' ' || c == '\t' || c == '\n' || c == '\r' ? 0
                                     : c >= 'A' && c <= 'Z'                       ? c + 32
                                                                                  : c);
    if ((rc = build_cues(lx, &o->lex[QX_LEX_CUE], a)) != QX_OK ||
        (rc = build_that_heads(lx, a)) != QX_OK ||
        (rc = build_pronouns(&lx->pronouns, &lx->n_pronouns, lx->pronoun_bloom,
                             &o->lex[QX_LEX_PRONOUN], a)) != QX_OK ||
        (rc = build_pronouns(&lx->genders, &lx->n_genders, lx->gender_bloom,
                             &o->lex[QX_LEX_GENDER], a)) != QX_OK ||
        (rc = build_word_set(lx->pronouns, lx->n_pronouns, &lx->pronoun_slots,
                             &lx->pronoun_mask, a)) != QX_OK ||
        (rc = build_word_set(lx->genders, lx->n_genders, &lx->gender_slots, &lx->gender_mask,
                             a)) != QX_OK ||
        (rc = build_marks(lx, &o->lex[QX_LEX_MARKS], a)) != QX_OK ||
        (rc = build_words(&lx->titles, &o->lex[QX_LEX_TITLE], a, 0)) != QX_OK ||
        (rc = build_words(&lx->roles, &o->lex[QX_LEX_ROLE], a, 1)) != QX_OK ||
        (rc = build_words(&lx->abbrevs, &o->lex[QX_LEX_ABBREV], a, 0)) != QX_OK ||
        (rc = build_words(&lx->nonnames, &o->lex[QX_LEX_NONNAME], a, 0)) != QX_OK ||
        (rc = build_words(&lx->orgs, &o->lex[QX_LEX_ORG], a, 0)) != QX_OK ||
        (rc = build_words(&lx->places, &o->lex[QX_LEX_PLACE], a, 1)) != QX_OK)
        return qx__fail(err, rc, 0, NULL);
    return QX_OK;
}

static void words_free(qx__words *w, const qx_allocator *a) {
    for (size_t i = 0; i < w->n; i++)
        qx__free(a, w->items[i]);
    qx__free(a, w->items);
    qx__free(a, w->slots);
    w->items = NULL;
    w->slots = NULL;
    w->n = 0;
}

void qx__lexicons_free(qx__lexicons *lx, const qx_allocator *a) {
    for (size_t i = 0; i < lx->n_cues; i++)
        qx__free(a, lx->cues[i].form);
    qx__free(a, lx->cues);
    for (size_t i = 0; i < lx->n_lemmas; i++)
        qx__free(a, lx->lemmas[i]);
    qx__free(a, lx->lemmas);
    for (size_t i = 0; i < lx->n_pronouns; i++)
        qx__free(a, lx->pronouns[i].word);
    qx__free(a, lx->pronouns);
    for (size_t i = 0; i < lx->n_genders; i++)
        qx__free(a, lx->genders[i].word);
    qx__free(a, lx->genders);
    qx__free(a, lx->pronoun_slots);
    qx__free(a, lx->gender_slots);
    qx__free(a, lx->marks);
    words_free(&lx->titles, a);
    words_free(&lx->roles, a);
    words_free(&lx->abbrevs, a);
    words_free(&lx->nonnames, a);
    words_free(&lx->orgs, a);
    words_free(&lx->places, a);
    words_free(&lx->that_heads, a);
    memset(lx, 0, sizeof *lx);
}

/* Look up text (any case, any white space) in a sorted table. */
static int find_norm(const char *text, size_t len, int lower, char *buf, size_t cap) {
    if (len + 1 > cap)
        return 0;
    normalise(buf, text, len, lower);
    return 1;
}

const qx__cue *qx__cue_find(const qx__lexicons *lx, const char *text, size_t len) {
    char buf[128];
    if (!find_norm(text, len, 1, buf, sizeof buf))
        return NULL;
    size_t lo = 0, hi = lx->n_cues;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(lx->cues[mid].form, buf);
        if (c == 0)
            return &lx->cues[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The pronoun and gender tables are both sorted by word (build_pronouns). */
static const qx__pronoun *find_word(const qx__lexicons *lx, const qx__pronoun *t, size_t n,
                                    const uint64_t *bloom, const uint32_t *slots, size_t mask,
                                    const char *text, size_t len) {
    char buf[64];
    /* Text without white space normalises to itself, lower-cased: hashed
     * as the table's words were, in the pass that looks for white space,
     * then ruled out by the filter or looked up in the hash set (unless it
     * holds a NUL, where the table's C strings would end). */
    if (len < sizeof buf) {
        uint64_t h = 1469598103934665603ull;
        size_t i = 0;
        int nul = 0;
        for (; i < len; i++) {
            unsigned v = lx->hash_byte[(unsigned char)text[i]];
            if (!v) {
                if (text[i])
                    break;
                nul = 1;
            }
            h = (h ^ v) * 1099511628211ull;
        }
        if (i == len && !bloom_may_have(bloom, h))
            return NULL;
        if (i == len && !nul) {
            for (size_t k = (size_t)h & mask; slots[k]; k = (k + 1) & mask) {
                const qx__pronoun *e = &t[slots[k] - 1];
                for (i = 0; i < len && (unsigned char)e->word[i] == lx->hash_byte[(unsigned char)text[i]]; i++)
                    ;
                if (i == len && !e->word[len])
                    return e;
            }
            return NULL;
        }
    }
    if (!find_norm(text, len, 1, buf, sizeof buf))
        return NULL;
    size_t k = search_word(t, n, buf);
    return k < n ? &t[k] : NULL;
}

const qx__pronoun *qx__pronoun_find(const qx__lexicons *lx, const char *text, size_t len) {
    return find_word(lx, lx->pronouns, lx->n_pronouns, lx->pronoun_bloom, lx->pronoun_slots,
                     lx->pronoun_mask, text, len);
}

const qx__pronoun *qx__gender_find(const qx__lexicons *lx, const char *text, size_t len) {
    return find_word(lx, lx->genders, lx->n_genders, lx->gender_bloom, lx->gender_slots,
                     lx->gender_mask, text, len);
}

/* Is text[0, len) (ASCII capitals folded when fold is set) one of w's
 * items? As a C string, as the binary search with strcmp did: it ends at
 * a NUL byte, and 128 bytes or more are never an item. */
static int words_find(const qx__words *w, const char *text, size_t len, int fold) {
    if (len + 1 > 128 || !w->slots)
        return 0;
    const char *nul = memchr(text, '\0', len);
    if (nul)
        len = (size_t)(nul - text);
    for (size_t i = (size_t)words_hash(text, len, fold) & w->mask; w->slots[i]; i = (i + 1) & w->mask) {
        const char *item = w->items[w->slots[i] - 1];
        size_t k = 0;
        for (; k < len; k++) {
            unsigned char c = (unsigned char)text[k];
            if (fold && c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            if ((unsigned char)item[k] != c) /* an item's NUL ends the comparison */
                break;
        }
        if (k == len && item[len] == '\0')
            return 1;
    }
    return 0;
}

/* A cue of a clause rule stands after white space and before \b, so its
 * head is a whole run of letters of the text: the runs are looked up,
 * where the cue alternation would be tried at every letter. */
size_t qx__that_cue_heads(const qx__lexicons *lx, const char *text, size_t len, size_t base,
                          size_t *out, size_t max) {
    if (!lx->that_heads_all)
        return max + 1;
    size_t i = 0, n = 0;
    while (i < len) {
        if (!ascii_letter(text[i])) {
            i++;
            continue;
        }
        size_t s = i;
        while (i < len && ascii_letter(text[i]))
            i++;
        /* most words are ruled out by their first two letters and length */
        if (i - s < 32 &&
            (lx->that_lens[(text[s] | 32) - 'a'][i - s > 1 ? (text[s + 1] | 32) - 'a' : 26] >> (i - s) & 1) &&
            words_find(&lx->that_heads, text + s, i - s, 1)) {
            if (n == max)
                return max + 1;
            out[n++] = base + s;
        }
    }
    return n;
}

int qx__words_has(const qx__words *w, const char *text, size_t len) {
    return words_find(w, text, len, 0);
}

int qx__words_has_folded(const qx__words *w, const char *text, size_t len) {
    return words_find(w, text, len, 1);
}
