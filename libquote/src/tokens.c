/* Word tokens for comparing quotes across copies of a story: each word is
 * casefolded, punctuation and quote marks are dropped, and apostrophes inside
 * a word are removed, so that "Don’t," and don't compare equal. A token keeps
 * its byte span in the source and a 64-bit hash of its normalised form. */
#include "internal.h"

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* Simple lower-casing for the ranges qx__is_upper knows. */
static uint32_t fold(uint32_t c) {
    if (!qx__is_upper(c))
        return c;
    if (c < 0x80 || (c >= 0xC0 && c <= 0xDE) || (c >= 0x391 && c <= 0x3AB) ||
        (c >= 0x410 && c <= 0x42F))
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    return c + 1; /* Latin Extended-A: even upper, odd lower */
}

static uint64_t hash_cp(uint64_t h, uint32_t c) {
    /* Hash the code point's value, not its encoding: one byte per 8 bits. */
    do {
        h = (h ^ (c & 0xFF)) * FNV_PRIME;
        c >>= 8;
    } while (c);
    return h;
}

static int is_apostrophe(uint32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

static int is_ellipsis_at(const char *s, size_t len, size_t i, size_t *n) {
    uint32_t c = qx__utf8_at(s, len, i, n);
    if (c == 0x2026)
        return 1;
    /* "..." and ". . ." */
    size_t j = i, dots = 0;
    while (j < len && (s[j] == '.' || (s[j] == ' ' && j + 1 < len && s[j + 1] == '.' && dots))) {
        dots += s[j] == '.';
        j++;
    }
    if (dots >= 3) {
        *n = j - i;
        return 1;
    }
    return 0;
}

int qx__next_token(const char *s, size_t len, size_t *pos, qx__tok *t) {
    size_t i = *pos;
    int elided = 0;
    while (i < len) {
        size_t n;
        uint32_t c = qx__utf8_at(s, len, i, &n);
        if (qx__is_alnum(c))
            break;
        size_t en;
        if (is_ellipsis_at(s, len, i, &en)) {
            elided = 1;
            i += en;
        } else {
            i += n ? n : 1;
        }
    }
    if (i >= len) {
        *pos = len;
        return 0;
    }
    t->start = i;
    t->hash = FNV_BASIS;
    t->elided = elided;
    while (i < len) {
        size_t n;
        uint32_t c = qx__utf8_at(s, len, i, &n);
        if (qx__is_alnum(c)) {
            t->hash = hash_cp(t->hash, fold(c));
        } else if (is_apostrophe(c) && i + n < len) {
            /* inside a word only: don't, O’Brien */
            size_t m;
            if (!qx__is_alnum(qx__utf8_at(s, len, i + n, &m)))
                break;
        } else {
            break;
        }
        i += n ? n : 1;
    }
    t->end = i;
    *pos = i;
    return 1;
}

qx_status qx__tokenize(const char *s, size_t len, size_t base, const qx_allocator *a, qx__vec *out) {
    size_t pos = 0;
    qx__tok t;
    while (qx__next_token(s, len, &pos, &t)) {
        qx__tok *slot = qx__vec_push(out, a);
        if (!slot)
            return QX_E_NOMEM;
        t.start += base;
        t.end += base;
        *slot = t;
    }
    return QX_OK;
}

static uint64_t key_add(uint64_t h, uint64_t tok) {
    for (int b = 0; b < 8; b++)
        h = (h ^ ((tok >> (8 * b)) & 0xFF)) * FNV_PRIME;
    return h;
}

uint64_t qx__tokens_key(const qx__tok *t, size_t n) {
    uint64_t h = FNV_BASIS;
    for (size_t i = 0; i < n; i++)
        h = key_add(h, t[i].hash);
    return h;
}

/* The keys are computed token by token, so they allocate nothing. */
qx_status qx_text_key(const char *text, size_t len, uint64_t *key) {
    if ((!text && len) || !key)
        return QX_E_INVALID_ARG;
    if (!text)
        text = "";
    if (qx__utf8_check(text, len) != len)
        return QX_E_BAD_UTF8;
    uint64_t h = FNV_BASIS;
    size_t pos = 0;
    qx__tok t;
    while (qx__next_token(text, len, &pos, &t))
        h = key_add(h, t.hash);
    *key = h;
    return QX_OK;
}

qx_status qx_quote_key(const char *text, size_t len, const qx_quote *q, uint64_t *key) {
    if (!text || !q || !key)
        return QX_E_INVALID_ARG;
    /* The words of every segment in order: the interruption of a split quote
     * ("..., she said, ...") is not part of it. */
    uint64_t h = FNV_BASIS;
    for (size_t i = 0; i < q->n_segments; i++) {
        qx_span s = q->segments[i].inner;
        if (s.start > s.end || s.end > len)
            return QX_E_INVALID_ARG;
        size_t pos = 0;
        qx__tok t;
        while (qx__next_token(text + s.start, s.end - s.start, &pos, &t))
            h = key_add(h, t.hash);
    }
    *key = h;
    return QX_OK;
}

uint64_t qx__word_hash(const char *s, size_t len, uint32_t *first, size_t *n_alnum) {
    uint64_t h = FNV_BASIS;
    size_t i = 0, k = 0;
    *first = 0;
    while (i < len) {
        size_t n;
        uint32_t c = qx__utf8_at(s, len, i, &n);
        if (qx__is_alnum(c)) {
            c = fold(c);
            if (!k)
                *first = c;
            k++;
            h = hash_cp(h, c);
        }
        i += n ? n : 1;
    }
    *n_alnum = k;
    return h;
}
