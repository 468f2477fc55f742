/* Paragraphs and sentences. Sentences are found after quotes, so that a
 * period inside a quote never splits the sentence around it. */
#include "internal.h"

qx_status qx__find_paragraphs(qx__doc *d) {
    const char *t = d->text;
    size_t len = d->len;
    /* News and novels separate paragraphs by blank lines and may hard-wrap
     * lines inside them; a text without any blank line uses one per line. */
    int blank_mode = 0;
    for (const char *p = memchr(t, '\n', len); p; p = memchr(p + 1, '\n', len - (size_t)(p + 1 - t))) {
        const char *q = p + 1;
        while (q < t + len && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q < t + len && *q == '\n') {
            blank_mode = 1;
            break;
        }
        if (q >= t + len)
            break;
    }
    d->paras->len = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n'))
            i++;
        if (i >= len)
            break;
        size_t s = i, e = i;
        for (;;) {
            const char *nl = memchr(t + e, '\n', len - e);
            if (!nl) {
                e = len;
                break;
            }
            size_t line_start = e;
            e = (size_t)(nl - t);
            if (!blank_mode)
                break;
            /* Hard-wrapped lines are short; a line longer than any wrap is a
             * paragraph of its own even without a blank line after it. */
            if (e - line_start > 160)
                break;
            size_t q = e + 1;
            while (q < len && (t[q] == ' ' || t[q] == '\t' || t[q] == '\r'))
                q++;
            if (q >= len || t[q] == '\n')
                break;
            e = q;
        }
        size_t end = e;
        while (end > s && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\r'))
            end--;
        qx__para *p = qx__vec_push(d->paras, d->a);
        if (!p)
            return QX_E_NOMEM;
        p->start = s;
        p->end = end;
        i = e;
    }
    return QX_OK;
}

/* Is the token ending with the period at t[dot] an abbreviation or initial? */
static int abbreviation_before(const qx__doc *d, size_t para_start, size_t dot) {
    const char *t = d->text;
    size_t b = dot;
    while (b > para_start && t[b - 1] != ' ' && t[b - 1] != '\n' && t[b - 1] != '\t' &&
           t[b - 1] != '(' && t[b - 1] != '"')
        b--;
    size_t n = dot + 1 - b;
    if (n == 2 && t[b] >= 'A' && t[b] <= 'Z')
        return 1; /* an initial: J. */
    if (qx__words_has(&d->ex->lex.abbrevs, t + b, n))
        return 1;
    /* A run of capital initials such as U.S. or D.C. */
    int initials = n >= 4;
    for (size_t k = b; initials && k + 1 < b + n; k += 2)
        initials = t[k] >= 'A' && t[k] <= 'Z' && t[k + 1] == '.';
    return initials && (n % 2) == 0;
}

static int closing_char(uint32_t c) {
    return c == ')' || c == ']' || c == '"' || c == '\'' || c == 0x201D || c == 0x2019 ||
           c == 0xBB || c == 0x300D || c == 0x300F;
}

/* Would a sentence start at i (after white space)? */
static int starts_sentence(const qx__doc *d, size_t i, size_t end) {
    size_t n;
    size_t j = i;
    if (j >= end)
        return 1;
    if (!qx__is_space(qx__utf8_at(d->text, end, j, &n)))
        return 0;
    while (j < end) {
        uint32_t c = qx__utf8_at(d->text, end, j, &n);
        if (!qx__is_space(c))
            break;
        j += n;
    }
    if (j >= end)
        return 1;
    uint32_t c = qx__utf8_at(d->text, end, j, &n);
    return !qx__is_lower(c);
}

static qx_status push_sentence(qx__doc *d, size_t s, size_t e) {
    size_t n;
    while (s < e && qx__is_space(qx__utf8_at(d->text, e, s, &n)))
        s += n; /* no-break spaces too: scraped news puts them after a period */
    if (s >= e)
        return QX_OK;
    qx_span *sp = qx__vec_push(d->sents, d->a);
    if (!sp)
        return QX_E_NOMEM;
    sp->start = s;
    sp->end = e;
    return QX_OK;
}

