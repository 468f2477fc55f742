/* Turning a rule's match into a speaker mention: the name kept apart from its
 * titles and role, pronouns and descriptions told from names. */
#include "internal.h"

typedef struct tok {
    size_t s, e;
} tok;

static size_t tokens(const char *t, size_t s, size_t e, tok *out, size_t max) {
    size_t n = 0, i = s;
    while (i < e && n < max) {
        size_t w;
        while (i < e && (w = qx__space_at(t, i, e)) > 0)
            i += w;
        if (i >= e)
            break;
        size_t b = i;
        while (i < e && !qx__space_at(t, i, e))
            i++;
        out[n].s = b;
        out[n].e = i;
        n++;
    }
    return n;
}

static int is_title(const qx__doc *d, const char *t, tok a) {
    return qx__words_has(&d->ex->lex.titles, t + a.s, a.e - a.s);
}

static int is_connector(const char *t, tok a) {
    static const char *const w[] = {"to", "of", "for", "at", "in", "from", "the", "on", "with", NULL};
    return qx__word_in(t + a.s, a.e - a.s, w);
}

static qx_span trim(const char *t, qx_span s) {
    if (s.start == QX_UNSET)
        return s;
    while (s.start < s.end && strchr(" \t\n\r,", t[s.start]))
        s.start++;
    while (s.end > s.start && strchr(" \t\n\r,:;", t[s.end - 1]))
        s.end--;
    if (s.start >= s.end)
        s.start = s.end = QX_UNSET;
    return s;
}

/* Capitalised words only, at most five: a name rather than a clause. */
static int looks_like_name(const char *t, qx_span s) {
    size_t words = 0;
    int start = 1;
    for (size_t i = s.start; i < s.end; i++) {
        if (t[i] == ' ') {
            start = 1;
            continue;
        }
        if (start) {
            words++;
            if (!(t[i] >= 'A' && t[i] <= 'Z') && !((unsigned char)t[i] >= 0xC0))
                return 0;
        }
        start = 0;
    }
    return words >= 1 && words <= 5;
}

/* A sentence opener a role pattern took in with its capital ("But
 * experts note", "While critics argue") is no part of the speaker; nor is
 * what follows a subject pronoun ("She then addressed the supporters"). */
static qx_span subject_only(const qx__doc *d, qx_span m) {
    static const char *const openers[] = {
        "But", "And", "Yet", "So", "Or", "Nor", "While", "Although", "Though", "If", "When", "Whereas",
        "but", "and", "while", "although", "though", "if", "when", "whereas", NULL};
    const char *t = d->text;
    for (;;) {
        tok tk[2];
        if (m.start == QX_UNSET || tokens(t, m.start, m.end, tk, 2) < 2)
            return m;
        /* ...but "She and her aides" is the pair */
        static const char *const joins[] = {"and", "or", NULL};
        if (qx__pronoun_find(&d->ex->lex, t + tk[0].s, tk[0].e - tk[0].s) &&
            !qx__word_in(t + tk[1].s, tk[1].e - tk[1].s, joins)) {
            m.end = tk[0].e;
            return m;
        }
        if (!qx__word_in(t + tk[0].s, tk[0].e - tk[0].s, openers))
            return m;
        m.start = tk[1].s;
    }
}

