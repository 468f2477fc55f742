/* UTF-8 validation (once per input), decoding and the character classes the
 * scanners need. Classes outside ASCII are approximate on purpose: they steer
 * heuristics, while PCRE2 (with UCP) does the exact work in rules. */
#include "internal.h"

size_t qx__utf8_check(const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        /* ASCII runs dominate news text: skip them 8 bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + n > len)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += n;
    }
    return len;
}

uint32_t qx__utf8_at(const char *text, size_t len, size_t i, size_t *n) {
    const unsigned char *s = (const unsigned char *)text;
    if (i >= len) {
        *n = 0;
        return 0;
    }
    unsigned c = s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + k > len) {
        *n = 1;
        return 0xFFFD;
    }
    uint32_t cp = c & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
    for (size_t j = 1; j < k; j++)
        cp = (cp << 6) | (s[i + j] & 0x3F);
    *n = k;
    return cp;
}

uint32_t qx__utf8_before(const char *text, size_t i, size_t *n) {
    const unsigned char *s = (const unsigned char *)text;
    if (i == 0) {
        *n = 0;
        return 0;
    }
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && (s[j] & 0xC0) == 0x80)
        j--;
    size_t k;
    uint32_t c = qx__utf8_at(text, i, j, &k);
    *n = i - j;
    return c;
}

int qx__is_space(uint32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           c == 0xA0 || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200A);
}

int qx__is_upper(uint32_t c) {
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE)
        return c != 0xD7;
    if (c >= 0x100 && c <= 0x17F)
        return (c & 1) == 0;
    if (c >= 0x391 && c <= 0x3AB)
        return 1;
    if (c >= 0x400 && c <= 0x42F)
        return 1;
    return 0;
}

int qx__is_lower(uint32_t c) {
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    if (c >= 0xDF && c <= 0xFF)
        return c != 0xF7;
    if (c >= 0x100 && c <= 0x17F)
        return (c & 1) == 1;
    if (c >= 0x3AC && c <= 0x3CE)
        return 1;
    if (c >= 0x430 && c <= 0x45F)
        return 1;
    return 0;
}

int qx__is_alnum(uint32_t c) {
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (qx__is_upper(c) || qx__is_lower(c))
        return 1;
    /* Letters of scripts without case (CJK, kana, Hangul) count as word characters. */
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x0590 && c <= 0x06FF);
}

int qx__is_dash(uint32_t c) { return c == '-' || (c >= 0x2010 && c <= 0x2015); }

/* Set bits of a word whose set bits are all high bits of bytes. */
static size_t count_bits(uint64_t x) {
    x = (x >> 7) * 0x0101010101010101ull; /* one bit per byte, summed into the top byte */
    return (size_t)(x >> 56);
}

qx_status qx_utf8_offsets_to_codepoints(const char *text, size_t len, size_t *offsets, size_t n) {
    if ((!text && len) || (!offsets && n))
        return QX_E_INVALID_ARG;
    const unsigned char *s = (const unsigned char *)text;
    size_t byte = 0, cp = 0;
    for (size_t k = 0; k < n; k++) {
        size_t target = offsets[k];
        if (target > len || target < byte)
            return QX_E_INVALID_ARG;
        /* Eight bytes at a time: every byte but a continuation byte
         * (10xxxxxx) starts a code point; pure ASCII words skip the count. */
        while (byte + 8 <= target) {
            uint64_t w;
            memcpy(&w, s + byte, 8);
            uint64_t cont = w & ~(w << 1) & 0x8080808080808080ull;
            cp += 8 - (cont ? count_bits(cont) : 0);
            byte += 8;
        }
        while (byte < target) {
            if ((s[byte] & 0xC0) != 0x80)
                cp++;
            byte++;
        }
        offsets[k] = cp;
    }
    return QX_OK;
}

size_t qx__count_words(const char *t, size_t s, size_t e, size_t max) {
    size_t n = 0;
    int in = 0;
    for (size_t i = s; i < e && n < max; i++) {
        int sp = t[i] == ' ' || t[i] == '\n' || t[i] == '\t';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

int qx__word_in(const char *s, size_t n, const char *const *list) {
    for (; *list; list++)
        if (strlen(*list) == n && !memcmp(s, *list, n))
            return 1;
    return 0;
}

/* The short words a title leaves in lower case: "Meet the Press". */
static int small_word(const char *w, size_t n) {
    static const char *const s[] = {"a", "an", "the", "and", "but", "or", "nor", "for", "on", "at", "to",
                                    "from", "by", "of", "in", "with", "as", "vs.", NULL};
    return qx__word_in(w, n, s);
}

int qx__no_lower(const char *t, size_t s, size_t e) {
    for (size_t i = s; i < e; i++)
        if (t[i] >= 'a' && t[i] <= 'z')
            return 0;
    return 1;
}

int qx__title_case(const char *t, size_t s, size_t e) {
    size_t n = 0;
    int first = 1;
    for (size_t i = s; i < e; i++) {
        if (i == s || t[i - 1] == ' ') {
            n++;
            size_t k, we = i, c = i;
            while (we < e && t[we] != ' ')
                we++;
            /* the word's first letter: 'Suffering, (Ret.) */
            while (c < we && memchr("\"'([", t[c], 4))
                c++;
            uint32_t q = qx__utf8_at(t, we, c, &k);
            if (q == 0x2018 || q == 0x201C) /* ‘ “ */
                c += k;
            if (c == we)
                c = i;
            /* one word in lower case is enough: most text stops at its first */
            if (!qx__is_upper(qx__utf8_at(t, e, c, &k)) && !(t[c] >= '0' && t[c] <= '9') &&
                !(!first && we < e && small_word(t + i, we - i)))
                return 0;
            first = 0;
        }
    }
    return n > 0;
}
