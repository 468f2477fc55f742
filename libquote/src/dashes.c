/* Dialogue set off by dashes instead of quote marks (Joyce, and many
 * novels translated from French, Spanish or Russian):
 *
 *     —Back to barracks! he said sternly.
 *     --O, Stephen will apologize.
 *
 * A paragraph that opens with a dash glued to its first word is a turn of
 * speech, in a text whose speech is mostly set that way (news lists open
 * with "— " and a space, and quote with marks). The turn runs to the end of
 * the paragraph unless an attribution ("he said sternly.") interrupts it;
 * what follows the attribution's sentence is the turn's second piece. */
#include "internal.h"

/* Turns a text needs before its dashes count as speech. */
#define QX__DASH_TURNS 3

/* Length of the dash opening a turn at t[i] ("—" or "--"), or 0. */
static size_t turn_dash(const char *t, size_t i, size_t end) {
    size_t n = 0;
    if (i + 3 <= end && !memcmp(t + i, "\xE2\x80\x94", 3))
        n = 3;
    else if (i + 2 <= end && t[i] == '-' && t[i + 1] == '-')
        n = 2;
    if (!n || i + n >= end)
        return 0;
    unsigned char c = (unsigned char)t[i + n];
    return c == ' ' || c == '\n' || c == '-' || c == 0xE2 ? 0 : n;
}

static size_t word_end_at(const char *t, size_t i, size_t end) {
    while (i < end && t[i] != ' ' && t[i] != '\n' && t[i] != ',' && t[i] != '.' && t[i] != '!' &&
           t[i] != '?' && t[i] != ';' && t[i] != ':')
        i++;
    return i;
}

static size_t skip_spaces(const char *t, size_t i, size_t end) {
    while (i < end && (t[i] == ' ' || t[i] == '\n'))
        i++;
    return i;
}

/* Where a speaker at t[i] ends: a pronoun, or up to three capitalised
 * words; 0 when there is none. */
static size_t speaker_end(const qx__doc *d, size_t i, size_t end) {
    const char *t = d->text;
    size_t we = word_end_at(t, i, end);
    if (we == i)
        return 0;
    if (qx__pronoun_find(&d->ex->lex, t + i, we - i))
        return we;
    size_t words = 0;
    for (size_t j = i; words < 3 && j < end && t[j] >= 'A' && t[j] <= 'Z'; words++) {
        we = word_end_at(t, j, end);
        j = skip_spaces(t, we, end);
    }
    return words ? we : 0;
}

/* At t[i], just after the punctuation that ends a piece of speech: a
 * speaker, an optional -ly adverb and a cue verb, or a cue verb and a
 * speaker ("said Tomas Lind"). Returns where the attribution ends, or 0. */
static size_t attribution_at(const qx__doc *d, size_t i, size_t end) {
    const char *t = d->text;
    const qx__lexicons *lx = &d->ex->lex;
    i = skip_spaces(t, i, end);
    size_t we = word_end_at(t, i, end);
    if (we == i)
        return 0;
    if (t[i] >= 'a' && t[i] <= 'z' && qx__cue_find(lx, t + i, we - i) && !qx__pronoun_find(lx, t + i, we - i))
        return speaker_end(d, skip_spaces(t, we, end), end);
    size_t se = speaker_end(d, i, end);
    if (!se)
        return 0;
    i = skip_spaces(t, se, end);
    we = word_end_at(t, i, end);
    if (we - i > 2 && t[we - 2] == 'l' && t[we - 1] == 'y' && !qx__cue_find(lx, t + i, we - i)) {
        i = skip_spaces(t, we, end);
        we = word_end_at(t, i, end);
    }
    return we > i && qx__cue_find(lx, t + i, we - i) ? we : 0;
}

/* The turn that paragraph p opens with a dash of length n, in one piece or
 * two around its attribution. A piece opens at its dash, or at its first
 * byte after an attribution, and has no closing mark. */
static qx_status dash_turn(const qx__doc *d, qx__vec *v, const qx__para *p, size_t pi, size_t n) {
    const char *t = d->text;
    size_t s = p->start + n, e = p->end;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\n'))
        e--;
    for (size_t i = s; i + 1 < e; i++) {
        char ch = t[i];
        if ((ch != ',' && ch != '!' && ch != '?' && ch != '.') || (t[i + 1] != ' ' && t[i + 1] != '\n'))
            continue;
        size_t ce = attribution_at(d, i + 1, e);
        if (!ce)
            continue;
        /* "—Back to barracks! he said": the ! is the speaker's, the comma of
         * "—Tell me, Mulligan, Stephen said" the narrator's. */
        size_t split = ch == '!' || ch == '?' ? i + 1 : i;
        while (ce < e && t[ce] != '.' && t[ce] != '!' && t[ce] != '?')
            ce++;
        size_t resume = ce < e ? skip_spaces(t, ce + 1, e) : e;
        qx_status rc = split > s ? qx__push_cand(v, d->a, p->start, s, split, split, pi, 0) : QX_OK;
        if (rc == QX_OK && resume < e)
            rc = qx__push_cand(v, d->a, resume, resume, e, e, pi, 0);
        return rc;
    }
    return e > s ? qx__push_cand(v, d->a, p->start, s, e, e, pi, 0) : QX_OK;
}

qx_status qx__find_dash_quotes(qx__doc *d) {
    const char *t = d->text;
    size_t turns = 0;
    for (size_t pi = 0; pi < d->paras->len; pi++) {
        const qx__para *p = &QX__AT(*d->paras, qx__para, pi);
        turns += turn_dash(t, p->start, p->end) > 0;
    }
    /* A text that quotes with marks keeps its dashes as punctuation. */
    if (turns < QX__DASH_TURNS || turns <= 2 * d->cands->len)
        return QX_OK;
    qx__vec v;
    qx__vec_init(&v, sizeof(qx__cand));
    size_t ci = 0, nc = d->cands->len;
    qx_status rc = QX_OK;
    for (size_t pi = 0; pi < d->paras->len && rc == QX_OK; pi++) {
        const qx__para *p = &QX__AT(*d->paras, qx__para, pi);
        int marks = 0;
        for (; ci < nc && QX__AT(*d->cands, qx__cand, ci).para <= pi && rc == QX_OK; ci++) {
            qx__cand *c = qx__vec_push(&v, d->a);
            if (!c)
                rc = QX_E_NOMEM;
            else
                *c = QX__AT(*d->cands, qx__cand, ci);
            marks |= c && c->para == pi;
        }
        size_t n = marks ? 0 : turn_dash(t, p->start, p->end);
        if (n && rc == QX_OK)
            rc = dash_turn(d, &v, p, pi, n);
    }
    d->cands->len = 0;
    for (size_t i = 0; i < v.len && rc == QX_OK; i++) {
        qx__cand *c = qx__vec_push(d->cands, d->a);
        if (!c)
            rc = QX_E_NOMEM;
        else
            *c = QX__AT(v, qx__cand, i);
    }
    qx__vec_free(&v, d->a);
    return rc;
}