void qx__take_speaker(qx__doc *d, qx__rec *r, const qx__rule *rule) {
    const char *t = d->text;
    qx_span m = subject_only(d, trim(t, qx__group(d, rule, QX__G_SPEAKER)));
    qx_span role = trim(t, qx__group(d, rule, QX__G_ROLE));
    qx_span appos = trim(t, qx__group(d, rule, QX__G_APPOS));
    r->cue = trim(t, qx__group(d, rule, QX__G_CUE));
    r->mention = m;
    r->relative = trim(t, qx__group(d, rule, QX__G_RELATIVE));
    r->name.start = r->name.end = QX_UNSET;
    r->role = role.start != QX_UNSET ? role : appos;
    r->is_pronoun = r->is_desc = 0;
    if (r->cue.start != QX_UNSET) {
        const qx__cue *c = qx__cue_find(&d->ex->lex, t + r->cue.start, r->cue.end - r->cue.start);
        r->cue_lemma = c ? c->lemma : NULL;
        if (!c) {
            /* "According to" and similar cues written in the rule itself. */
            r->cue_lemma = NULL;
        }
    }
    if (m.start == QX_UNSET)
        return;
    if (qx__pronoun_find(&d->ex->lex, t + m.start, m.end - m.start)) {
        r->is_pronoun = 1;
        r->flags |= QX_QUOTE_PRONOUN;
        return;
    }
    /* "Republican strategists": a group the text describes, not a name,
     * though it opens with capitals; names end in a capitalised word. */
    size_t last = m.end;
    while (last > m.start && t[last - 1] != ' ' && t[last - 1] != '\n')
        last--;
    int lower_end = last > m.start && last < m.end && t[last] >= 'a' && t[last] <= 'z';
    if (lower_end || qx__is_lower((unsigned char)t[m.start]) ||
        (m.end - m.start > 4 && !memcmp(t + m.start, "The ", 4))) {
        /* "The council's director for Asia, Ivan Kanapathy, said", "the
         * author of the book, Mitchell Zuckoff, said": the appositive is
         * the name and the description its role. */
        if (appos.start != QX_UNSET && looks_like_name(t, appos)) {
            r->role = m;
            m = r->mention = appos;
        } else {
            r->is_desc = 1; /* "the spokeswoman", "the White House" */
            return;
        }
    }
    /* A parenthesis after the name ("(D-Calif.)") is not part of it. */
    size_t e = m.end;
    const char *paren = memchr(t + m.start, '(', e - m.start);
    if (paren)
        e = (size_t)(paren - t);
    tok tk[16];
    size_t n = tokens(t, m.start, e, tk, 16);
    if (!n)
        return;
    /* Titles before the name are role: "U.S. Defense Secretary", "Sen.". */
    size_t first = 0;
    for (size_t k = 0; k + 1 < n; k++)
        if (is_title(d, t, tk[k]) ||
            (k + 2 < n && is_title(d, t, (tok){tk[k].s, tk[k + 1].e})))
            first = k + 1 + (k + 2 < n && is_title(d, t, (tok){tk[k].s, tk[k + 1].e}) &&
                             !is_title(d, t, tk[k]));
    if (first >= n)
        first = n - 1;
    /* "Sen. Omar Lindqvist of Ohio": the place after "of" is not the name,
     * when a title or a first and last name stand before it; "Supporters
     * of Sanders" and "the Bureau of Investigation" keep theirs. */
    for (size_t k = first + 1; k + 1 < n; k++)
        if (tk[k].e - tk[k].s == 2 && !memcmp(t + tk[k].s, "of", 2) && qx__is_upper((unsigned char)t[tk[k + 1].s])) {
            if ((first > 0 || k - first >= 2) &&
                !qx__words_has(&d->ex->lex.orgs, t + tk[k - 1].s, tk[k - 1].e - tk[k - 1].s))
                n = k;
            break;
        }
    /* "replied Mr. Woodhouse--": a rule that stops before the dot of an
     * abbreviated title has no name at all, and "Mr" is nobody ("King
     * says" is a name). */
    if (n == 1 && tk[0].e < d->len && t[tk[0].e] == '.' &&
        is_title(d, t, (tok){tk[0].s, tk[0].e + 1})) {
        r->mention.start = r->mention.end = QX_UNSET;
        return;
    }
    /* "ambassador to Japan Rahm Emanuel": after a role ending in a connector
     * the first capitalised words still belong to the role. */
    if (role.start != QX_UNSET && n - first >= 3) {
        tok rt[32];
        size_t rn = tokens(t, role.start, role.end, rt, 32);
        if (rn && is_connector(t, rt[rn - 1]))
            first = n - 2;
    }
    if (first > 0) {
        if (r->role.start == QX_UNSET || role.start == QX_UNSET)
            r->role.start = tk[0].s;
        r->role.end = tk[first - 1].e;
        if (r->role.start > r->role.end)
            r->role.start = tk[0].s;
    }
    r->name.start = tk[first].s;
    r->name.end = tk[n - 1].e;
    r->mention.start = r->name.start; /* the mention is the name, without its role */
    /* Trailing punctuation such as a possessive comma never ends a name. */
    while (r->name.end > r->name.start && strchr(",.;:", t[r->name.end - 1]) &&
           !(r->name.end - r->name.start >= 2 && t[r->name.end - 1] == '.' &&
             qx__is_upper((unsigned char)t[r->name.end - 2]) &&
             (r->name.end - r->name.start == 2 || t[r->name.end - 3] == ' ')))
        r->name.end--;
    r->mention.end = r->name.end;
}
