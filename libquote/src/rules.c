/* Rule texts: parsing, placeholder expansion from the lexicons, and
 * compilation with PCRE2 (UTF, UCP, JIT) into an immutable rule table. */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

typedef struct def {
    const char *key;
    size_t key_len;
    qx__buf value;
    int once; /* "once KEY": written out at its first use in a rule, called after */
} def;

typedef struct raw_rule {
    const char *name;
    size_t name_len;
    qx__where where;
    uint32_t flags;
    double confidence;
    size_t lineno;
    qx__buf pattern;
} raw_rule;

static qx_status syntax(qx_error *err, size_t line, const char *what) {
    qx__fail(err, QX_E_SYNTAX, 0, "rules line %zu: %s", line, what);
    if (err)
        err->line = line;
    return QX_E_SYNTAX;
}

static int word_eq(const char *s, size_t n, const char *w) { return strlen(w) == n && !memcmp(s, w, n); }

static size_t next_field(const char *s, size_t len, size_t i, const char **f, size_t *fl) {
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t b = i;
    while (i < len && s[i] != ' ' && s[i] != '\t')
        i++;
    *f = s + b;
    *fl = i - b;
    return i;
}

static qx__where parse_where(const char *s, size_t n) {
    if (word_eq(s, n, "after")) return QX__AFTER;
    if (word_eq(s, n, "before")) return QX__BEFORE;
    if (word_eq(s, n, "mixed")) return QX__MIXED;
    if (word_eq(s, n, "clause")) return QX__CLAUSE;
    if (word_eq(s, n, "names")) return QX__NAMES;
    if (word_eq(s, n, "lead")) return QX__LEAD;
    if (word_eq(s, n, "label")) return QX__LABEL;
    return 0;
}

/* Parses rule text into defines and raw rules (patterns unexpanded). */
static qx_status parse(const char *text, size_t len, const qx_allocator *a, qx__vec *defs,
                       qx__vec *rules, qx_error *err) {
    size_t pos = 0, lineno = 0;
    qx__line ln;
    qx__buf *cont = NULL; /* where indented continuation lines go */
    while (qx__next_line(text, len, &pos, &lineno, &ln, 1)) {
        int indented = ln.s[0] == ' ' || ln.s[0] == '\t';
        size_t b = 0;
        while (b < ln.len && (ln.s[b] == ' ' || ln.s[b] == '\t'))
            b++;
        const char *s = ln.s + b;
        size_t n = ln.len - b;
        if (indented) {
            if (!cont)
                return syntax(err, ln.lineno, "pattern line outside a rule or define");
            if (!qx__buf_append(cont, a, s, n))
                return QX_E_NOMEM;
            continue;
        }
        const char *f;
        size_t fl, i = next_field(s, n, 0, &f, &fl);
        if (word_eq(f, fl, "define")) {
            const char *k;
            size_t kl;
            i = next_field(s, n, i, &k, &kl);
            if (!kl)
                return syntax(err, ln.lineno, "define needs a name");
            def *d = qx__vec_push(defs, a);
            if (!d)
                return QX_E_NOMEM;
            d->key = k;
            d->key_len = kl;
            while (i < n && (s[i] == ' ' || s[i] == '\t'))
                i++;
            if (!qx__buf_append(&d->value, a, s + i, n - i))
                return QX_E_NOMEM;
            cont = &d->value;
        } else if (word_eq(f, fl, "once")) {
            const char *k;
            size_t kl;
            next_field(s, n, i, &k, &kl);
            def *d = NULL;
            for (size_t j = defs->len; j-- > 0 && !d;)
                if (QX__AT(*defs, def, j).key_len == kl && !memcmp(QX__AT(*defs, def, j).key, k, kl))
                    d = &QX__AT(*defs, def, j);
            if (!d || kl > 28)
                return syntax(err, ln.lineno, "once needs the name of an earlier define (28 letters at most)");
            d->once = 1;
            cont = NULL;
        } else if (word_eq(f, fl, "rule")) {
            raw_rule *r = qx__vec_push(rules, a);
            if (!r)
                return QX_E_NOMEM;
            r->lineno = ln.lineno;
            i = next_field(s, n, i, &r->name, &r->name_len);
            const char *w, *c;
            size_t wl, cl;
            i = next_field(s, n, i, &w, &wl);
            i = next_field(s, n, i, &c, &cl);
            if (!r->name_len || !wl || !cl)
                return syntax(err, ln.lineno, "expected 'rule NAME WHERE CONFIDENCE [flags]'");
            if (!(r->where = parse_where(w, wl)))
                return syntax(err, ln.lineno, "WHERE must be after, before, mixed, clause, names, lead or label");
            char num[32];
            if (cl >= sizeof num)
                return syntax(err, ln.lineno, "bad confidence");
            memcpy(num, c, cl);
            num[cl] = '\0';
            char *endp;
            r->confidence = strtod(num, &endp);
            if (*endp || !(r->confidence >= 0.0 && r->confidence <= 1.0))
                return syntax(err, ln.lineno, "confidence must be a number in [0, 1]");
            for (;;) {
                const char *g;
                size_t gl;
                i = next_field(s, n, i, &g, &gl);
                if (!gl)
                    break;
                if (word_eq(g, gl, "soft-end"))
                    r->flags |= QX__RULE_SOFT_END;
                else if (word_eq(g, gl, "para-start"))
                    r->flags |= QX__RULE_PARA_START;
                else if (word_eq(g, gl, "nearest"))
                    r->flags |= QX__RULE_NEAREST;
                else if (word_eq(g, gl, "dialogue"))
                    r->flags |= QX__RULE_DIALOGUE;
                else if (word_eq(g, gl, "long"))
                    r->flags |= QX__RULE_LONG;
                else if (word_eq(g, gl, "known"))
                    r->flags |= QX__RULE_KNOWN;
                else
                    return syntax(err, ln.lineno,
                                  "unknown rule flag (soft-end, para-start, nearest, dialogue, long, known)");
            }
            cont = &r->pattern;
        } else {
            return syntax(err, ln.lineno, "expected 'define', 'once' or 'rule'");
        }
    }
    for (size_t k = 0; k < rules->len; k++)
        if (!QX__AT(*rules, raw_rule, k).pattern.len)
            return syntax(err, QX__AT(*rules, raw_rule, k).lineno, "rule has no pattern");
    return QX_OK;
}

