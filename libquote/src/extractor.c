/* The compiled extractor (immutable, shared) and the per-thread state. */
#include "internal.h"

static void *pcre_malloc(PCRE2_SIZE n, void *ctx) {
    const qx_allocator *a = ctx;
    return a->malloc(a->ctx, n);
}
static void pcre_free(void *p, void *ctx) {
    const qx_allocator *a = ctx;
    if (p)
        a->free(a->ctx, p);
}

qx_extractor *qx_extractor_new(const qx_options *opts, qx_error *err) {
    qx_options *own = NULL;
    if (!opts) {
        own = qx_options_new(NULL);
        if (!own) {
            qx__fail(err, QX_E_NOMEM, 0, NULL);
            return NULL;
        }
        opts = own;
    }
    const qx_allocator *a = &opts->alloc;
    qx_extractor *ex = qx__malloc(a, sizeof *ex);
    if (!ex) {
        qx__fail(err, QX_E_NOMEM, 0, NULL);
        qx_options_free(own);
        return NULL;
    }
    memset(ex, 0, sizeof *ex);
    ex->alloc = *a;
    ex->flags = opts->flags;
    ex->max_quote_len = opts->max_quote_len;
    ex->match_limit = opts->match_limit;
    ex->heap_limit_kib = opts->heap_limit_kib;
    ex->min_confidence = opts->min_confidence;
    /* PCRE2 keeps the context pointer: point it at the extractor's own copy. */
    ex->gctx = pcre2_general_context_create(pcre_malloc, pcre_free, &ex->alloc);
    if (!ex->gctx) {
        qx__fail(err, QX_E_NOMEM, 0, NULL);
        goto fail;
    }
    if (qx__lexicons_build(&ex->lex, opts, err) != QX_OK)
        goto fail;
    if (qx__rules_compile(&ex->rules, &ex->n_rules, opts->rules.data, opts->rules.len, &ex->lex,
                          opts, ex->gctx, err) != QX_OK)
        goto fail;
    if (qx__calibration_build(&ex->calib, &ex->n_calib,
                              opts->calibration.data ? opts->calibration.data : "",
                              opts->calibration.len, a, err) != QX_OK)
        goto fail;
    ex->all_jit = ex->n_rules > 0;
    for (size_t i = 0; i < ex->n_rules; i++) {
        uint32_t cap = 0;
        pcre2_pattern_info(ex->rules[i].code, PCRE2_INFO_CAPTURECOUNT, &cap);
        if (cap > ex->max_groups)
            ex->max_groups = cap;
        ex->all_jit &= ex->rules[i].jit;
    }
    qx_options_free(own);
    return ex;
fail:
    qx_options_free(own);
    qx_extractor_free(ex);
    return NULL;
}

void qx_extractor_free(qx_extractor *ex) {
    if (!ex)
        return;
    qx_allocator a = ex->alloc;
    qx__rules_free(ex->rules, ex->n_rules, &a);
    qx__calibration_free(ex->calib, ex->n_calib, &a);
    qx__lexicons_free(&ex->lex, &a);
    pcre2_general_context_free(ex->gctx);
    qx__free(&a, ex);
}

int qx_extractor_uses_jit(const qx_extractor *ex) { return ex ? ex->all_jit : 0; }

size_t qx_extractor_rule_count(const qx_extractor *ex) { return ex ? ex->n_rules : 0; }

const char *qx_extractor_rule_name(const qx_extractor *ex, size_t i) {
    return ex && i < ex->n_rules ? ex->rules[i].name : NULL;
}

qx_state *qx_state_new(const qx_extractor *ex) {
    if (!ex)
        return NULL;
    qx_state *st = qx__malloc(&ex->alloc, sizeof *st);
    if (!st)
        return NULL;
    memset(st, 0, sizeof *st);
    st->ex = ex;
    st->md = pcre2_match_data_create(ex->max_groups + 1, ex->gctx);
    st->mctx = pcre2_match_context_create(ex->gctx);
    if (!st->md || !st->mctx) {
        qx_state_free(st);
        return NULL;
    }
    pcre2_set_match_limit(st->mctx, ex->match_limit);
    pcre2_set_heap_limit(st->mctx, ex->heap_limit_kib);
    /* Depth never exceeds the steps taken, so this only makes the bound explicit. */
    pcre2_set_depth_limit(st->mctx, ex->match_limit);
    qx__vec_init(&st->paras, sizeof(qx__para));
    qx__vec_init(&st->sents, sizeof(qx_span));
    qx__vec_init(&st->marks, sizeof(size_t));
    qx__vec_init(&st->cands, sizeof(qx__cand));
    qx__vec_init(&st->names, sizeof(qx__mention));
    return st;
}

void qx_state_free(qx_state *st) {
    if (!st)
        return;
    const qx_allocator *a = &st->ex->alloc;
    pcre2_match_data_free(st->md);
    pcre2_match_context_free(st->mctx);
    qx__vec_free(&st->paras, a);
    qx__vec_free(&st->sents, a);
    qx__vec_free(&st->marks, a);
    qx__vec_free(&st->cands, a);
    qx__vec_free(&st->names, a);
    qx__free(a, st);
}

