/* Quote marks: finding them with the mark table, telling openers from
 * closers and apostrophes, and pairing them within each paragraph. A quote
 * left open at a paragraph's end ends there; when the next paragraph reopens
 * with a mark, the two pieces are one continued quote. */
#include "internal.h"

#define MAX_DEPTH 16

typedef struct open_mark {
    size_t mark;  /* index in the table */
    size_t pos;   /* byte offset of the opening mark */
    size_t after; /* first byte after it */
} open_mark;

static int is_open_punct(uint32_t c) {
    return c == '(' || c == '[' || c == '{' || c == '/' || qx__is_dash(c) || c == 0x2026 ||
           c == ':' || c == ';' || c == ',';
}

static int is_mark_char(uint32_t c) {
    return c == '"' || c == '\'' || (c >= 0x2018 && c <= 0x201F) || c == 0xAB || c == 0xBB ||
           c == 0x2039 || c == 0x203A || (c >= 0x300C && c <= 0x300F) || c == 0xFF02;
}

/* The longest mark string of the table that starts at t[i], and the entries
 * it can open and close. */
typedef struct hit {
    size_t len;
    int open_of[4], n_open;
    int close_of[4], n_close;
} hit;

static int mark_at(const qx__doc *d, size_t i, size_t end, hit *h) {
    const qx__lexicons *lx = &d->ex->lex;
    int no_single = (d->ex->flags & QX_FLAG_NO_SINGLE_QUOTES) != 0;
    h->len = 0;
    h->n_open = h->n_close = 0;
    uint64_t bits = lx->marks_of_byte[(unsigned char)d->text[i]];
    for (size_t m = 0; m < lx->n_marks; m++) {
        if (m < 64 && !((bits >> m) & 1)) {
            if (!(bits >> m) && lx->n_marks <= 64)
                break; /* no later mark starts with this byte */
            continue;
        }
        const qx__mark *mk = &lx->marks[m];
        if (no_single && (mk->flags & QX__MARK_SINGLE))
            continue;
        size_t lens[2] = {mk->open_len, mk->close_len};
        const char *strs[2] = {mk->open, mk->close};
        for (int k = 0; k < 2; k++) {
            size_t n = lens[k];
            if (!n || strs[k][0] != d->text[i] || i + n > end || memcmp(d->text + i, strs[k], n) != 0)
                continue;
            if (n > h->len) {
                h->len = n;
                h->n_open = h->n_close = 0;
            }
            if (n == h->len) {
                if (k == 0 && h->n_open < 4)
                    h->open_of[h->n_open++] = (int)m;
                if (k == 1 && h->n_close < 4)
                    h->close_of[h->n_close++] = (int)m;
            }
        }
    }
    return h->len > 0;
}

/* Straight quotes are interchangeable with the curly double marks as closers,
 * because sources mix them; so is an opening curly mark that stands where
 * only a closer can ("the best in the world“ and"), a slip some sites make. */
static int closes(const qx__lexicons *lx, const hit *h, size_t open_mark_idx, const char *t,
                  size_t i, int closing_only) {
    for (int k = 0; k < h->n_close; k++)
        if ((size_t)h->close_of[k] == open_mark_idx)
            return 1;
    const qx__mark *om = &lx->marks[open_mark_idx];
    int open_double = (om->open_len == 1 && om->open[0] == '"') ||
                      (om->open_len == 3 && !memcmp(om->open, "\xE2\x80\x9C", 3));
    int is_double = (h->len == 1 && t[i] == '"') ||
                    (h->len == 3 && !memcmp(t + i, "\xE2\x80\x9D", 3)) ||
                    (closing_only && h->len == 3 && !memcmp(t + i, "\xE2\x80\x9C", 3));
    return open_double && is_double;
}

qx_status qx__push_cand(qx__vec *v, const qx_allocator *a, size_t open, size_t inner_s, size_t inner_e,
                        size_t close, size_t para, uint32_t flags) {
    qx__cand *c = qx__vec_push(v, a);
    if (!c)
        return QX_E_NOMEM;
    c->open = open;
    c->inner_start = inner_s;
    c->inner_end = inner_e;
    c->close = close;
    c->para = para;
    c->flags = flags;
    return QX_OK;
}