static void free_parsed(qx__vec *defs, qx__vec *rules, const qx_allocator *a) {
    for (size_t i = 0; i < defs->len; i++)
        qx__buf_free(&QX__AT(*defs, def, i).value, a);
    for (size_t i = 0; i < rules->len; i++)
        qx__buf_free(&QX__AT(*rules, raw_rule, i).pattern, a);
    qx__vec_free(defs, a);
    qx__vec_free(rules, a);
}

/* ---- lexicon alternations ---- */

static int append_escaped(qx__buf *b, const qx_allocator *a, const char *s) {
    for (; *s; s++) {
        if (*s == ' ') {
            if (!qx__buf_append(b, a, "\\s+", 3))
                return 0;
            continue;
        }
        if (strchr("\\^$.|?*+()[]{}-#", *s) && !qx__buf_append(b, a, "\\", 1))
            return 0;
        if (!qx__buf_append(b, a, s, 1))
            return 0;
    }
    return 1;
}

static int by_len_desc(const void *x, const void *y) {
    size_t a = strlen(*(char *const *)x), b = strlen(*(char *const *)y);
    return a < b ? 1 : a > b ? -1 : strcmp(*(char *const *)x, *(char *const *)y);
}

/* Byte length of the UTF-8 character starting with lead byte c. */
static size_t char_len(unsigned char c) { return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

static int fold_ascii(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Can two different first characters of sibling branches match the same text
 * when the alternation sits inside (?i:...)? Then the order of the branches
 * would matter and the trie would not be equivalent. Non-ASCII letters and
 * the ASCII letters with non-ASCII case partners (K, S) are treated as
 * possibly equal. */
static int may_fold_together(const char *x, const char *y) {
    unsigned char a = (unsigned char)*x, b = (unsigned char)*y;
    if (a >= 0x80 && b >= 0x80)
        return 1;
    if (a >= 0x80 || b >= 0x80) {
        int c = fold_ascii(a < 0x80 ? a : b);
        return c == 'k' || c == 's';
    }
    return fold_ascii(a) == fold_ascii(b);
}

static int by_bytes(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Checks that no node of the trie of sorted[lo, hi) (sharing their first d
 * bytes) has two branches that (?i) could confuse. */
static int trie_safe(char **sorted, size_t lo, size_t hi, size_t d) {
    while (lo < hi && sorted[lo][d] == '\0')
        lo++;
    for (size_t i = lo; i < hi;) {
        size_t n = char_len((unsigned char)sorted[i][d]), j = i;
        while (j < hi && !strncmp(sorted[j] + d, sorted[i] + d, n))
            j++;
        for (size_t k = j; k < hi; k++)
            if (may_fold_together(sorted[i] + d, sorted[k] + d))
                return 0;
        if (!trie_safe(sorted, i, j, d + n))
            return 0;
        i = j;
    }
    return 1;
}

/* Emits sorted[lo, hi), which share their first d bytes, from byte d on as
 * a prefix tree: (?:a(?:b|c)|d|) instead of (?:ab|ac|d|). At every node the
 * longer branches come before the item that ends there, so, of the items
 * that match at one position, the longest is still tried first, as in the
 * longest-first list; items that do not share a prefix cannot both match at
 * one position (trie_safe rules out case-insensitive clashes). */
static int emit_trie(qx__buf *out, const qx_allocator *a, char **sorted, size_t lo, size_t hi,
                     size_t d) {
    int ends = 0;
    while (lo < hi && sorted[lo][d] == '\0') {
        ends = 1; /* duplicates collapse into one */
        lo++;
    }
    size_t branches = 0;
    for (size_t i = lo; i < hi; branches++) {
        size_t n = char_len((unsigned char)sorted[i][d]), j = i;
        while (j < hi && !strncmp(sorted[j] + d, sorted[i] + d, n))
            j++;
        i = j;
    }
    int group = branches + (size_t)ends > 1;
    if (group && !qx__buf_append(out, a, "(?:", 3))
        return 0;
    size_t i = lo;
    for (size_t b = 0; b < branches; b++) {
        size_t n = char_len((unsigned char)sorted[i][d]), j = i;
        while (j < hi && !strncmp(sorted[j] + d, sorted[i] + d, n))
            j++;
        /* Extend the shared run as far as every item of the branch agrees. */
        size_t e = d + n;
        for (;;) {
            char c = sorted[i][e];
            if (c == '\0')
                break;
            size_t m = char_len((unsigned char)c), k;
            for (k = i; k < j; k++)
                if (strncmp(sorted[k] + e, sorted[i] + e, m) != 0)
                    break;
            if (k < j)
                break;
            e += m;
        }
        char *run = qx__strndup(a, sorted[i] + d, e - d);
        int ok = run && (b == 0 || qx__buf_append(out, a, "|", 1)) && append_escaped(out, a, run) &&
                 emit_trie(out, a, sorted, i, j, e);
        qx__free(a, run);
        if (!ok)
            return 0;
        i = j;
    }
    if (group && ends && !qx__buf_append(out, a, "|", 1))
        return 0;
    return !group || qx__buf_append(out, a, ")", 1);
}

/* The items as one alternation that tries the longest match first, or a
 * pattern that cannot match when there are none. Written as a prefix tree,
 * because PCRE2 tries the branches of a flat list one by one at every
 * position, which made lexicon lookups the main cost of matching. */
static qx_status alternation(qx__buf *out, const qx_allocator *a, char **items, size_t n) {
    char **sorted = qx__malloc(a, (n ? n : 1) * sizeof(char *));
    if (!sorted)
        return QX_E_NOMEM;
    int ok;
    if (n == 0) { /* an emptied lexicon has items == NULL: no memcpy/qsort from it */
        ok = qx__buf_appends(out, a, "(?!)");
    } else {
        memcpy(sorted, items, n * sizeof(char *));
        qsort(sorted, n, sizeof(char *), by_bytes);
        if (trie_safe(sorted, 0, n, 0)) {
            ok = qx__buf_appends(out, a, "(?:") && emit_trie(out, a, sorted, 0, n, 0) &&
                 qx__buf_append(out, a, ")", 1);
        } else {
            qsort(sorted, n, sizeof(char *), by_len_desc);
            ok = qx__buf_appends(out, a, "(?:");
            for (size_t i = 0; ok && i < n; i++)
                ok = (i == 0 || qx__buf_append(out, a, "|", 1)) && append_escaped(out, a, sorted[i]);
            ok = ok && qx__buf_append(out, a, ")", 1);
        }
    }
    qx__free(a, sorted);
    return ok ? QX_OK : QX_E_NOMEM;
}

static qx_status lexicon_value(const char *key, size_t kl, const qx__lexicons *lx,
                               const qx_allocator *a, qx__buf *out, int *found) {
    *found = 1;
    char **tmp = NULL;
    size_t n = 0;
    qx_status rc = QX_OK;
    if (word_eq(key, kl, "CUE") || word_eq(key, kl, "CUE_THAT")) {
        int that = kl == 8;
        tmp = qx__malloc(a, (lx->n_cues ? lx->n_cues : 1) * sizeof(char *));
        if (!tmp)
            return QX_E_NOMEM;
        for (size_t i = 0; i < lx->n_cues; i++)
            if (!that || lx->cues[i].that)
                tmp[n++] = lx->cues[i].form;
        rc = alternation(out, a, tmp, n);
        qx__free(a, tmp);
        /* A cue joined by a hyphen to a word is a compound, not a verb:
         * "counter-attack", "write-in", "tweet-storm". */
        static const char no_compound[] = "(?![\\-\xE2\x80\x90]\\p{L})";
        if (rc == QX_OK && !qx__buf_append(out, a, no_compound, sizeof no_compound - 1))
            rc = QX_E_NOMEM;
        return rc;
    }
    if (word_eq(key, kl, "PRONOUN")) {
        tmp = qx__malloc(a, (lx->n_pronouns ? lx->n_pronouns : 1) * sizeof(char *));
        if (!tmp)
            return QX_E_NOMEM;
        for (size_t i = 0; i < lx->n_pronouns; i++)
            tmp[n++] = lx->pronouns[i].word;
        rc = alternation(out, a, tmp, n);
        qx__free(a, tmp);
        return rc;
    }
    const qx__words *w = word_eq(key, kl, "TITLE")     ? &lx->titles
                         : word_eq(key, kl, "ROLE")    ? &lx->roles
                         : word_eq(key, kl, "NONNAME") ? &lx->nonnames
                         : word_eq(key, kl, "ORG")     ? &lx->orgs
                         : word_eq(key, kl, "ABBREV")  ? &lx->abbrevs
                                                       : NULL;
    if (!w) {
        *found = 0;
        return QX_OK;
    }
    return alternation(out, a, w->items, w->n);
}

/* Expands {KEY} placeholders (defines first, then lexicons) recursively. */
static qx_status expand(const char *s, size_t len, const qx__vec *defs, const qx__lexicons *lx,
                        const qx_allocator *a, qx__buf *out, int depth, qx_error *err,
                        const char *rule, unsigned char *written) {
    if (depth > 16)
        return qx__fail(err, QX_E_PATTERN, 0, "rule %s: placeholders nest too deeply", rule);
    size_t i = 0;
    while (i < len) {
        if (s[i] == '\\' && i + 1 < len) {
            size_t n = 2;
            /* \p{L} and \x{201C} are PCRE2's braces, not placeholders. */
            if (strchr("pPxo", s[i + 1]) && i + 2 < len && s[i + 2] == '{') {
                const char *close = memchr(s + i + 2, '}', len - i - 2);
                if (close)
                    n = (size_t)(close - (s + i)) + 1;
            }
            if (!qx__buf_append(out, a, s + i, n))
                return QX_E_NOMEM;
            i += n;
            continue;
        }
        if (s[i] == '{') {
            size_t j = i + 1;
            while (j < len && ((s[j] >= 'A' && s[j] <= 'Z') || s[j] == '_'))
                j++;
            if (j < len && s[j] == '}' && j > i + 1) {
                const char *key = s + i + 1;
                size_t kl = j - i - 1;
                int done = 0;
                for (size_t k = defs->len; k-- > 0 && !done;) {
                    const def *d = &QX__AT(*defs, def, k);
                    if (d->key_len == kl && !memcmp(d->key, key, kl)) {
                        done = 1;
                        if (d->once && written[k]) { /* a PCRE2 subroutine call */
                            if (!qx__buf_appends(out, a, "(?&qx_") || !qx__buf_append(out, a, key, kl) ||
                                !qx__buf_append(out, a, ")", 1))
                                return QX_E_NOMEM;
                            break;
                        }
                        if (d->once && (!qx__buf_appends(out, a, "(?<qx_") || !qx__buf_append(out, a, key, kl) ||
                                        !qx__buf_append(out, a, ">", 1)))
                            return QX_E_NOMEM;
                        qx_status rc = expand(d->value.data, d->value.len, defs, lx, a, out,
                                              depth + 1, err, rule, written);
                        if (rc != QX_OK)
                            return rc;
                        if (d->once) {
                            written[k] = 1;
                            if (!qx__buf_append(out, a, ")", 1))
                                return QX_E_NOMEM;
                        }
                    }
                }
                if (!done) {
                    qx_status rc = lexicon_value(key, kl, lx, a, out, &done);
                    if (rc != QX_OK)
                        return rc;
                }
                if (!done)
                    return qx__fail(err, QX_E_PATTERN, 0, "rule %s: unknown placeholder {%.*s}",
                                    rule, (int)kl, key);
                i = j + 1;
                continue;
            }
        }
        if (!qx__buf_append(out, a, s + i, 1))
            return QX_E_NOMEM;
        i++;
    }
    return QX_OK;
}

static const char *const group_names[QX__G_COUNT] = {"speaker", "role", "appos", "cue", "content", "relative"};

#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C)

/* JIT-compiles code; *on tells whether it runs JIT-compiled. Only running
 * out of memory is an error: without JIT the interpreter runs the rule. */
static qx_status jit(pcre2_code *code, int *on) {
    int jr = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    if (jr == PCRE2_ERROR_NOMEMORY)
        return QX_E_NOMEM;
    size_t jsize = 0;
    *on = jr == 0 && pcre2_pattern_info(code, PCRE2_INFO_JITSIZE, &jsize) == 0 && jsize > 0;
    return QX_OK;
}

/* Does PCRE2 find the start of a match of code quickly by itself (a first
 * character, a start-byte map, or an anchored pattern)? */
static int starts_fast(const pcre2_code *code) {
    uint32_t all = 0, first_type = 0;
    const uint8_t *bitmap = NULL;
    pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &all);
    pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &first_type);
    pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bitmap);
    return (all & PCRE2_ANCHORED) || first_type != 0 || bitmap != NULL;
}

