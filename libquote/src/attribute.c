/* Attribution of quote-marked speech by the rules: after the quote, before
 * it, or earlier in its sentence; then split quotes rejoined. */
#include "internal.h"

static int soft_end(const qx__doc *d, const qx__cand *c) {
    const char *t = d->text;
    size_t k = c->inner_end;
    for (;;) { /* spaces and the closing marks of a quote inside the quote */
        size_t n;
        uint32_t ch = k > c->inner_start ? qx__utf8_before(t, k, &n) : 0;
        if (ch && (qx__is_space(ch) || ch == '\'' || ch == '"' || ch == 0x2019 || ch == 0x201D))
            k -= n;
        else
            break;
    }
    if (k > c->inner_start) {
        size_t n;
        uint32_t ch = qx__utf8_before(t, k, &n);
        if (ch == ',' || ch == '?' || ch == '!' || ch == ';' || qx__is_dash(ch) || ch == 0x2026)
            return 1;
        /* A sentence of speech whose comma was left out: "Europe will act"
         * French President ... said. */
        if (qx__is_lower(ch) && qx__count_words(t, c->inner_start, k, 6) >= 6 &&
            QX__AT(*d->sents, qx_span, qx__sentence_at(d, c->open)).start == c->open)
            return 1;
    }
    size_t j = c->close;
    while (j < d->len && t[j] == ' ')
        j++;
    return j < d->len && t[j] == ',';
}

/* Weak rules take any sentence subject, and a sentence may open with a
 * capitalised word that names nobody ("Specifically", "Hundreds") or with a
 * headline in capitals. A name is known when it has several words or the
 * text also capitalises it mid-sentence, and it is not all capitals unless
 * it is one short word. */
static int known_name(const qx__doc *d, const qx__rec *r) {
    if (r->is_pronoun || r->is_desc || r->name.start == QX_UNSET)
        return 1;
    const char *t = d->text;
    int lower = 0, words = 1;
    for (size_t i = r->name.start; i < r->name.end; i++) {
        lower |= qx__is_lower((unsigned char)t[i]);
        words += t[i] == ' ';
    }
    if (!lower) /* a headline in capitals, but one short word is an acronym (CNN, FBI) */
        return words == 1 && r->name.end - r->name.start <= 5;
    return words > 1 ||
           (qx__wordstat_get(&d->words, t + r->name.start, r->name.end - r->name.start) & QX__WORD_CAP_MID);
}

/* A one-word name the text also writes in lower case and never
 * capitalises mid-sentence is an ordinary word where capitals are forced
 * ("Said she:", "Suddenly he") or set in capitals for stress ("a VERY
 * good"). Outside novels only the capitals count: "Respondents are
 * obliged to disclose:" names a group the news gold counts as the source.
 * A fragment keeps a word in lower case: without its rule "Band member
 * Flea said it was 'A'" would lose the quote, not just the name. */
static int common_word(const qx__doc *d, qx__where where, const qx__rec *r) {
    if (r->is_pronoun || r->is_desc || r->name.start == QX_UNSET)
        return 0;
    const char *w = d->text + r->name.start;
    size_t n = r->name.end - r->name.start;
    if (qx__is_lower((unsigned char)w[n - 1]) && (where == QX__MIXED || !d->dialogue))
        return 0;
    return !memchr(w, ' ', n) && qx__wordstat_get(&d->words, w, n) == QX__WORD_LOWER;
}

/* "It was late. “Come in.”": in a novel "it" before a quote is the weather
 * or the hour, and "they" a group, not the one who speaks the turn; "it
 * said" after a quote may still be a machine. */
static int thing_subject(const qx__doc *d, qx__where where, const qx__rec *r) {
    if (!d->dialogue || where == QX__AFTER || !r->is_pronoun)
        return 0;
    const qx__pronoun *p = qx__pronoun_find(&d->ex->lex, d->text + r->mention.start, r->mention.end - r->mention.start);
    return p && (p->gender == 'n' || p->gender == 'p');
}

/* In a novel "her father called her 'Mouse'" gives a name, not words said;
 * news keeps it ("called the plan 'a disaster'" is quoted speech there). */
static int epithet(const qx__doc *d, qx__where where, const qx__rec *r) {
    if (!d->dialogue || where != QX__MIXED || r->cue.start == QX_UNSET)
        return 0;
    const qx__cue *cu = qx__cue_find(&d->ex->lex, d->text + r->cue.start, r->cue.end - r->cue.start);
    return cu && cu->naming;
}

static int long_quote(const qx__doc *d, const qx__cand *c) {
    return qx__count_words(d->text, c->inner_start, c->inner_end, 4) >= 4;
}