/* The first byte at or after i that is '"', '\'' or not ASCII (every mark
 * of the built-in table starts with one), eight bytes at a time. */
static size_t next_candidate(const char *text, size_t i, size_t end) {
    const unsigned char *t = (const unsigned char *)text;
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (i + 8 <= end) {
        uint64_t x, q, a;
        memcpy(&x, t + i, 8);
        q = x ^ (ones * '"');
        a = x ^ (ones * '\'');
        /* a zero byte of q or a marks a '"' or '\'' in x */
        if (((q - ones) & ~q & highs) | ((a - ones) & ~a & highs) | (x & highs))
            break;
        i += 8;
    }
    while (i < end && t[i] != '"' && t[i] != '\'' && t[i] < 0x80)
        i++;
    return i;
}

static qx_status scan_paragraph(qx__doc *d, size_t pi, int *open_at_end) {
    const qx__para *p = &QX__AT(*d->paras, qx__para, pi);
    const char *t = d->text;
    const qx__lexicons *lx = &d->ex->lex;
    open_mark stack[MAX_DEPTH];
    int depth = 0;
    size_t i = p->start;
    *open_at_end = 0;
    while (i < p->end) {
        i = next_candidate(t, i, p->end);
        if (i >= p->end)
            break;
        unsigned char b = (unsigned char)t[i];
        /* Only these lead bytes can start a mark in the built-in table; a user
         * table with other marks falls back to checking every position. */
        if ((b != '"' && b != '\'' && b < 0xC2) || !(lx->mark_first[b >> 3] & (1u << (b & 7)))) {
            i++;
            continue;
        }
        hit h;
        if (!mark_at(d, i, p->end, &h)) {
            i++;
            continue;
        }
        size_t n1, n2;
        uint32_t prev = i > p->start ? qx__utf8_before(t, i, &n1) : 0;
        uint32_t next = i + h.len < p->end ? qx__utf8_at(t, p->end, i + h.len, &n2) : 0;
        int prev_space = !prev || qx__is_space(prev);
        int next_space = !next || qx__is_space(next);
        int can_open = !next_space && (prev_space || is_open_punct(prev) || is_mark_char(prev));
        int can_close = !prev_space && (next_space || !qx__is_alnum(next));
        int symmetric = 0, single = 0;
        for (int k = 0; k < h.n_open; k++) {
            symmetric |= (lx->marks[h.open_of[k]].flags & QX__MARK_SYMMETRIC) != 0;
            single |= (lx->marks[h.open_of[k]].flags & QX__MARK_SINGLE) != 0;
        }
        for (int k = 0; k < h.n_close; k++)
            single |= (lx->marks[h.close_of[k]].flags & QX__MARK_SINGLE) != 0;
        if (single) {
            /* The apostrophe guard: don't, Jones' and '90s are not quotes. */
            if (prev && next && qx__is_alnum(prev) && qx__is_alnum(next)) {
                i += h.len;
                continue;
            }
            if (next >= '0' && next <= '9' && prev_space) {
                i += h.len;
                continue;
            }
        }
        /* Does it close an open quote (the innermost that it fits)? */
        int closed = -1;
        for (int k = depth - 1; k >= 0; k--) {
            if (closes(lx, &h, stack[k].mark, t, i, can_close && !can_open)) {
                int sym = (lx->marks[stack[k].mark].flags & QX__MARK_SYMMETRIC) != 0;
                /* A symmetric mark that can only open does not close a
                 * deeper quote: it is more likely a new inner one. */
                if (sym && k != depth - 1 && !can_close)
                    continue;
                if (single && !can_close)
                    continue;
                closed = k;
                break;
            }
        }
        if (closed >= 0) {
            if (closed == 0) {
                size_t len = i - stack[0].after;
                uint32_t fl = 0;
                size_t inner_e = i, close_e = i + h.len;
                if (len > d->ex->max_quote_len) {
                    inner_e = stack[0].after + d->ex->max_quote_len;
                    while (inner_e > stack[0].after && ((unsigned char)t[inner_e] & 0xC0) == 0x80)
                        inner_e--;
                    close_e = inner_e;
                    fl = QX_QUOTE_UNCLOSED;
                    if (qx__diag(d, QX_OK, stack[0].pos, "quote longer than max_quote_len cut") != QX_OK)
                        return QX_E_NOMEM;
                }
                if (qx__push_cand(d->cands, d->a, stack[0].pos, stack[0].after, inner_e, close_e, pi, fl) != QX_OK)
                    return QX_E_NOMEM;
            }
            depth = closed;
            i += h.len;
            continue;
        }
        /* A straight mark glued to the words on both sides, with no quote
         * open ("waxed poetic about"joint operations", "named."We got"),
         * can only open one: a missing space, not a closer. (Not after
         * "=": a value in markup, <a href="...">.) */
        int glued = !can_open && !can_close && !next_space && !single && depth == 0 && prev != '=';
        /* An opening-only mark with a space on each side and no quote open
         * ("said. “ You know, ...”") opens one: a stray space after it. */
        int spaced = !symmetric && !single && depth == 0 && prev_space && next_space && next;
        int opener = h.n_open > 0 && (symmetric ? can_open || glued : !next_space || spaced);
        if (single && h.n_open > 0 && !can_open)
            opener = 0;
        /* A mark before ">" ends a value in markup: <a title="...">. */
        if (symmetric && next == '>')
            opener = 0;
        if (opener && depth < MAX_DEPTH) {
            stack[depth].mark = (size_t)h.open_of[0];
            stack[depth].pos = i;
            stack[depth].after = i + h.len + (spaced ? n2 : 0);
            depth++;
        } else if (!single && h.n_close > 0 && !opener) {
            if (qx__diag(d, QX_OK, i, "closing quote mark without an opening one") != QX_OK)
                return QX_E_NOMEM;
        }
        i += h.len;
    }
    if (depth > 0) {
        /* Open at the paragraph's end: it ends here (it may be continued). */
        size_t end = p->end;
        if (end - stack[0].after > d->ex->max_quote_len) {
            end = stack[0].after + d->ex->max_quote_len;
            while (end > stack[0].after && ((unsigned char)t[end] & 0xC0) == 0x80)
                end--;
        }
        if (end > stack[0].after &&
            qx__push_cand(d->cands, d->a, stack[0].pos, stack[0].after, end, end, pi, QX_QUOTE_UNCLOSED) != QX_OK)
            return QX_E_NOMEM;
        *open_at_end = end > stack[0].after;
    }
    return QX_OK;
}