/* The shortcuts of prefilter.c for rule r with expanded pattern pat: a
 * required literal, the byte a window must end with, a required group
 * compiled alone, and an anchored copy run only at possible start bytes.
 * Each is an optimisation only: when a pattern does not allow one the rule
 * runs without it; running out of memory is QX_E_NOMEM. */
static qx_status add_shortcuts(qx__rule *r, const char *pat, size_t len,
                               pcre2_compile_context *cctx, int use_jit, const qx_allocator *a) {
    qx_span groups[4];
    size_t n_groups = 4;
    int ec;
    PCRE2_SIZE eo;
    qx_status rc = QX_OK;
    r->need_len = qx__required_parts(pat, len, r->need, groups, &n_groups);
    r->need_pick = qx__rare_byte(r->need, r->need_len);
    r->has_last = qx__last_byte(pat, len, r->last, &r->last_skip_space);
    r->text_start = len >= 2 && pat[0] == '\\' && pat[1] == 'A' &&
                    (len == 2 || !strchr("?*{", pat[2]));
    r->word_start = qx__opens_at_word_start(pat, len);
    for (size_t g = 0; g < n_groups; g++) {
        r->group_src[g] = qx__strndup(a, pat + groups[g].start, groups[g].end - groups[g].start);
        if (!r->group_src[g])
            return QX_E_NOMEM;
        r->n_group_src++;
    }
    uint32_t opts = 0;
    pcre2_pattern_info(r->code, PCRE2_INFO_ALLOPTIONS, &opts);
    int anchored = (opts & PCRE2_ANCHORED) != 0;
    /* PCRE2 skips ahead well enough by itself; but an anchored pattern (\G)
     * runs in full on every window, and a window without its cue or tail
     * is better ruled out by the group's search. */
    if (starts_fast(r->code) && (!anchored || r->where != QX__CLAUSE))
        return QX_OK;
    /* The walk lists the groups in pattern order; one that begins after
     * need_group's body ends follows it in every match. */
    size_t need_end = 0;
    for (size_t g = 0; g < n_groups && !r->then_group && rc == QX_OK; g++) {
        if (r->need_group && groups[g].start <= need_end)
            continue;
        pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat + groups[g].start,
                                      groups[g].end - groups[g].start, COMPILE_OPTIONS, &ec, &eo, cctx);
        if (c && starts_fast(c)) {
            int *on = r->need_group ? &r->then_group_jit : &r->need_group_jit;
            if (r->need_group) {
                r->then_group = c;
            } else {
                r->need_group = c;
                r->need_src = (int)g;
                r->need_at = groups[g].start;
                need_end = groups[g].end;
            }
            rc = use_jit ? jit(c, on) : QX_OK;
        } else {
            pcre2_code_free(c);
            /* Out of memory is an error, not a shortcut left out: the
             * caller asked for an extractor that runs as documented. */
            if (!c && (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED))
                rc = QX_E_NOMEM;
        }
    }
    /* Every match holds a match of the pattern's tail from need_group on,
     * when that tail stands alone: a stronger filter than the group. */
    size_t from = r->need_src >= 0 ? qx__suffix_from_group(pat, len, groups[r->need_src].start)
                                   : (size_t)-1;
    if (rc == QX_OK && from != (size_t)-1 && from > 0) {
        pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat + from, len - from, COMPILE_OPTIONS, &ec, &eo, cctx);
        if (c && starts_fast(c)) {
            r->tail = c;
            rc = use_jit ? jit(c, &r->tail_jit) : QX_OK;
            /* "... said that": what precedes the cue ends in white space,
             * so only a cue after white space can be part of a match. */
            if (rc == QX_OK && qx__first_bytes(pat + from, len - from, r->tail_first) &&
                qx__ends_in_space(pat, from, r->tail_first)) {
                r->tail_anchored = pcre2_compile((PCRE2_SPTR)pat + from, len - from,
                                                 COMPILE_OPTIONS | PCRE2_ANCHORED, &ec, &eo, cctx);
                if (!r->tail_anchored && (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED))
                    rc = QX_E_NOMEM;
                else if (r->tail_anchored && use_jit)
                    rc = jit(r->tail_anchored, &r->tail_anchored_jit);
            }
        } else {
            pcre2_code_free(c);
            if (!c && (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED))
                rc = QX_E_NOMEM;
        }
    }
    if (rc == QX_OK && !anchored && qx__first_bytes(pat, len, r->first)) {
        for (unsigned b = 0; b < 256; b++)
            r->first_tab[b] = (r->first[b >> 3] >> (b & 7)) & 1;
        r->first_caps = 1;
        for (unsigned b = 0; b < 0x80; b++)
            r->first_caps &= !r->first_tab[b] || (b >= 'A' && b <= 'Z');
        r->anchored = pcre2_compile((PCRE2_SPTR)pat, len, COMPILE_OPTIONS | PCRE2_ANCHORED, &ec, &eo,
                                    cctx);
        if (!r->anchored && (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED))
            rc = QX_E_NOMEM;
        else if (r->anchored && use_jit)
            rc = jit(r->anchored, &r->anchored_jit);
    }
    return rc;
}