/* Does ", with " come just before pos ("..., with Senator Hart telling")? */
static int after_comma_with(const qx__doc *d, size_t pos) {
    const char *t = d->text;
    size_t p = pos;
    while (p > 0 && t[p - 1] == ' ')
        p--;
    if (p < 6 || memcmp(t + p - 4, "with", 4) != 0 || t[p - 5] != ' ')
        return 0;
    p -= 5;
    while (p > 0 && t[p - 1] == ' ')
        p--;
    return p > 0 && t[p - 1] == ',';
}

/* Is there a ", with" that after_comma_with could find in [from, end)? */
static int comma_with_in(const qx__doc *d, size_t from, size_t end) {
    const char *t = d->text, *e = t + end;
    for (const char *p = t + from; p < e && (p = memchr(p, ',', (size_t)(e - p))) != NULL;) {
        while (++p < e && *p == ' ')
            ;
        if (e - p >= 5 && !memcmp(p, "with ", 5))
            return 1;
    }
    return 0;
}

/* The comma that closes a sentence's opening subordinate clause ("While
 * not everything X says is true, Y said ..."), when the clause holds
 * [start, pos) with no comma (a comma before pos may already have closed
 * it: "When X, in 1973, said A, Y replied") and the comma comes before end;
 * 0 when there is none. */
static size_t intro_clause_comma(const qx__doc *d, size_t start, size_t pos, size_t end) {
    static const char *const subs[] = {"After", "Although", "As", "Because", "Before", "If", "Once", "Since",
                                       "Though", "Unless", "Until", "When", "Whenever", "While", "Whereas", NULL};
    const char *t = d->text;
    if (pos == QX_UNSET || pos >= end)
        return 0;
    while (start < pos && (t[start] == ' ' || t[start] == '\n'))
        start++;
    size_t w = start;
    while (w < pos && t[w] > 0 && qx__is_alnum((unsigned char)t[w]))
        w++;
    if (!qx__word_in(t + start, w - start, subs) || w >= pos || t[w] != ' ' || memchr(t + w, ',', pos - w))
        return 0;
    const char *c = memchr(t + pos, ',', end - pos);
    return c ? (size_t)(c - t) : 0;
}

/* The word after a sentence's first word shows that word is no subject:
 * "Contrary to", "Led by", "Minutes later", "Amid what" (not "of": "One of
 * them said" has its subject). */
static int opener_follower(const char *t, size_t i, size_t len) {
    static const char *const after[] = {"to", "by", "later", "earlier", "what", "many", "much", NULL};
    if (i >= len || t[i] != ' ')
        return 0;
    size_t s = ++i;
    while (i < len && t[i] >= 'a' && t[i] <= 'z')
        i++;
    return i < len && (t[i] == ' ' || t[i] == ',') && qx__word_in(t + s, i - s, after);
}

/* A capitalised word that opens its sentence and is not known (see
 * known_name) nor a given name, where a sentence adverb, a participle or a
 * preposition would stand: followed by a comma or by opener_follower's
 * words, or ending in -ly or -ing ("Conversely, X rated it", "Continuing
 * to explain, X called it", "Led by X, the rally called it"). */
static int lone_opener(const qx__doc *d, const qx__rec *r) {
    if (r->is_pronoun || r->is_desc || r->name.start == QX_UNSET)
        return 0;
    const char *t = d->text, *w = t + r->name.start;
    size_t n = r->name.end - r->name.start;
    if (memchr(w, ' ', n) || known_name(d, r))
        return 0;
    int adverb = (r->name.end < d->len && t[r->name.end] == ',') || (n > 4 && !memcmp(w + n - 2, "ly", 2)) ||
                 (n > 5 && !memcmp(w + n - 3, "ing", 3)) || opener_follower(t, r->name.end, d->len);
    const qx__pronoun *g = qx__gender_find(&d->ex->lex, w, n);
    if (!adverb || (g && !g->pronoun))
        return 0;
    size_t s = QX__AT(*d->sents, qx_span, qx__sentence_at(d, r->name.start)).start;
    while (s < r->name.start && (t[s] == ' ' || t[s] == '\n'))
        s++;
    return s == r->name.start;
}

