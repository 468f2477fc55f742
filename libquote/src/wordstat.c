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

static uint8_t *slot(qx__wordstat *ws, uint64_t h) {
    size_t mask = ws->cap - 1, i = (size_t)(h >> 7) & mask;
    while (ws->keys[i] && ws->keys[i] != h)
        i = (i + 1) & mask;
    ws->keys[i] = h;
    return &ws->flags[i];
}

/* Word characters: letters, digits, apostrophes and hyphens inside a word. */
static int word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

qx_status qx__wordstat_build(qx__wordstat *ws, const qx__doc *d) {
    const char *t = d->text;
    size_t len = d->len, words = 0;
    memset(ws, 0, sizeof *ws);
    for (size_t i = 0; i < len; i++)
        if (word_byte((unsigned char)t[i]) && (i == 0 || !word_byte((unsigned char)t[i - 1])))
            words++;
    size_t cap = 64;
    while (cap < 2 * words + 2)
        cap *= 2;
    ws->keys = qx__malloc(d->a, cap * sizeof *ws->keys);
    ws->flags = qx__malloc(d->a, cap);
    if (!ws->keys || !ws->flags) {
        qx__wordstat_free(ws, d->a);
        return QX_E_NOMEM;
    }
    memset(ws->keys, 0, cap * sizeof *ws->keys);
    memset(ws->flags, 0, cap);
    ws->cap = cap;
    size_t i = 0;
    while (i < len) {
        if (!word_byte((unsigned char)t[i])) {
            i++;
            continue;
        }
        size_t b = i;
        while (i < len && word_byte((unsigned char)t[i]))
            i++;
        size_t k;
        uint32_t c = qx__utf8_at(t, len, b, &k);
        uint8_t f = 0;
        if (qx__is_lower(c)) {
            f = QX__WORD_LOWER;
        } else if (qx__is_upper(c)) {
            /* Mid-sentence: the word before ends in a letter, digit or comma,
             * with only spaces between (no quote mark, no line break). */
            size_t j = b;
            while (j > 0 && t[j - 1] == ' ')
                j--;
            if (j < b && j > 0 && (word_byte((unsigned char)t[j - 1]) || t[j - 1] == ','))
                f = QX__WORD_CAP_MID;
        }
        if (f)
            *slot(ws, fold_hash(t + b, i - b)) |= f;
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