static const char *find_sub(const char *s, size_t n, const char *sub) {
    size_t k = strlen(sub);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, sub, k))
            return s + i;
    return NULL;
}

/* Can the rule skip a window holding no head of a {CUE_THAT} form
 * (qx__that_cue_heads)? Only when the group every match needs is that cue,
 * with white space before it and \b after it, so that its head is a whole
 * run of letters of the text: "\s+(?<cue>{CUE_THAT})\b", or with {ADVS}
 * between, when ADVS (which a rule text may redefine) ends in white space. */
static int that_gate(const raw_rule *raw, const qx__vec *defs, const qx__buf *pat, size_t group_at) {
    static const char cue[] = "(?<cue>{CUE_THAT})\\b";
    if (group_at < 7 || memcmp(pat->data + group_at - 7, "(?<cue>", 7) != 0)
        return 0;
    const char *p = raw->pattern.data, *at = find_sub(p, raw->pattern.len, cue);
    if (!at)
        return 0;
    size_t before = (size_t)(at - p);
    if (before >= 3 && !memcmp(at - 3, "\\s+", 3))
        return 1;
    if (before < 9 || memcmp(at - 9, "\\s+{ADVS}", 9) != 0)
        return 0;
    for (size_t i = defs->len; i-- > 0;) {
        const def *d = &QX__AT(*defs, def, i);
        if (d->key_len == 4 && !memcmp(d->key, "ADVS", 4)) {
            static const char tail[] = "\\s+){0,2}";
            size_t n = d->value.len, k = sizeof tail - 1;
            return n >= k && !memcmp(d->value.data + n - k, tail, k);
        }
    }
    return 0;
}

