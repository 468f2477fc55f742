/* The longest literal that every match of a pattern must contain, found by a
 * conservative walk over the expanded pattern. A rule whose window lacks it
 * cannot match, so the window is rejected with a plain substring search
 * instead of a PCRE2 call that would try every start position. Anything the
 * walk does not fully understand yields no literal (no filtering), never a
 * wrong one. */
#include "internal.h"

typedef struct walk {
    const char *p;
    size_t n;
    int give_up;
    char run[QX__NEED_MAX];
    size_t run_len;
    char *best;
    size_t *best_len;
} walk;

static void flush(walk *w) {
    if (w->run_len > *w->best_len) {
        memcpy(w->best, w->run, w->run_len);
        *w->best_len = w->run_len;
    }
    w->run_len = 0;
}

static void add_char(walk *w, const char *c, size_t n) {
    if (w->run_len + n > QX__NEED_MAX) {
        flush(w); /* a prefix of a required literal is required too */
        return;
    }
    memcpy(w->run + w->run_len, c, n);
    w->run_len += n;
}

static size_t utf8_len(unsigned char c) { return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

/* End of the character class opening at i (index after its ']'). */
static size_t class_end(const walk *w, size_t i) {
    size_t j = i + 1;
    if (j < w->n && w->p[j] == '^')
        j++;
    if (j < w->n && w->p[j] == ']')
        j++;
    while (j < w->n && w->p[j] != ']') {
        if (w->p[j] == '\\')
            j += 2;
        else if (w->p[j] == '[' && j + 1 < w->n && w->p[j + 1] == ':') {
            const char *e = NULL;
            for (size_t k = j + 2; k + 1 < w->n && !e; k++)
                if (w->p[k] == ':' && w->p[k + 1] == ']')
                    e = w->p + k;
            j = e ? (size_t)(e - w->p) + 2 : w->n;
        } else
            j++;
    }
    return j < w->n ? j + 1 : w->n;
}

/* Index of the ')' closing the group whose body starts at i; *alt set when
 * the body has a top-level '|'. */
static size_t group_close(const walk *w, size_t i, int *alt) {
    int depth = 0;
    *alt = 0;
    while (i < w->n) {
        char c = w->p[i];
        if (c == '\\') {
            i += 2;
        } else if (c == '[') {
            i = class_end(w, i);
        } else if (c == '(') {
            depth++;
            i++;
        } else if (c == ')') {
            if (depth == 0)
                return i;
            depth--;
            i++;
        } else {
            if (c == '|' && depth == 0)
                *alt = 1;
            i++;
        }
    }
    return w->n;
}

/* Parses a quantifier at i, if any: its minimum in *min; returns the index
 * after it (i when there is none). */
static size_t quantifier(const walk *w, size_t i, unsigned long *min) {
    if (i >= w->n)
        return i;
    char c = w->p[i];
    size_t j = i + 1;
    if (c == '?' || c == '*' || c == '+') {
        *min = c == '+';
    } else if (c == '{') {
        unsigned long lo = 0;
        int digits = 0;
        while (j < w->n && w->p[j] >= '0' && w->p[j] <= '9') {
            lo = lo * 10 + (unsigned long)(w->p[j++] - '0');
            digits++;
        }
        if (j < w->n && w->p[j] == ',') {
            j++;
            while (j < w->n && w->p[j] >= '0' && w->p[j] <= '9') {
                j++;
                digits++;
            }
        }
        if (!digits || j >= w->n || w->p[j] != '}')
            return i; /* a literal brace (treated as a break by the caller) */
        j++;
        *min = lo;
    } else {
        return i;
    }
    if (j < w->n && (w->p[j] == '?' || w->p[j] == '+'))
        j++;
    return j;
}

static void sequence(walk *w, size_t i, size_t end);

/* A group whose '(' is at i; returns the index after it and its quantifier. */
static size_t group(walk *w, size_t i, int mandatory) {
    size_t body = i + 1;
    int plain = 1;
    if (body < w->n && w->p[body] == '*') {
        w->give_up = 1; /* (*VERB) */
        return w->n;
    }
    if (body < w->n && w->p[body] == '?') {
        const char *q = w->p + body + 1;
        size_t left = w->n - body - 1;
        if (left && (*q == ':' || *q == '>')) {
            body += 2;
        } else if (left >= 2 && *q == '<' && q[1] != '=' && q[1] != '!') {
            const char *gt = memchr(q, '>', left);
            if (!gt) {
                w->give_up = 1;
                return w->n;
            }
            body = (size_t)(gt - w->p) + 1; /* (?<name> */
        } else if (left && (*q == '=' || *q == '!' || *q == '<')) {
            plain = 0; /* lookaround: consumes nothing, skipped */
            body += 2;
        } else {
            /* (?i:...) and other flag groups are skipped; an inline (?i)
             * would change the rest of the pattern, so give up. */
            size_t k = 0;
            while (k < left && ((q[k] >= 'a' && q[k] <= 'z') || (q[k] >= 'A' && q[k] <= 'Z') ||
                                q[k] == '-' || q[k] == '^'))
                k++;
            if (k == 0 || k >= left || q[k] != ':') {
                w->give_up = 1;
                return w->n;
            }
            plain = 0;
            body += 1 + k + 1;
        }
    }
    int alt;
    size_t close = group_close(w, body, &alt);
    if (close >= w->n) {
        w->give_up = 1;
        return w->n;
    }
    unsigned long min = 1;
    size_t after = quantifier(w, close + 1, &min);
    if (mandatory && plain && !alt && min >= 1)
        sequence(w, body, close);
    return after;
}

/* Walks the mandatory sequence [i, end), collecting literal runs. */
static void sequence(walk *w, size_t i, size_t end) {
    w->run_len = 0;
    while (i < end && !w->give_up) {
        char c = w->p[i];
        const char *lit = NULL;
        size_t lit_len = 0, next;
        if (c == '\\') {
            if (i + 1 >= end) {
                w->give_up = 1;
                return;
            }
            unsigned char e = (unsigned char)w->p[i + 1];
            if ((e >= '0' && e <= '9') || (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
                if (strchr("gkQEcN", e) || (e >= '0' && e <= '9')) {
                    w->give_up = 1; /* back-references, quoting: not worth understanding */
                    return;
                }
                next = i + 2;
                if (strchr("pPxo", e) && next < end && w->p[next] == '{') {
                    const char *b = memchr(w->p + next, '}', end - next);
                    next = b ? (size_t)(b - w->p) + 1 : end;
                } else if (e == 'p' || e == 'P') {
                    next++;
                } else if (e == 'x') {
                    while (next < end && next < i + 4 && strchr("0123456789abcdefABCDEF", w->p[next]))
                        next++;
                }
            } else {
                lit = w->p + i + 1;
                lit_len = utf8_len(e);
                next = i + 1 + lit_len;
            }
        } else if (c == '[') {
            next = class_end(w, i);
        } else if (c == '(') {
            flush(w);
            i = group(w, i, 1);
            w->run_len = 0;
            continue;
        } else if (c == '.' || c == '^' || c == '$' || c == '{' || c == '}' || c == '|' ||
                   c == ')' || c == '*' || c == '+' || c == '?') {
            next = i + 1; /* a break; a stray quantifier or bar is not expected here */
        } else {
            lit = w->p + i;
            lit_len = utf8_len((unsigned char)c);
            next = i + lit_len;
        }
        unsigned long min = 1;
        size_t after = quantifier(w, next, &min);
        if (lit && after == next) {
            add_char(w, lit, lit_len);
        } else if (lit) {
            if (min >= 1) {
                add_char(w, lit, lit_len); /* at least one, right after the run */
                flush(w);
                add_char(w, lit, lit_len); /* and the last one before what follows */
            } else {
                flush(w);
            }
        } else {
            flush(w);
        }
        i = after;
    }
    flush(w);
}

size_t qx__required_literal(const char *pattern, size_t len, char *out) {
    size_t best_len = 0;
    walk w = {pattern, len, 0, {0}, 0, out, &best_len};
    int alt;
    if (group_close(&w, 0, &alt) != len || alt)
        return 0; /* an unbalanced ')' or alternatives at the top */
    sequence(&w, 0, len);
    return w.give_up ? 0 : best_len;
}

int qx__contains(const char *hay, size_t n, const char *needle, size_t m) {
    if (m == 0)
        return 1;
    const char *p = hay, *end = hay + n;
    while ((size_t)(end - p) >= m && (p = memchr(p, needle[0], (size_t)(end - p) - m + 1)) != NULL) {
        if (!memcmp(p + 1, needle + 1, m - 1))
            return 1;
        p++;
    }
    return 0;
}