/* Tries every rule of one kind in order; 1 and r filled on the first match. */
static int try_rules(qx__doc *d, qx__where where, const qx__cand *c, size_t start, size_t end,
                     qx__rec *r) {
    const qx_extractor *ex = d->ex;
    int soft = -1;
    const qx__para *p = &QX__AT(*d->paras, qx__para, c->para);
    for (size_t i = 0; i < ex->n_rules; i++) {
        const qx__rule *rule = &ex->rules[i];
        if (rule->where != where)
            continue;
        if (rule->flags & QX__RULE_SOFT_END) {
            if (soft < 0)
                soft = soft_end(d, c);
            if (!soft)
                continue;
        }
        if ((rule->flags & QX__RULE_PARA_START) && c->open != p->start)
            continue;
        if ((rule->flags & QX__RULE_DIALOGUE) && !d->dialogue)
            continue;
        if ((rule->flags & QX__RULE_LONG) && !long_quote(d, c))
            continue;
        int m = qx__rule_match(d, rule, start, end);
        if (m < 0)
            return m;
        if (m == 0)
            continue;
        qx__rec before = *r;
        qx__take_speaker(d, r, rule);
        if (epithet(d, where, r)) {
            *r = before; /* no weaker rule makes the epithet speech */
            return 0;
        }
        if (where == QX__MIXED && !(rule->flags & QX__RULE_KNOWN) && lone_opener(d, r)) {
            /* "Conversely, X rated it 'A'": the capitalised first word of
             * the sentence names nobody; a speaker after it may. */
            int again = qx__rule_match(d, rule, r->name.end, end);
            if (again < 0)
                return again;
            if (again) {
                *r = before;
                qx__take_speaker(d, r, rule);
            }
        }
        if (rule->flags & QX__RULE_NEAREST) {
            /* In the sentence before a fragment, the speaker and cue nearest
             * the quote win: "X said A, with Y telling reporters he was 'B'". */
            size_t intro = r->mention.start != QX_UNSET ? intro_clause_comma(d, start, r->cue.end, end) : 0;
            for (size_t from = r->cue.end; r->mention.start != QX_UNSET && from < end;) {
                /* ...but a speaker inside the clause a speech verb reports
                 * is reported speech: "X said Y called it 'A'" is X's;
                 * not one after ", with", which opens a phrase of its own,
                 * nor one after the comma that closes an opening
                 * subordinate clause: "While not all X says is true, Y said". */
                const qx__cue *cu = qx__cue_find(&d->ex->lex, d->text + r->cue.start, r->cue.end - r->cue.start);
                int reports = cu && cu->that && !(intro && r->cue.end <= intro);
                if (reports && !comma_with_in(d, from, end))
                    break; /* no later speaker can count: spare the search */
                int again = qx__rule_match(d, rule, from, end);
                if (again < 0)
                    return again;
                if (again == 0)
                    break;
                qx__rec later = *r;
                qx__take_speaker(d, &later, rule);
                if (later.mention.start == QX_UNSET || later.cue.start == QX_UNSET ||
                    later.cue.end <= from)
                    break;
                size_t opens = later.role.start != QX_UNSET && later.role.start < later.mention.start
                                   ? later.role.start
                                   : later.mention.start;
                if (reports && !after_comma_with(d, opens))
                    break;
                *r = later;
                from = later.cue.end;
            }
        }
        if (r->mention.start == QX_UNSET || ((rule->flags & QX__RULE_KNOWN) && !known_name(d, r)) ||
            common_word(d, where, r) || thing_subject(d, where, r)) {
            *r = before; /* the next rule starts from nothing taken */
            continue;
        }
        r->rule = (int)i;
        r->rule_name = rule->name;
        r->confidence = rule->confidence;
        r->from_after = where == QX__AFTER;
        r->attr_end = where == QX__AFTER ? pcre2_get_ovector_pointer(d->st->md)[1] : 0;
        r->label_end = where == QX__LABEL ? pcre2_get_ovector_pointer(d->st->md)[1] : 0;
        if (where == QX__MIXED)
            r->kind = QX_KIND_MIXED;
        return 1;
    }
    return 0;
}

/* A hyphen or dash opens the text at i. */
static int dash_at(const char *t, size_t i, size_t end) {
    size_t n;
    return i < end && qx__is_dash(qx__utf8_at(t, end, i, &n));
}

/* Some word of t[s, e) opens in lower case: in a novel a line of dialogue
 * set off by a dash ("—Thanks, he said."), not a source line ("- Bernie
 * Sanders."), which in news may go on ("-Dana Kessler, tweeting after
 * the speech."). */
static int lower_word(const char *t, size_t s, size_t e) {
    for (size_t i = s; i < e; i++)
        if (qx__is_lower((unsigned char)t[i]) && (i == s || t[i - 1] == ' ' || t[i - 1] == '\n'))
            return 1;
    return 0;
}