static qx_status compile_one(qx__rule *r, const raw_rule *raw, const qx__vec *defs,
                             const qx__lexicons *lx, const qx_options *o,
                             pcre2_general_context *gctx, qx_error *err) {
    const qx_allocator *a = &o->alloc;
    qx__buf pat = {0};
    r->name = qx__strndup(a, raw->name, raw->name_len);
    if (!r->name)
        return qx__fail(err, QX_E_NOMEM, 0, NULL);
    r->need_src = -1;
    r->where = raw->where;
    r->flags = raw->flags;
    r->confidence = raw->confidence;
    unsigned char *written = qx__malloc(a, defs->len ? defs->len : 1);
    if (!written)
        return qx__fail(err, QX_E_NOMEM, 0, NULL);
    memset(written, 0, defs->len ? defs->len : 1);
    qx_status rc = expand(raw->pattern.data, raw->pattern.len, defs, lx, a, &pat, 0, err, r->name, written);
    qx__free(a, written);
    if (rc != QX_OK) {
        qx__buf_free(&pat, a);
        return rc == QX_E_NOMEM ? qx__fail(err, rc, 0, NULL) : rc;
    }
    int ec;
    PCRE2_SIZE eo;
    pcre2_compile_context *cctx = pcre2_compile_context_create(gctx);
    if (!cctx) {
        qx__buf_free(&pat, a);
        return qx__fail(err, QX_E_NOMEM, 0, NULL);
    }
    r->code = pcre2_compile((PCRE2_SPTR)pat.data, pat.len, COMPILE_OPTIONS, &ec, &eo, cctx);
    if (!r->code) {
        pcre2_compile_context_free(cctx);
        qx__buf_free(&pat, a);
        /* pcre2_compile reports a failed allocation as the compile error
         * HEAP_FAILED, not as NOMEMORY as the match functions do. */
        if (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED)
            return qx__fail(err, QX_E_NOMEM, 0, NULL);
        PCRE2_UCHAR msg[120];
        pcre2_get_error_message(ec, msg, sizeof msg);
        /* The lexicons are written into the patterns, each as often as a
         * rule names it: words added at run time are what outgrows PCRE2's
         * compiled size, so say so. */
        const char *hint = ec == PCRE2_ERROR_PATTERN_TOO_LARGE
                               ? " (the lexicon words written into it make it too large: add fewer)"
                               : "";
        return qx__fail(err, QX_E_PATTERN, (size_t)eo, "rule %s (line %zu): %s at pattern offset %zu%s",
                        r->name, raw->lineno, (const char *)msg, (size_t)eo, hint);
    }
    uint32_t minlen = 0;
    pcre2_pattern_info(r->code, PCRE2_INFO_MINLENGTH, &minlen);
    /* PCRE2 also reports 0 when the pattern is too complex for it to work
     * the length out (a long lexicon alternation used several times): then
     * only a match of the empty subject shows that the rule matches empty
     * text. */
    if (minlen < 1) {
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(r->code, gctx);
        if (!md) {
            pcre2_compile_context_free(cctx);
            qx__buf_free(&pat, a);
            return qx__fail(err, QX_E_NOMEM, 0, NULL);
        }
        int empty = pcre2_match(r->code, (PCRE2_SPTR) "", 0, 0, 0, md, NULL);
        pcre2_match_data_free(md);
        minlen = empty == PCRE2_ERROR_NOMATCH ? 1 : 0;
    }
    /* QX_NO_JIT_BUILD (CMake -DQX_JIT=OFF): every extractor interprets, as
     * QX_FLAG_NO_JIT does, so valgrind sees all of the matching code. */
#ifdef QX_NO_JIT_BUILD
    int use_jit = 0;
#else
    int use_jit = !(o->flags & QX_FLAG_NO_JIT);
#endif
    if (minlen >= 1 && (!use_jit || (rc = jit(r->code, &r->jit)) == QX_OK))
        rc = add_shortcuts(r, pat.data, pat.len, cctx, use_jit, a);
    if (rc == QX_OK && r->need_src >= 0)
        r->that_gate = that_gate(raw, defs, &pat, r->need_at);
    pcre2_compile_context_free(cctx);
    qx__buf_free(&pat, a);
    if (minlen < 1)
        return qx__fail(err, QX_E_PATTERN, 0, "rule %s (line %zu): pattern can match empty text",
                        r->name, raw->lineno);
    if (rc != QX_OK)
        return qx__fail(err, rc, 0, NULL);
    for (int g = 0; g < QX__G_COUNT; g++) {
        int num = pcre2_substring_number_from_name(r->code, (PCRE2_SPTR)group_names[g]);
        r->group[g] = num > 0 ? num : -1;
    }
    return QX_OK;
}

