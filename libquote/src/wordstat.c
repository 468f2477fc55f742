/* How the document writes each word: ever in lower case, ever capitalised
 * in the middle of a sentence. A capitalised word that opens a sentence is
 * a name only if the text also capitalises it where capitals are not
 * forced; "Poor" in "Poor Alice said" is written "poor" elsewhere and never
 * capitalised mid-sentence, "Alice" is. */
#include "internal.h"

static uint64_t fold_hash(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        h = (h ^ c) * 1099511628211ull;
    }
    return h | 1; /* 0 marks an empty slot */
}

/* Doubles the table (first use: 256 slots) and re-inserts the keys. */
static int grow(qx__wordstat *ws, const qx_allocator *a) {
    size_t cap = ws->cap ? ws->cap * 2 : 256;
    uint64_t *keys = qx__malloc(a, cap * sizeof *keys);
    uint8_t *flags = qx__malloc(a, cap);
    if (!keys || !flags) {
        qx__free(a, keys);
        qx__free(a, flags);
        return 0;
    }
    memset(keys, 0, cap * sizeof *keys);
    for (size_t k = 0; k < ws->cap; k++) {
        if (!ws->keys[k])
            continue;
        size_t i = (size_t)(ws->keys[k] >> 7) & (cap - 1);
        while (keys[i])
            i = (i + 1) & (cap - 1);
        keys[i] = ws->keys[k];
        flags[i] = ws->flags[k];
    }
    qx__free(a, ws->keys);
    qx__free(a, ws->flags);
    ws->keys = keys;
    ws->flags = flags;
    ws->cap = cap;
    return 1;
}

/* The flags of word hash h, inserted if new; NULL when out of memory. The
 * table holds distinct words, at most half full, so its size follows the
 * vocabulary rather than the length of the text. */
static uint8_t *slot(qx__wordstat *ws, uint64_t h, const qx_allocator *a) {
    if ((ws->used + 1) * 2 > ws->cap && !grow(ws, a))
        return NULL;
    size_t mask = ws->cap - 1, i = (size_t)(h >> 7) & mask;
    while (ws->keys[i] && ws->keys[i] != h)
        i = (i + 1) & mask;
    if (!ws->keys[i]) {
        ws->keys[i] = h;
        ws->flags[i] = 0;
        ws->used++;
    }
    return &ws->flags[i];
}

/* Word characters: letters, digits, apostrophes and hyphens inside a word. */
static int word_byte(unsigned char c) {
    return (unsigned)((c | 32) - 'a') < 26 || (unsigned)(c - '0') < 10 || c >= 0x80;
}

qx_status qx__wordstat_build(qx__wordstat *ws, const qx__doc *d) {
    const char *t = d->text;
    size_t len = d->len;
    memset(ws, 0, sizeof *ws);
    /* word_byte as a table: the loops below test every byte. A word byte's
     * entry is the byte as fold_hash reads it (ASCII capitals folded), and
     * never 0, so the hashing loop reads one table per byte. */
    uint8_t wb[256];
    for (unsigned c = 0; c < 256; c++)
        wb[c] = (uint8_t)(!word_byte((unsigned char)c) ? 0 : c >= 'A' && c <= 'Z' ? c + 32 : c);
    size_t i = 0;
    while (i < len) {
        unsigned char c0 = (unsigned char)t[i];
        if (!wb[c0]) {
            i++;
            continue;
        }
        size_t b = i;
        uint8_t f = 0;
        int lower, upper;
        if (c0 < 0x80) { /* the common case, without decoding */
            lower = c0 >= 'a' && c0 <= 'z';
            upper = c0 >= 'A' && c0 <= 'Z';
        } else {
            size_t k;
            uint32_t c = qx__utf8_at(t, len, b, &k);
            lower = qx__is_lower(c);
            upper = !lower && qx__is_upper(c);
        }
        if (lower) {
            f = QX__WORD_LOWER;
        } else if (upper) {
            /* Mid-sentence: the word before ends in a letter, digit or comma,
             * with only spaces between (no quote mark, no line break). */
            size_t j = b;
            while (j > 0 && t[j - 1] == ' ')
                j--;
            /* A word in capitals there is emphasis ("was VERY ugly"), not a
             * name: "Very soon" opening a sentence stays a plain word. */
            int caps = b + 1 < len && t[b + 1] >= 'A' && t[b + 1] <= 'Z';
            if (j < b && j > 0 && !caps && (word_byte((unsigned char)t[j - 1]) || t[j - 1] == ','))
                f = QX__WORD_CAP_MID;
        }
        if (!f) { /* nothing to record: skip the word without hashing it */
            while (i < len && wb[(unsigned char)t[i]])
                i++;
            continue;
        }
        uint64_t h = 1469598103934665603ull; /* fold_hash, in the same pass */
        for (unsigned v; i < len && (v = wb[(unsigned char)t[i]]) != 0; i++)
            h = (h ^ v) * 1099511628211ull;
        uint8_t *fl = slot(ws, h | 1, d->a);
        if (!fl) {
            qx__wordstat_free(ws, d->a);
            return QX_E_NOMEM;
        }
        *fl |= f;
    }
    return QX_OK;
}

unsigned qx__wordstat_get(const qx__wordstat *ws, const char *s, size_t n) {
    if (!ws->cap)
        return 0;
    uint64_t h = fold_hash(s, n);
    size_t mask = ws->cap - 1, i = (size_t)(h >> 7) & mask;
    while (ws->keys[i]) {
        if (ws->keys[i] == h)
            return ws->flags[i];
        i = (i + 1) & mask;
    }
    return 0;
}

void qx__wordstat_free(qx__wordstat *ws, const qx_allocator *a) {
    qx__free(a, ws->keys);
    qx__free(a, ws->flags);
    memset(ws, 0, sizeof *ws);
}