/* Does pos lie inside an earlier quote of the window [s, ...) before
 * candidate ci? The window holds the quotes that close after s. */
static int quoted_before(const qx__doc *d, size_t ci, size_t s, size_t pos) {
    for (size_t k = ci; k-- > 0;) {
        const qx__cand *q = &QX__AT(*d->cands, qx__cand, k);
        if (q->close <= s)
            break;
        if (pos >= q->inner_start && pos < q->inner_end)
            return 1;
    }
    return 0;
}

/* Does a transcript's speaker label open the text of candidate c? 1, 0 or
 * a negative status. */
static int label_at(qx__doc *d, const qx__cand *c) {
    for (size_t i = 0; i < d->ex->n_rules; i++) {
        const qx__rule *rule = &d->ex->rules[i];
        if (rule->where != QX__LABEL)
            continue;
        int m = qx__rule_match(d, rule, c->inner_start, c->inner_end);
        if (m)
            return m;
    }
    return 0;
}

static int attribute_cand(qx__doc *d, qx__rec *r, size_t ci) {
    const qx__cand *c = &QX__AT(*d->cands, qx__cand, ci);
    const qx__para *p = &QX__AT(*d->paras, qx__para, c->para);
    int m = 0;
    if (ci == r->first) { /* "WALLACE: Let's start.": the label is the speaker */
        m = try_rules(d, QX__LABEL, c, c->inner_start, c->inner_end, r);
        if (m)
            return m;
    }
    if (!(c->flags & QX_QUOTE_UNCLOSED) && c->close < p->end) {
        size_t end = p->end - c->close > 2000 ? c->close + 2000 : p->end;
        m = try_rules(d, QX__AFTER, c, c->close, end, r);
    } else if (!(c->flags & QX_QUOTE_UNCLOSED) && c->para + 1 < d->paras->len) {
        /* A fact check's quote, then its source on a line of its own:
         * "\n\n- Bernie Sanders." */
        const qx__para *np = &QX__AT(*d->paras, qx__para, c->para + 1);
        if (np->end - np->start <= 80 && dash_at(d->text, np->start, np->end) &&
            (!d->dialogue || !lower_word(d->text, np->start, np->end)))
            m = try_rules(d, QX__AFTER, c, c->close, np->end, r);
    }
    if (m)
        return m;
    size_t ws = qx__window_start(d, ci);
    if (c->open - ws > 4000)
        ws = c->open - 4000;
    m = try_rules(d, QX__BEFORE, c, ws, c->open, r);
    if (m)
        return m;
    if (!c->continues) {
        /* "... said:" or "... said," closing the paragraph before a
         * quote-only paragraph. */
        if (c->open == p->start && c->para > 0) {
            const qx__para *pp = &QX__AT(*d->paras, qx__para, c->para - 1);
            if (pp->end > pp->start && (d->text[pp->end - 1] == ':' || d->text[pp->end - 1] == ',')) {
                size_t si = qx__sentence_at(d, pp->end - 1);
                size_t s = QX__AT(*d->sents, qx_span, si).start;
                if (s < pp->start || s >= pp->end)
                    s = pp->start;
                m = try_rules(d, QX__BEFORE, c, s, pp->end, r);
                /* "Then she had a new inspiration:" names the speaker
                 * without a cue; the colon still hands over to the quote. */
                if (!m && d->text[pp->end - 1] == ':' &&
                    (ci == 0 || QX__AT(*d->cands, qx__cand, ci - 1).close <= s))
                    m = try_rules(d, QX__LEAD, c, s, pp->end, r);
                if (m)
                    return m;
            } else if (pp->end > pp->start) {
                /* "Valastro praised the plan.\n\n“We need…”": a statement
                 * closing the paragraph before leads into the quote. */
                size_t si = qx__sentence_at(d, pp->end - 1);
                size_t s = QX__AT(*d->sents, qx_span, si).start;
                if (s < pp->start || s >= pp->end)
                    s = pp->start;
                if (pp->end - s > 2000)
                    s = pp->end - 2000;
                if (ci == 0 || QX__AT(*d->cands, qx__cand, ci - 1).close <= s) {
                    m = try_rules(d, QX__LEAD, c, s, pp->end, r);
                    if (m)
                        return m;
                }
            }
        }
    }
    if (c->open > ws)
        m = try_rules(d, QX__MIXED, c, ws, c->open, r);
    if (!m && ci > 0) {
        /* "Johnson tells MSNBC's “Morning Joe” that “…”": the subject stands
         * before an earlier quote of the sentence. */
        size_t si = qx__sentence_at(d, c->open);
        size_t s = QX__AT(*d->sents, qx_span, si).start;
        if (c->open - s > 400) /* bounded: a paragraph of quote marks stays linear */
            s = c->open - 400;
        if (s >= p->start && s < ws) {
            qx__rec before = *r;
            m = try_rules(d, QX__MIXED, c, s, c->open, r);
            /* ...but not a capitalised word inside one of those quotes:
             * "Reading" opening an earlier quote is nobody's name. */
            if (m > 0 && quoted_before(d, ci, s, r->mention.start)) {
                *r = before;
                m = 0;
            }
        }
    }
    if (!m && !c->continues && c->open > p->start) {
        /* The same for the sentence before a quote that opens a sentence
         * inside its paragraph, when that sentence holds no quote. */
        size_t si = qx__sentence_at(d, c->open);
        if (QX__AT(*d->sents, qx_span, si).start == c->open && si > 0) {
            qx_span prev = QX__AT(*d->sents, qx_span, si - 1);
            if (prev.end - prev.start > 2000)
                prev.start = prev.end - 2000;
            if (prev.start >= p->start && (ci == 0 || QX__AT(*d->cands, qx__cand, ci - 1).close <= prev.start))
                m = try_rules(d, QX__LEAD, c, prev.start, prev.end, r);
        }
    }
    return m;
}