/* Parses into fresh vectors, which the caller frees with free_parsed. */
static qx_status parse_text(const char *text, size_t len, const qx_allocator *a, qx__vec *defs,
                            qx__vec *raws, qx_error *err) {
    qx__vec_init(defs, sizeof(def));
    qx__vec_init(raws, sizeof(raw_rule));
    qx_status rc = parse(text ? text : "", len, a, defs, raws, err);
    if (rc == QX_E_NOMEM)
        qx__fail(err, rc, 0, NULL);
    return rc;
}

qx_status qx__rules_validate(const char *text, size_t len, const qx_allocator *a, qx_error *err) {
    qx__vec defs, raws;
    qx_status rc = parse_text(text, len, a, &defs, &raws, err);
    free_parsed(&defs, &raws, a);
    return rc;
}

/* The rule before i whose need_group body is text, or -1. */
static int key_of(const qx__rule *rules, size_t i, const char *text) {
    for (size_t j = 0; j < i; j++)
        if (rules[j].need_src >= 0 && !strcmp(rules[j].group_src[rules[j].need_src], text))
            return rules[j].group_key;
    return -1;
}

/* Keys for the required-group searches several rules can share. */
static void share_group_keys(qx__rule *rules, size_t n) {
    for (size_t i = 0; i < n; i++) {
        qx__rule *r = &rules[i];
        r->group_key = r->peek_key = -1;
        if (r->need_src >= 0) {
            int k = key_of(rules, i, r->group_src[r->need_src]);
            r->group_key = k >= 0 ? k : (int)i;
        }
    }
    for (size_t i = 0; i < n; i++) {
        qx__rule *r = &rules[i];
        if (r->need_group)
            continue; /* it searches for its own */
        for (size_t g = 0; g < r->n_group_src && r->peek_key < 0; g++)
            r->peek_key = key_of(rules, n, r->group_src[g]);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n && rules[i].group_key >= 0; j++)
            rules[i].group_shared |= j != i && (rules[j].group_key == rules[i].group_key ||
                                                rules[j].peek_key == rules[i].group_key);
}