static int run(const pcre2_code *code, int jit, qx__doc *d, size_t start, size_t end) {
    if (jit)
        return pcre2_jit_match(code, (PCRE2_SPTR)d->text, end, start, 0, d->st->md, d->st->mctx);
    return pcre2_match(code, (PCRE2_SPTR)d->text, end, start, PCRE2_NO_UTF_CHECK, d->st->md,
                       d->st->mctx);
}

/* Does any of the eight bytes at s hold an ASCII capital or a byte of a
 * non-ASCII character? (Any byte: the order of bytes in v does not matter.) */
static int caps_or_high8(const unsigned char *s) {
    const uint64_t ones = 0x0101010101010101ull, high = ones << 7;
    uint64_t v;
    memcpy(&v, s, 8);
    uint64_t y = v & ~high; /* each byte below 0x80: the sums below cannot carry */
    uint64_t caps = (y + ones * (0x80u - 'A')) & ~(y + ones * (0x7Fu - 'Z'));
    return ((caps | v) & high) != 0;
}

/* What the last shared group search tells of group key in [from, end):
 * 1 and *at set when its first match there is known, 0 when it has none,
 * -2 when the search does not tell. */
static int cached_group(const qx__doc *d, int key, size_t from, size_t end, size_t *at) {
    if (key < 0 || d->group_cache.key != key + 1 || d->group_cache.end != end ||
        from < d->group_cache.from)
        return -2;
    if (!d->group_cache.found)
        return 0;
    if (from > d->group_cache.at)
        return -2;
    *at = d->group_cache.at;
    return 1;
}

/* Where group code first matches in [from, end): 1 and *at set, 0 when it
 * does not, -1 on an error (a limit), which bounds nothing. */
static int find_group(qx__doc *d, const pcre2_code *code, int jit, size_t from, size_t end,
                      size_t *at) {
    int g = run(code, jit, d, from, end);
    if (g == PCRE2_ERROR_NOMATCH)
        return 0;
    if (g < 0)
        return -1;
    *at = pcre2_get_ovector_pointer(d->st->md)[0];
    return 1;
}

/* Rule r's anchored tail tried at p, where it can start only at a byte it
 * can start with, after white space or a non-ASCII byte (which may end a
 * white space character): 1 and *at set, 0, or -1 on an error (a limit). */