qx_status qx__find_quotes(qx__doc *d) {
    d->cands->len = 0;
    int prev_open = 0;
    for (size_t pi = 0; pi < d->paras->len; pi++) {
        size_t before = d->cands->len;
        int open_end;
        qx_status rc = scan_paragraph(d, pi, &open_end);
        if (rc != QX_OK)
            return rc;
        qx__cand *c = d->cands->data;
        if (prev_open) {
            qx__cand *prev = &c[before - 1];
            const qx__para *p = &QX__AT(*d->paras, qx__para, pi);
            if (d->cands->len > before && c[before].open == p->start) {
                /* The news convention: the next paragraph reopens the quote. */
                c[before].continues = 1;
                prev->flags = (prev->flags & ~QX_QUOTE_UNCLOSED) | QX_QUOTE_CONTINUED;
            } else if (qx__diag(d, QX_OK, prev->open, "quote mark never closed") != QX_OK) {
                return QX_E_NOMEM;
            }
        }
        prev_open = open_end;
    }
    if (prev_open && d->cands->len) {
        qx__cand *last = &QX__AT(*d->cands, qx__cand, d->cands->len - 1);
        if (qx__diag(d, QX_OK, last->open, "quote mark never closed") != QX_OK)
            return QX_E_NOMEM;
    }
    return qx__find_dash_quotes(d);
}