qx_status qx__rules_compile(qx__rule **out, size_t *n_out, const char *text, size_t len,
                            const qx__lexicons *lx, const qx_options *o,
                            pcre2_general_context *gctx, qx_error *err) {
    const qx_allocator *a = &o->alloc;
    qx__vec defs, raws;
    *out = NULL;
    *n_out = 0;
    qx_status rc = parse_text(text, len, a, &defs, &raws, err);
    qx__rule *rules = NULL;
    if (rc == QX_OK && raws.len) {
        rules = qx__malloc(a, raws.len * sizeof *rules);
        if (!rules)
            rc = qx__fail(err, QX_E_NOMEM, 0, NULL);
        else
            memset(rules, 0, raws.len * sizeof *rules);
    }
    size_t done = 0;
    for (; rc == QX_OK && done < raws.len; done++)
        rc = compile_one(&rules[done], &QX__AT(raws, raw_rule, done), &defs, lx, o, gctx, err);
    free_parsed(&defs, &raws, a);
    if (rc != QX_OK) {
        qx__rules_free(rules, done, a);
        return rc;
    }
    share_group_keys(rules, done);
    *out = rules;
    *n_out = done;
    return QX_OK;
}

void qx__rules_free(qx__rule *rules, size_t n, const qx_allocator *a) {
    if (!rules)
        return;
    for (size_t i = 0; i < n; i++) {
        qx__free(a, rules[i].name);
        pcre2_code_free(rules[i].code);
        pcre2_code_free(rules[i].anchored);
        pcre2_code_free(rules[i].need_group);
        pcre2_code_free(rules[i].then_group);
        pcre2_code_free(rules[i].tail);
        pcre2_code_free(rules[i].tail_anchored);
        for (size_t g = 0; g < rules[i].n_group_src; g++)
            qx__free(a, rules[i].group_src[g]);
    }
    qx__free(a, rules);
}