static int only_glue(const char *t, size_t s, size_t e) {
    for (size_t i = s; i < e; i++)
        if (!strchr(" \t,.;:\xE2\x80\x94\x93", t[i]))
            return 0;
    return 1;
}

qx_status qx__attribute(qx__doc *d) {
    d->recs.len = 0;
    size_t nc = d->cands->len;
    for (size_t ci = 0; ci < nc; ci++) {
        const qx__cand *c = &QX__AT(*d->cands, qx__cand, ci);
        /* A paragraph of a quoted transcript that opens with a speaker's
         * label is the next turn, not more of the quote before. */
        int turn = c->continues && d->recs.len ? label_at(d, c) : 0;
        if (turn < 0)
            return (qx_status)turn;
        if (c->continues && d->recs.len && !turn) {
            qx__rec *prev = &QX__AT(d->recs, qx__rec, d->recs.len - 1);
            prev->last = ci;
            prev->flags |= QX_QUOTE_CONTINUED;
            continue;
        }
        qx__rec *r = qx__vec_push(&d->recs, d->a);
        if (!r)
            return QX_E_NOMEM;
        r->first = r->last = ci;
        r->kind = QX_KIND_DIRECT;
        r->rule = -1;
        r->rule_name = "none";
        r->inherit = -1;
        r->attr_end = r->label_end = 0;
        r->speaker_off = QX_UNSET;
        r->mention = r->name = r->role = r->cue = r->content = r->relative = (qx_span){QX_UNSET, QX_UNSET};
        r->para = c->para;
    }
    for (size_t k = 0; k < d->recs.len; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        int m = 0;
        for (size_t ci = r->first; ci <= r->last && m == 0; ci++)
            m = attribute_cand(d, r, ci);
        if (m < 0)
            return (qx_status)m;
        for (size_t ci = r->first; ci <= r->last; ci++)
            r->flags |= QX__AT(*d->cands, qx__cand, ci).flags & QX_QUOTE_UNCLOSED;
        if (r->flags & QX_QUOTE_CONTINUED)
            r->flags &= ~QX_QUOTE_UNCLOSED;
        if (QX__AT(*d->cands, qx__cand, r->last).flags & QX_QUOTE_UNCLOSED)
            r->flags |= QX_QUOTE_UNCLOSED;
    }
    /* “A,” she said, “B.”: the second piece joins the first unless it has an
     * attribution of its own after it. The records are compacted in one
     * pass (removing each merged one by a shift was quadratic). */
    qx__rec *recs = d->recs.data;
    size_t n = d->recs.len, o = 0;
    for (size_t k = 0; k < n;) {
        qx__rec cur = recs[k++];
        while (!cur.dead && cur.from_after && k < n) {
            const qx__rec *nx = &recs[k];
            const qx__cand *nc0 = &QX__AT(*d->cands, qx__cand, nx->first);
            if (nx->para != cur.para || nx->from_after || nc0->open < cur.attr_end ||
                !only_glue(d->text, cur.attr_end, nc0->open))
                break;
            cur.last = nx->last;
            cur.flags |= nx->flags & (QX_QUOTE_CONTINUED | QX_QUOTE_UNCLOSED);
            k++;
        }
        recs[o++] = cur;
    }
    d->recs.len = o;
    return QX_OK;
}