qx_status qx__find_sentences(qx__doc *d) {
    d->sents->len = 0;
    const qx__cand *c = d->cands->data;
    size_t nc = d->cands->len, ci = 0;
    for (size_t pi = 0; pi < d->paras->len; pi++) {
        const qx__para *p = &QX__AT(*d->paras, qx__para, pi);
        size_t s = p->start, i = p->start;
        while (i < p->end) {
            while (ci < nc && c[ci].close <= i)
                ci++;
            if (ci < nc && c[ci].open <= i && i < c[ci].close) {
                /* A quote is atomic; it ends a sentence when its words do. */
                size_t k = c[ci].inner_end;
                while (k > c[ci].inner_start && qx__is_space((unsigned char)d->text[k - 1]))
                    k--;
                i = c[ci].close;
                if (k > c[ci].inner_start && strchr(".!?", d->text[k - 1]) &&
                    starts_sentence(d, i, p->end)) {
                    if (push_sentence(d, s, i) != QX_OK)
                        return QX_E_NOMEM;
                    s = i;
                }
                continue;
            }
            /* Outside quotes only . ! ? matter: skip to one, or to the next quote. */
            size_t stop = ci < nc && c[ci].open < p->end ? c[ci].open : p->end;
            while (i < stop && d->text[i] != '.' && d->text[i] != '!' && d->text[i] != '?')
                i++;
            if (i >= stop)
                continue;
            char ch = d->text[i];
            if ((ch == '.' || ch == '!' || ch == '?') && !(ch == '.' && abbreviation_before(d, p->start, i))) {
                size_t j = i + 1, n;
                while (j < p->end && (d->text[j] == '.' || d->text[j] == '!' || d->text[j] == '?'))
                    j++;
                while (j < p->end && closing_char(qx__utf8_at(d->text, p->end, j, &n)) &&
                       !(ci < nc && c[ci].open == j))
                    j += n;
                if (starts_sentence(d, j, p->end)) {
                    if (push_sentence(d, s, j) != QX_OK)
                        return QX_E_NOMEM;
                    s = j;
                }
                i = j;
                continue;
            }
            i++;
        }
        if (push_sentence(d, s, p->end) != QX_OK)
            return QX_E_NOMEM;
    }
    return QX_OK;
}

size_t qx__sentence_at(const qx__doc *d, size_t pos) {
    const qx_span *s = d->sents->data;
    size_t lo = 0, hi = d->sents->len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->sents->len ? lo : (d->sents->len ? d->sents->len - 1 : 0);
}

/* The window before a quote: its sentence, but not before an earlier quote of
 * the same paragraph. */
size_t qx__window_start(const qx__doc *d, size_t ci) {
    const qx__cand *c = &QX__AT(*d->cands, qx__cand, ci);
    const qx__para *p = &QX__AT(*d->paras, qx__para, c->para);
    size_t si = qx__sentence_at(d, c->open);
    size_t s = QX__AT(*d->sents, qx_span, si).start;
    if (s > c->open)
        s = c->open;
    if (s < p->start)
        s = p->start;
    if (ci > 0) {
        const qx__cand *prev = &QX__AT(*d->cands, qx__cand, ci - 1);
        if (prev->para == c->para && prev->close > s && prev->close <= c->open)
            s = prev->close;
    }
    return s;
}

/* One short line, a blank line, then at least two paragraphs. */
int qx__has_headline(const qx__doc *d) {
    if (d->paras->len < 3)
        return 0;
    const qx__para *p = &QX__AT(*d->paras, qx__para, 0);
    const qx__para *q = &QX__AT(*d->paras, qx__para, 1);
    if (p->end - p->start > 200 || memchr(d->lines + p->start, '\n', p->end - p->start))
        return 0;
    if (d->cands->len && QX__AT(*d->cands, qx__cand, 0).open == p->start)
        return 0; /* speech, not a title: "Where is it?" he asked. */
    size_t blank = 0;
    for (size_t i = p->end; i < q->start; i++)
        blank += d->text[i] == '\n';
    return blank >= 2;
}