static int tail_at(qx__doc *d, const qx__rule *r, size_t p, size_t end, size_t *at) {
    const unsigned char *t = (const unsigned char *)d->text;
    if (p == 0 || !((r->tail_first[t[p] >> 3] >> (t[p] & 7)) & 1) || (t[p - 1] > ' ' && t[p - 1] < 0x80))
        return 0;
    int g = run(r->tail_anchored, r->tail_anchored_jit, d, p, end);
    if (g >= 0) {
        *at = p;
        return 1;
    }
    return g == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

/* Where rule r's tail first matches in [from, end) at a position a match of
 * the rule can use, as find_group (with tail_anchored, as tail_at allows). */
static int find_tail(qx__doc *d, const qx__rule *r, size_t from, size_t end, size_t *at) {
    if (!r->tail_anchored)
        return find_group(d, r->tail, r->tail_jit, from, end, at);
    for (size_t p = from > 0 ? from : 1; p < end; p++) {
        if (r->need_group) {
            /* The tail opens with the required group: one search finds the
             * next place it can start, where a call per candidate byte
             * would cost more than the group's whole search. */
            int g = find_group(d, r->need_group, r->need_group_jit, p, end, &p);
            if (g <= 0)
                return g;
        }
        int g = tail_at(d, r, p, end, at);
        if (g != 0)
            return g;
    }
    return 0;
}

/* find_tail, for a rule whose tail opens with a +that cue (that_gate) in the
 * window whose cue heads indirect.c listed: the tail is tried at those
 * heads only. Any other case, or a list cut short, goes to find_tail. */
static int next_tail(qx__doc *d, const qx__rule *r, size_t from, size_t end, size_t *at) {
    if (!r->that_gate || !r->tail_anchored || !d->heads.at || d->heads.end != end ||
        d->heads.from > from || d->heads.n > QX__MAX_CUE_HEADS)
        return find_tail(d, r, from, end, at);
    for (size_t k = 0; k < d->heads.n; k++) {
        if (d->heads.at[k] < from)
            continue;
        int g = tail_at(d, r, d->heads.at[k], end, at);
        if (g != 0)
            return g;
    }
    return 0;
}

int qx__rule_match(qx__doc *d, const qx__rule *r, size_t start, size_t end) {
    int rc = PCRE2_ERROR_NOMATCH;
    if (start > end)
        return 0;
    /* \A is the text's start, whatever the window. */
    if (r->text_start && start > 0)
        return 0;
    /* Every match lies in [start, end) and holds the rule's literal. */
    if (r->need_len && !qx__contains(d->text + start, end - start, r->need, r->need_len, r->need_pick))
        return 0;
    /* A rule ending at \z: the window's last byte (before white space). */
    if (r->has_last) {
        size_t e = end;
        if (r->last_skip_space)
            while (e > start && (d->text[e - 1] == ' ' || (d->text[e - 1] >= '\t' && d->text[e - 1] <= '\r')))
                e--;
        unsigned char b = e > start ? (unsigned char)d->text[e - 1] : 0;
        if (e == start || !(r->last[b >> 3] & (1u << (b & 7))))
            return 0;
    }
    /* And a match of its required group, then of the group every match
     * holds after it. An error here (a limit) proves nothing: the rule
     * itself then runs and reports what it finds. */
    size_t group_at = 0, then_at = 0; /* where the groups next occur */
    int bound = 0, then_bound = 0;    /* ...when known */
    if (r->peek_key >= 0 && cached_group(d, r->peek_key, start, end, &group_at) == 0)
        return 0;
    if (r->need_group) {
        /* Rules of one window often need the same group (the cue): it is
         * searched for once. A rule with a tail of its own searches only
         * for that, unless others share its group's search. */
        int g = cached_group(d, r->group_key, start, end, &group_at);
        if (r->that_gate && r->tail_anchored && g == -2)
            g = -3; /* next_tail starts at the heads: no search for the group */
        if (g == -2 && (r->group_shared || !r->tail)) {
            g = find_group(d, r->need_group, r->need_group_jit, start, end, &group_at);
            if (g >= 0 && r->group_key >= 0) {
                d->group_cache.key = r->group_key + 1;
                d->group_cache.found = g;
                d->group_cache.from = start;
                d->group_cache.end = end;
                d->group_cache.at = group_at;
            }
        }
        if (g == 0)
            return 0;
        bound = g > 0;
        if (r->tail && g != -1) {
            /* the tail from the group on, which every match ends with */
            g = next_tail(d, r, g > 0 ? group_at : start, end, &group_at);
            if (g == 0)
                return 0;
            bound = g > 0;
        } else if (bound && r->then_group) {
            int h = find_group(d, r->then_group, r->then_group_jit, group_at, end, &then_at);
            if (h == 0)
                return 0;
            then_bound = h > 0;
        }
    }
    if (r->anchored) {
        /* What the unanchored search does, start position by start position,
         * skipping the positions whose byte cannot start a match. The map
         * holds no UTF-8 continuation byte, so every try is at a character.
         * A match holds an occurrence of the required group at or after its
         * start, and one of the group after it at or after that: once the
         * tries pass the last such pair, none can succeed. */
        const unsigned char *t = (const unsigned char *)d->text;
        size_t scan_from = start; /* where eight bytes at a time may resume */
        for (size_t p = start; p < end; p++) {
            if (r->first_caps && p >= scan_from) {
                /* the name finder runs over every paragraph: lower-case
                 * text is passed over without a byte-by-byte look */
                while (end - p >= 8 && !caps_or_high8(t + p))
                    p += 8;
                if (p >= end)
                    break;
                scan_from = p + 8;
            }
            if (!r->first_tab[t[p]])
                continue;
            /* Inside a word: an ASCII letter before p is a \p{L}, which the
             * pattern's opening lookbehind rules out (the many letters that
             * may start a speaker made these most of the tries). */
            if (r->word_start && p > 0 && (unsigned)((t[p - 1] | 32) - 'a') < 26)
                continue;
            if (bound && p > group_at) {
                int g = r->tail ? next_tail(d, r, p, end, &group_at)
                                : find_group(d, r->need_group, r->need_group_jit, p, end, &group_at);
                if (g == 0)
                    break;
                bound = g > 0;
                then_bound &= bound;
            }
            if (then_bound && then_at < group_at) {
                int h = find_group(d, r->then_group, r->then_group_jit, group_at, end, &then_at);
                if (h == 0)
                    break;
                then_bound = h > 0;
            }
            rc = run(r->anchored, r->anchored_jit, d, p, end);
            if (rc != PCRE2_ERROR_NOMATCH)
                break;
        }
    } else {
        rc = run(r->code, r->jit, d, start, end);
    }
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
        return 0;
    if (rc == PCRE2_ERROR_NOMEMORY)
        return QX_E_NOMEM;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
        rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
        qx__fail(d->err, QX_E_LIMIT, start, "rule %s hit a PCRE2 limit (%d) near byte %zu", r->name,
                 rc, start);
        return QX_E_LIMIT;
    }
    qx__fail(d->err, QX_E_INTERNAL, start, "rule %s: PCRE2 error %d", r->name, rc);
    return QX_E_INTERNAL;
}

qx_span qx__group(qx__doc *d, const qx__rule *r, int g) {
    qx_span s = {QX_UNSET, QX_UNSET};
    int num = r->group[g];
    if (num < 0)
        return s;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->st->md);
    if (ov[2 * num] == PCRE2_UNSET || ov[2 * num] == ov[2 * num + 1])
        return s;
    s.start = ov[2 * num];
    s.end = ov[2 * num + 1];
    return s;
}
