/* What every match of a rule must look like, read from the expanded pattern
 * text by conservative walks, so that hopeless work is skipped before PCRE2:
 *  - the longest literal every match contains: a window without it cannot
 *    match, which a substring search decides at memchr speed;
 *  - the named groups every match contains (such as the cue): when one of
 *    them, compiled on its own, has a start-byte map, searching the window
 *    for it is cheaper than running the whole rule and rules the window out
 *    just as surely;
 *  - for patterns that end the window (\z), the byte the window must end
 *    with, after any white space a final \s* or \s+ takes;
 *  - the bytes a match can start with: PCRE2 10.42 builds no start-byte
 *    table for patterns that begin with \p{Lu} and the like, and so runs the
 *    whole pattern at every byte; the rule then runs anchored, only at the
 *    positions whose byte can start a match.
 * Anything a walk does not fully understand yields no filter, never a wrong
 * one. */
#include "internal.h"

typedef struct walk {
    const char *p;
    size_t n;
    int give_up;
    char run[QX__NEED_MAX];
    size_t run_len;
    char *best;
    size_t *best_len;
    qx_span *groups; /* mandatory named groups' bodies */
    size_t n_groups, max_groups;
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

/* What opens the group whose '(' is at i: its contents start at *body.
 * For HEAD_FLAGS (?i:...) *body is the first flag letter, for the caller to
 * read up to the ':'. HEAD_CALL: a subroutine call (?&name), which matches
 * what the named group does. HEAD_BAD: a verb (*...) or a name without '>'. */
typedef enum { HEAD_PLAIN, HEAD_NAMED, HEAD_LOOK, HEAD_FLAGS, HEAD_CALL, HEAD_BAD } group_head;

static group_head head_of(const char *p, size_t i, size_t end, size_t *body) {
    size_t b = i + 1;
    *body = b;
    if (b < end && p[b] == '*')
        return HEAD_BAD;
    if (b >= end || p[b] != '?')
        return HEAD_PLAIN;
    const char *q = p + b + 1;
    size_t left = end - b - 1;
    if (left && (*q == ':' || *q == '>')) {
        *body = b + 2;
        return HEAD_PLAIN;
    }
    if (left >= 2 && *q == '<' && q[1] != '=' && q[1] != '!') {
        const char *gt = memchr(q, '>', left);
        if (!gt)
            return HEAD_BAD;
        *body = (size_t)(gt - p) + 1;
        return HEAD_NAMED;
    }
    if (left && (*q == '=' || *q == '!' || *q == '<')) {
        *body = b + 2;
        return HEAD_LOOK;
    }
    if (left && *q == '&') {
        *body = b + 2;
        return HEAD_CALL;
    }
    *body = b + 1;
    return HEAD_FLAGS;
}

/* A group whose '(' is at i; returns the index after it and its quantifier. */
static size_t group(walk *w, size_t i, int mandatory) {
    size_t body;
    group_head h = head_of(w->p, i, w->n, &body);
    /* lookarounds consume nothing and flag groups (?i:...) are skipped */
    int plain = h == HEAD_PLAIN || h == HEAD_NAMED, named = h == HEAD_NAMED;
    if (h == HEAD_BAD) {
        w->give_up = 1; /* (*VERB) */
        return w->n;
    }
    if (h == HEAD_CALL) {
        /* (?&name): text no literal of this walk can be sure of; its
         * quantifier is read so that none is taken for a literal */
        const char *close = memchr(w->p + body, ')', w->n - body);
        if (!close) {
            w->give_up = 1;
            return w->n;
        }
        unsigned long min = 1;
        return quantifier(w, (size_t)(close - w->p) + 1, &min);
    }
    if (h == HEAD_FLAGS) {
        /* an inline (?i) would change the rest of the pattern: give up */
        const char *q = w->p + body;
        size_t left = w->n - body, k = 0;
        while (k < left && ((q[k] >= 'a' && q[k] <= 'z') || (q[k] >= 'A' && q[k] <= 'Z') ||
                            q[k] == '-' || q[k] == '^'))
            k++;
        if (k == 0 || k >= left || q[k] != ':') {
            w->give_up = 1;
            return w->n;
        }
        body += k + 1;
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
    if (mandatory && plain && named && min >= 1 && w->n_groups < w->max_groups)
        w->groups[w->n_groups++] = (qx_span){body, close};
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

size_t qx__required_parts(const char *pattern, size_t len, char *out, qx_span *groups,
                          size_t *n_groups) {
    size_t best_len = 0;
    walk w = {pattern, len, 0, {0}, 0, out, &best_len, groups, 0, *n_groups};
    int alt;
    *n_groups = 0;
    if (group_close(&w, 0, &alt) != len || alt)
        return 0; /* an unbalanced ')' or alternatives at the top */
    sequence(&w, 0, len);
    if (w.give_up)
        return 0;
    *n_groups = w.n_groups;
    return best_len;
}

/* The body [*body, *close) of the group "(?<name>" in pattern[0, n), when
 * it is there and closes. */
static int named_group(const char *p, size_t n, const char *name, size_t nl, size_t *body, size_t *close) {
    for (size_t i = 0; i + nl + 4 <= n; i++) {
        if (memcmp(p + i, "(?<", 3) || memcmp(p + i + 3, name, nl) || p[i + 3 + nl] != '>')
            continue;
        if (i > 0 && p[i - 1] == '\\')
            continue;
        walk lw = {p, n, 0, {0}, 0, NULL, NULL, NULL, 0, 0};
        int alt;
        *body = i + 4 + nl;
        *close = group_close(&lw, *body, &alt);
        return *close < n;
    }
    return 0;
}

/* Is the group that the call's name at pattern[name...] names, "(?<name>",
 * written at or after from? */
static int defined_from(const char *pattern, size_t len, size_t from, size_t name) {
    const char *close = memchr(pattern + name, ')', len - name);
    size_t body, end;
    return close && named_group(pattern + from, len - from, pattern + name,
                                (size_t)(close - pattern) - name, &body, &end);
}

size_t qx__suffix_from_group(const char *pattern, size_t len, size_t body) {
    walk w = {pattern, len, 0, {0}, 0, NULL, NULL, NULL, 0, 0};
    size_t open = body;
    while (open > 0 && pattern[open - 1] != '(')
        open--;
    if (open < 1 || open + 2 > len || pattern[open] != '?' || pattern[open + 1] != '<')
        return (size_t)-1;
    open--;
    /* at the top level: no group open before it */
    int depth = 0;
    for (size_t i = 0; i < open;) {
        char c = pattern[i];
        if (c == '\\')
            i += 2;
        else if (c == '[')
            i = class_end(&w, i);
        else {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            i++;
        }
    }
    if (depth != 0)
        return (size_t)-1;
    /* nothing from there on refers to what comes before it */
    for (size_t i = open; i < len;) {
        char c = pattern[i];
        if (c == '\\') {
            char e = i + 1 < len ? pattern[i + 1] : 0;
            if (strchr("gkGQEN", e) || (e >= '0' && e <= '9'))
                return (size_t)-1; /* back-references, \G, quoting */
            i += 2;
        } else if (c == '[') {
            i = class_end(&w, i);
        } else if (c == '(' && i + 1 < len && pattern[i + 1] == '*') {
            return (size_t)-1; /* (*VERB) */
        } else if (c == '(' && i + 2 < len && pattern[i + 1] == '?') {
            char q = pattern[i + 2], q1 = i + 3 < len ? pattern[i + 3] : 0;
            if (q == '&' && defined_from(pattern, len, open, i + 3)) {
                i++; /* a call of a group the suffix holds itself */
                continue;
            }
            if (strchr("P&R(|#", q) || (q >= '0' && q <= '9') ||
                ((q == '+' || q == '-') && q1 >= '0' && q1 <= '9'))
                return (size_t)-1; /* subroutines, conditions, resets */
            i++;
        } else {
            i++;
        }
    }
    return open;
}

int qx__opens_at_word_start(const char *pattern, size_t len) {
    static const char look[] = "(?<![\\p{L}\\p{M}])";
    walk w;
    memset(&w, 0, sizeof w);
    w.p = pattern;
    w.n = len;
    int alt;
    if (group_close(&w, 0, &alt) < len || alt) /* a stray ')' or a top-level '|' */
        return 0;
    for (size_t i = 0;;) {
        if (len - i >= sizeof look - 1 && !memcmp(pattern + i, look, sizeof look - 1))
            return 1;
        if (i >= len || pattern[i] != '(')
            return 0;
        /* a group every match enters first, with one branch, not optional */
        size_t body;
        group_head h = head_of(pattern, i, len, &body);
        if (h != HEAD_PLAIN && h != HEAD_NAMED)
            return 0;
        size_t close = group_close(&w, body, &alt);
        unsigned long min = 1;
        if (close >= len || alt)
            return 0;
        quantifier(&w, close + 1, &min);
        if (min < 1)
            return 0;
        i = body;
    }
}

size_t qx__rare_byte(const char *needle, size_t m) {
    /* per mille in English text: a..z, then the space */
    static const unsigned char freq[27] = {82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24,
                                           67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1, 180};
    size_t best = 0;
    unsigned best_f = 256;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)needle[i];
        unsigned f = c >= 'a' && c <= 'z' ? freq[c - 'a'] : c == ' ' ? freq[26] : c == ',' || c == '.' ? 10 : 3;
        if (f < best_f) {
            best = i;
            best_f = f;
        }
    }
    return best;
}

int qx__contains(const char *hay, size_t n, const char *needle, size_t m, size_t pick) {
    if (m == 0)
        return 1;
    if (n < m)
        return 0;
    /* needle[pick] can stand at hay[pick] up to hay[n - m + pick] */
    const char *p = hay + pick, *last = hay + (n - m) + pick;
    while (p <= last && (p = memchr(p, needle[pick], (size_t)(last - p) + 1)) != NULL) {
        if (!memcmp(p - pick, needle, m))
            return 1;
        p++;
    }
    return 0;
}

/* ---- bytes a match can start with ---- */

typedef struct fwalk {
    const char *p;
    size_t n;
    int give_up;
    int calls; /* subroutine calls followed, a bound on recursion */
} fwalk;

static void set_add(uint8_t *set, unsigned b) { set[b >> 3] |= (uint8_t)(1u << (b & 7)); }

static void set_range(uint8_t *set, unsigned lo, unsigned hi) {
    for (unsigned b = lo; b <= hi; b++)
        set_add(set, b);
}

/* Lead bytes of every non-ASCII character: the start of any match in valid
 * UTF-8 is one of these or an ASCII byte, never a continuation byte. */
static void set_high(uint8_t *set) { set_range(set, 0xC2, 0xF4); }

static void set_all(uint8_t *set) {
    set_range(set, 0x00, 0x7F);
    set_high(set);
}

/* A literal character starting at c. Under (?i) its other ASCII case, and
 * every non-ASCII lead byte (k and s have non-ASCII case partners). */
static void set_char(uint8_t *set, unsigned char c, int ci) {
    if (c >= 0x80) {
        set_high(set); /* a non-ASCII character may fold to ASCII: be broad */
        if (ci)
            set_range(set, 0x00, 0x7F);
        return;
    }
    set_add(set, c);
    if (ci && ((c | 32) >= 'a' && (c | 32) <= 'z')) {
        set_add(set, c | 32);
        set_add(set, c & ~32u);
        set_high(set);
    }
}

/* The set of a backslash class letter (\s, \d, \w, \p{..}); 0 if e is not one. */
static int set_escape_class(uint8_t *set, const char *q, size_t left, unsigned char e) {
    switch (e) {
    case 's':
        set_range(set, 9, 13);
        set_add(set, ' ');
        set_high(set);
        return 1;
    case 'h':
        set_add(set, 9);
        set_add(set, ' ');
        set_high(set);
        return 1;
    case 'v':
        set_range(set, 10, 13);
        set_high(set);
        return 1;
    case 'd':
        set_range(set, '0', '9');
        set_high(set);
        return 1;
    case 'w':
        set_range(set, '0', '9');
        set_range(set, 'A', 'Z');
        set_range(set, 'a', 'z');
        set_add(set, '_');
        set_high(set);
        return 1;
    case 'p': {
        /* \p{Lu} \p{Ll} \p{L} are narrowed; any other property is all bytes. */
        int upper = left >= 4 && !memcmp(q, "{Lu}", 4), lower = left >= 4 && !memcmp(q, "{Ll}", 4);
        int letter = (left >= 3 && !memcmp(q, "{L}", 3)) || (left >= 1 && *q == 'L');
        if (upper || letter)
            set_range(set, 'A', 'Z');
        if (lower || letter)
            set_range(set, 'a', 'z');
        if (upper || lower || letter)
            set_high(set);
        else
            set_all(set);
        return 1;
    }
    case 'S': case 'H': case 'V': case 'D': case 'W': case 'P': case 'N': case 'X': case 'R':
        set_all(set);
        return 1;
    default:
        return 0;
    }
}

/* Length of the escape at q[0] == '\\' (with any braces), at most left. */
static size_t escape_len(const char *q, size_t left) {
    if (left < 2)
        return left;
    unsigned char e = (unsigned char)q[1];
    if (e && strchr("pPxo", e) && left > 2 && q[2] == '{') {
        const char *b = memchr(q + 2, '}', left - 2);
        return b ? (size_t)(b - q) + 1 : left;
    }
    if (e == 'p' || e == 'P')
        return left >= 3 ? 3 : left;
    if (e == 'x') {
        size_t k = 2;
        while (k < left && k < 4 && strchr("0123456789abcdefABCDEF", q[k]))
            k++;
        return k;
    }
    return e >= 0x80 ? 1 + utf8_len(e) : 2;
}

static void class_set(fwalk *w, size_t i, size_t end, int ci, uint8_t *set) {
    size_t j = i + 1;
    if (j < end && w->p[j] == '^') {
        set_all(set);
        return;
    }
    int first = 1;
    while (j < end && (w->p[j] != ']' || first)) {
        first = 0;
        unsigned char c = (unsigned char)w->p[j];
        if (c == '[' && j + 1 < end && w->p[j + 1] == ':') {
            set_all(set);
            return;
        }
        size_t len;
        unsigned lo;
        if (c == '\\') {
            len = escape_len(w->p + j, end - j);
            unsigned char e = j + 1 < end ? (unsigned char)w->p[j + 1] : 0;
            if (set_escape_class(set, w->p + j + 2, end - j - 2, e)) {
                j += len;
                continue;
            }
            if ((e >= '0' && e <= '9') || (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
                set_all(set); /* \x{..}, \b (backspace) ...: be broad */
                j += len;
                continue;
            }
            lo = e;
        } else {
            len = utf8_len(c);
            lo = c;
        }
        j += len;
        if (j + 1 < end && w->p[j] == '-' && w->p[j + 1] != ']') {
            unsigned char h = (unsigned char)w->p[j + 1];
            if (lo >= 0x80 || h >= 0x80 || h == '\\') {
                set_all(set);
                return;
            }
            for (unsigned b = lo; b <= h; b++)
                set_char(set, (unsigned char)b, ci);
            j += 2;
            continue;
        }
        set_char(set, (unsigned char)lo, ci);
    }
}

static int first_alt(fwalk *w, size_t i, size_t end, int ci, uint8_t *set);

/* Adds the bytes that can start a match of the sequence [i, end) (no
 * top-level '|'); returns 1 when the sequence can match the empty string. */
static int first_seq(fwalk *w, size_t i, size_t end, int ci, uint8_t *set) {
    while (i < end && !w->give_up) {
        uint8_t item[32] = {0};
        int empty = 0; /* can this item match nothing? */
        char c = w->p[i];
        size_t next;
        if (c == '\\') {
            next = i + escape_len(w->p + i, end - i);
            unsigned char e = i + 1 < end ? (unsigned char)w->p[i + 1] : 0;
            if (e && strchr("bBAzZ", e)) {
                empty = 1;
            } else if (set_escape_class(item, w->p + i + 2, end - i - 2, e)) {
                /* done */
            } else if ((e >= '0' && e <= '9') || (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
                w->give_up = 1; /* \G, \K, back-references, \Q ... */
                return 1;
            } else {
                set_char(item, e, ci);
            }
        } else if (c == '[') {
            walk lw = {w->p, end, 0, {0}, 0, NULL, NULL, NULL, 0, 0};
            next = class_end(&lw, i);
            class_set(w, i, next, ci, item);
        } else if (c == '(') {
            size_t body;
            int inner_ci = ci;
            group_head h = head_of(w->p, i, end, &body);
            int zero_width = h == HEAD_LOOK;
            if (h == HEAD_CALL) {
                /* (?&name) starts as the named group's body does */
                size_t def_body, def_close;
                const char *close = memchr(w->p + body, ')', end - body);
                if (!close || ++w->calls > 8 ||
                    !named_group(w->p, w->n, w->p + body, (size_t)(close - (w->p + body)), &def_body, &def_close)) {
                    w->give_up = 1;
                    return 1;
                }
                next = (size_t)(close - w->p) + 1;
                empty = first_alt(w, def_body, def_close, ci, item);
                goto quantified;
            }
            if (h == HEAD_BAD) {
                w->give_up = 1;
                return 1;
            }
            if (h == HEAD_FLAGS) {
                const char *q = w->p + body;
                size_t left = end - body, k = 0;
                int neg = 0;
                for (; k < left && q[k] != ':'; k++) {
                    if (q[k] == '-')
                        neg = 1;
                    else if (q[k] == 'i')
                        inner_ci = !neg;
                    else if (!strchr("msn", q[k])) {
                        w->give_up = 1; /* (?x), inline (?i) and the like */
                        return 1;
                    }
                }
                if (k >= left) {
                    w->give_up = 1;
                    return 1;
                }
                body += k + 1;
            }
            int alt;
            walk lw = {w->p, end, 0, {0}, 0, NULL, NULL, NULL, 0, 0};
            size_t close = group_close(&lw, body, &alt);
            if (close >= end) {
                w->give_up = 1;
                return 1;
            }
            next = close + 1;
            if (zero_width)
                empty = 1;
            else
                empty = first_alt(w, body, close, inner_ci, item);
        } else if (c == '^' || c == '$') {
            next = i + 1;
            empty = 1;
        } else if (c == '.') {
            next = i + 1;
            set_all(item);
        } else {
            next = i + utf8_len((unsigned char)c);
            set_char(item, (unsigned char)c, ci);
        }
    quantified:;
        unsigned long min = 1;
        walk qw = {w->p, end, 0, {0}, 0, NULL, NULL, NULL, 0, 0};
        size_t after = quantifier(&qw, next, &min);
        if (min == 0)
            empty = 1;
        for (int k = 0; k < 32; k++)
            set[k] |= item[k];
        if (!empty)
            return 0;
        i = after;
    }
    return 1;
}

static int first_alt(fwalk *w, size_t i, size_t end, int ci, uint8_t *set) {
    int empty = 0;
    size_t b = i;
    int depth = 0;
    for (size_t j = i; j <= end && !w->give_up;) {
        char c = j < end ? w->p[j] : '|';
        if (j < end && c == '\\') {
            j += escape_len(w->p + j, end - j);
        } else if (j < end && c == '[') {
            walk lw = {w->p, end, 0, {0}, 0, NULL, NULL, NULL, 0, 0};
            j = class_end(&lw, j);
        } else if (j < end && c == '(') {
            depth++;
            j++;
        } else if (j < end && c == ')') {
            depth--;
            j++;
        } else if (c == '|' && depth == 0) {
            empty |= first_seq(w, b, j, ci, set);
            b = j + 1;
            j++;
        } else {
            j++;
        }
    }
    return empty;
}

int qx__first_bytes(const char *pattern, size_t len, uint8_t *set) {
    fwalk w = {pattern, len, 0, 0};
    memset(set, 0, 32);
    int empty = first_alt(&w, 0, len, 0, set);
    if (w.give_up || empty)
        return 0;
    unsigned ascii = 0;
    for (unsigned b = 0; b < 0x80; b++)
        ascii += (set[b >> 3] >> (b & 7)) & 1;
    return ascii <= 64; /* worth it only when many bytes are ruled out */
}

/* The top-level items of the sequence p[s, e): where each starts and ends
 * (its quantifier left out) and the least number of times it occurs.
 * Returns how many, or SIZE_MAX when more than max or the walk overruns. */
static size_t seq_items(walk *w, const char *p, size_t s, size_t e, size_t *starts, size_t *ends,
                        unsigned long *mins, size_t max) {
    size_t n = 0;
    for (size_t i = s; i < e;) {
        size_t next;
        int alt;
        if (p[i] == '\\')
            next = i + escape_len(p + i, e - i);
        else if (p[i] == '[')
            next = class_end(w, i);
        else if (p[i] == '(')
            next = group_close(w, i + 1, &alt) + 1;
        else
            next = i + utf8_len((unsigned char)p[i]);
        unsigned long min = 1;
        size_t after = quantifier(w, next, &min);
        if (n == max || next > e)
            return SIZE_MAX;
        starts[n] = i;
        ends[n] = next;
        mins[n] = min;
        n++;
        i = after;
    }
    return n;
}

/* ---- the byte a match ending at \z ends with ---- */

int qx__last_byte(const char *pattern, size_t len, uint8_t *set, int *skip_space) {
    /* The top-level items, forward; only the last two or three are used. */
    enum { MAX_ITEMS = 512 };
    size_t starts[MAX_ITEMS], ends[MAX_ITEMS], n = 0;
    unsigned long mins[MAX_ITEMS];
    walk w = {pattern, len, 0, {0}, 0, NULL, NULL, NULL, 0, 0};
    int alt;
    memset(set, 0, 32);
    *skip_space = 0;
    if (group_close(&w, 0, &alt) != len || alt)
        return 0;
    n = seq_items(&w, pattern, 0, len, starts, ends, mins, MAX_ITEMS);
    if (n == SIZE_MAX)
        return 0;
    /* ... Y [\s* or \s+] \z */
    if (n < 2 || ends[n - 1] - starts[n - 1] != 2 || memcmp(pattern + starts[n - 1], "\\z", 2) ||
        mins[n - 1] < 1)
        return 0;
    size_t y = n - 2;
    if (ends[y] - starts[y] == 2 && !memcmp(pattern + starts[y], "\\s", 2)) {
        *skip_space = 1;
        if (y == 0)
            return 0;
        y--;
    }
    if (mins[y] < 1)
        return 0;
    const char *p = pattern + starts[y];
    size_t plen = ends[y] - starts[y];
    uint8_t first[32] = {0};
    if (*p == '[') {
        fwalk fw = {pattern, len, 0, 0};
        class_set(&fw, starts[y], ends[y], 0, first);
    } else if (*p == '\\' && plen == 2 && !((p[1] >= '0' && p[1] <= '9') ||
                                          ((p[1] | 32) >= 'a' && (p[1] | 32) <= 'z'))) {
        set_char(first, (unsigned char)p[1], 0);
    } else if (*p != '\\' && *p != '(' && *p != '.' && *p != '^' && *p != '$' && *p != '|' &&
               *p != '{' && *p != '*' && *p != '+' && *p != '?') {
        set_char(first, (unsigned char)*p, 0);
    } else {
        return 0;
    }
    /* ASCII bytes as they are; any non-ASCII character ends in a
     * continuation byte. */
    unsigned ascii = 0;
    for (unsigned b = 0; b < 0x80; b++)
        if ((first[b >> 3] >> (b & 7)) & 1) {
            set_add(set, b);
            ascii++;
        }
    int high = 0;
    for (unsigned b = 0x80; b < 0x100; b++)
        high |= (first[b >> 3] >> (b & 7)) & 1;
    /* A white space character outside ASCII (U+00A0...) that a final \s*
     * takes is not trimmed, and it ends in a continuation byte too. */
    if (high || *skip_space)
        set_range(set, 0x80, 0xBF);
    /* Trimming white space must not eat the byte the set is about. */
    static const char spaces[] = " \t\n\v\f\r";
    for (const char *sp = spaces; *sp; sp++)
        if (*skip_space && ((set[(unsigned char)*sp >> 3] >> (*sp & 7)) & 1))
            return 0;
    return ascii <= 32;
}

/* ---- what a match of a pattern's head ends with ---- */

static int seq_ends_in_space(const char *p, size_t s, size_t e, int depth, const uint8_t *follow);

/* Every branch of p[s, e), split at its top-level '|'. */
static int alt_ends_in_space(const char *p, size_t s, size_t e, int depth, const uint8_t *follow) {
    walk w = {p, e, 0, {0}, 0, NULL, NULL, NULL, 0, 0};
    int nest = 0;
    size_t b = s;
    for (size_t i = s;;) {
        if (i >= e || (p[i] == '|' && nest == 0)) {
            if (!seq_ends_in_space(p, b, i < e ? i : e, depth, follow))
                return 0;
            if (i >= e)
                return 1;
            b = ++i;
            continue;
        }
        if (p[i] == '\\')
            i += escape_len(p + i, e - i);
        else if (p[i] == '[')
            i = class_end(&w, i);
        else {
            nest += p[i] == '(' ? 1 : p[i] == ')' ? -1 : 0;
            i++;
        }
    }
}

/* Does every match of the item p[s, e) (without its quantifier) that the
 * text continues with a byte of follow end with a white space character?
 * A lookahead (?=X) whose first bytes are none of follow's cannot be
 * followed so: vacuously yes. */
static int item_ends_in_space(const char *p, size_t s, size_t e, int depth, const uint8_t *follow) {
    if (e - s == 2 && p[s] == '\\' && p[s + 1] == 's')
        return 1;
    if (p[s] != '(' || e - s < 2 || p[e - 1] != ')')
        return 0;
    size_t body;
    group_head h = head_of(p, s, e, &body);
    if (h == HEAD_LOOK && p[s + 2] == '=' && follow) {
        uint8_t first[32];
        if (body >= e - 1 || !qx__first_bytes(p + body, e - 1 - body, first))
            return 0;
        for (unsigned k = 0; k < 32; k++)
            if (first[k] & follow[k])
                return 0;
        return 1;
    }
    return (h == HEAD_PLAIN || h == HEAD_NAMED) && body < e &&
           alt_ends_in_space(p, body, e - 1, depth + 1, follow);
}

/* Does every match of the sequence p[s, e) that the text continues with a
 * byte of follow (NULL: any) end with a white space character? Backward
 * over its items: an optional one must end so when it is there, and the
 * last mandatory one must; each is looked at where the ones after it are
 * absent, so followed by what follows the sequence. Anything else (a
 * literal, a class, another assertion) answers no. */
static int seq_ends_in_space(const char *p, size_t s, size_t e, int depth, const uint8_t *follow) {
    enum { MAX_ITEMS = 64 };
    size_t starts[MAX_ITEMS], ends[MAX_ITEMS], n = 0;
    unsigned long mins[MAX_ITEMS];
    walk w = {p, e, 0, {0}, 0, NULL, NULL, NULL, 0, 0};
    if (depth > 16)
        return 0;
    n = seq_items(&w, p, s, e, starts, ends, mins, MAX_ITEMS);
    if (n == SIZE_MAX)
        return 0;
    for (size_t k = n; k-- > 0;) {
        if (!item_ends_in_space(p, starts[k], ends[k], depth, follow))
            return 0;
        if (mins[k] >= 1)
            return 1;
    }
    return 0;
}

int qx__ends_in_space(const char *pattern, size_t len, const uint8_t *follow) {
    /* (?x) would make the walk misread the pattern (comments, ignored
     * spaces): any option letters with an x, and the answer is no. */
    for (size_t i = 0; i + 2 < len; i++) {
        if (pattern[i] == '\\') {
            i++;
            continue;
        }
        if (pattern[i] != '(' || pattern[i + 1] != '?')
            continue;
        size_t k = i + 2;
        int x = 0;
        while (k < len && (((pattern[k] | 32) >= 'a' && (pattern[k] | 32) <= 'z') || pattern[k] == '-' ||
                           pattern[k] == '^'))
            x |= pattern[k++] == 'x';
        if (x && k < len && (pattern[k] == ')' || pattern[k] == ':'))
            return 0;
    }
    return len > 0 && alt_ends_in_space(pattern, 0, len, 0, follow);
}
