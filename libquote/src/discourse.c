/* Quotes with no cue of their own: continuing the speaker of the quote or
 * statement before them, the turns of a two-person dialogue; and, last,
 * short unattributed quotes (scare quotes, titles) left out. */
#include "internal.h"

static int opens_sentence(const qx__doc *d, const qx__cand *c) {
    const qx__para *p = &QX__AT(*d->paras, qx__para, c->para);
    if (c->open == p->start)
        return 1;
    size_t si = qx__sentence_at(d, c->open);
    return QX__AT(*d->sents, qx_span, si).start == c->open;
}

/* Two quotes of one sentence share its speaker: he called it "A" and "B". */
static int same_sentence(const qx__doc *d, const qx__rec *prev, const qx__cand *c) {
    if (prev->first == QX_UNSET)
        return 0;
    const qx__cand *pc = &QX__AT(*d->cands, qx__cand, prev->last);
    return qx__sentence_at(d, pc->open) == qx__sentence_at(d, c->open);
}

static int has_speaker(const qx__rec *r) { return r->mention.start != QX_UNSET || r->inherit >= 0; }

/* The record a speaker really comes from, following inheritance. */
static int source_of(const qx__doc *d, int k) {
    for (int guard = 0; k >= 0 && guard < 64; guard++) {
        const qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->inherit < 0)
            return k;
        k = r->inherit;
    }
    return k;
}

/* A speech verb and a comma or colon just before the mark ("Another child
 * responded, “That’s his house.”"): words said, whoever said them. */
static int cue_just_before(const qx__doc *d, const qx__cand *c) {
    const char *t = d->text;
    size_t i = c->open;
    while (i > 0 && t[i - 1] == ' ')
        i--;
    if (i == 0 || (t[i - 1] != ',' && t[i - 1] != ':'))
        return 0;
    size_t e = --i;
    while (i > 0 && t[i - 1] >= 'a' && t[i - 1] <= 'z')
        i--;
    if (e - i < 3 || (i > 0 && t[i - 1] != ' ' && t[i - 1] != '\n'))
        return 0;
    return qx__cue_find(&d->ex->lex, t + i, e - i) != NULL;
}

/* A cue that reports words: not one that names ("called him 'a true
 * sea-dog'"), which in a novel gives an epithet. */
static int reports(const qx__doc *d, const char *w, size_t n) {
    const qx__cue *cu = qx__cue_find(&d->ex->lex, w, n);
    return cu && !cu->naming;
}

/* A speech verb earlier in the quote's sentence, with no quote between
 * ("she blamed it on “a disturbed person”", "chants of “No!”"): the words
 * are someone's, even when no rule could name whose. A cue form after a
 * determiner is a noun ("your email", "a far cry"). */
static int cue_earlier_in_sentence(const qx__doc *d, size_t ci) {
    static const char *const dets[] = {"a",   "an",   "the",  "his",  "her",   "their", "its",   "my",
                                       "our", "your", "this", "that", "these", "those", "every", NULL};
    const char *t = d->text;
    const qx__cand *c = &QX__AT(*d->cands, qx__cand, ci);
    int after_det = 0;
    for (size_t i = qx__window_start(d, ci); i < c->open;) {
        while (i < c->open && (t[i] == ' ' || t[i] == '\n'))
            i++;
        size_t w = i;
        while (i < c->open && t[i] != ' ' && t[i] != '\n')
            i++;
        size_t e = i;
        while (e > w && (t[e - 1] == ',' || t[e - 1] == ';' || t[e - 1] == ':'))
            e--;
        size_t k = w;
        while (k < e && t[k] >= 'a' && t[k] <= 'z')
            k++;
        if (k != e || e == w) {
            after_det = 0;
            continue;
        }
        if (!after_det && reports(d, t + w, e - w))
            return 1;
        /* two-word forms: "referred to", "warned of" */
        size_t n = i;
        while (n < c->open && t[n] == ' ')
            n++;
        size_t ne = n;
        while (ne < c->open && t[ne] >= 'a' && t[ne] <= 'z')
            ne++;
        if (!after_det && ne > n && e == i && reports(d, t + w, ne - w))
            return 1;
        after_det = qx__word_in(t + w, e - w, dets);
    }
    return 0;
}

/* Does t[0, i) end with one of the NULL-terminated list? */
static int ends_with_any(const char *t, size_t i, const char *const *list) {
    for (; *list; list++) {
        size_t n = strlen(*list);
        if (i >= n && !memcmp(t + i - n, *list, n))
            return 1;
    }
    return 0;
}

/* NBC's "Meet the Press", said on "Face the Nation", the film "X": a
 * title-case quote after a possessive or a work's noun names a show or a
 * work, whoever is said to speak in the sentence. */
static int work_cue_before(const qx__doc *d, const qx__cand *c) {
    const char *t = d->text;
    size_t i = c->open;
    for (;;) { /* spaces and no-break spaces */
        if (i > 0 && t[i - 1] == ' ')
            i--;
        else if (i > 1 && (unsigned char)t[i - 2] == 0xC2 && (unsigned char)t[i - 1] == 0xA0)
            i -= 2;
        else
            break;
    }
    if (i >= 2 && t[i - 1] == 's' && t[i - 2] == '\'')
        return 1;
    if (i >= 4 && t[i - 1] == 's' && !memcmp(t + i - 4, "\xE2\x80\x99", 3))
        return 1;
    /* he said on "Meet the Press"; an ad titled "Playing Trump"; in an
     * interview with "Fox News Sunday"; on the podcast "Here's the Thing";
     * the author of "Tides of Change", the host of "Morning Joe" (not any
     * "of": chants of "Not Again!" are speech) */
    static const char *const words[] = {" on", " titled", " entitled", " dubbed", " with", NULL};
    static const char *const nouns[] = {" podcast", " episode of", " author of", " editor of", " host of",
                                        " co-author of", " co-editor of", " co-host of", " hosts of",
                                        " star of", " creator of", " producer of", " founder of",
                                        " broadcast of", " edition of", " film", " movie", " show",
                                        " program", " book", " song", " album", " series", " novel",
                                        " documentary", " article", " column", " op-ed", " essay",
                                        " memoir", " report", " headline", NULL};
    if (ends_with_any(t, i, words) || ends_with_any(t, i, nouns))
        return 1;
    /* a work's noun may stand apart by a comma: in his book, "Title," */
    return i > 0 && t[i - 1] == ',' && ends_with_any(t, i - 1, nouns);
}

/* "Orange Grove" star X, "Morning Hour" host Y: a title-case quote before
 * the noun of someone who makes or fronts a work is the work's title. */
static int maker_after(const qx__doc *d, const qx__cand *l) {
    static const char *const after[] = {"star", "stars", "host", "co-host", "anchor", "actor", "actress",
                                        "creator", "author", "producer", "writer", "director", NULL};
    const char *t = d->text;
    size_t i = l->close;
    if (i < d->len && t[i] == ',')
        return 0; /* "Orange Grove," star X: a list or an apposition */
    while (i < d->len && t[i] == ' ')
        i++;
    size_t e = i;
    while (e < d->len && ((t[e] >= 'a' && t[e] <= 'z') || t[e] == '-'))
        e++;
    if (e == i || (e < d->len && qx__is_alnum((unsigned char)t[e])))
        return 0;
    return qx__word_in(t + i, e - i, after);
}

/* Opened by a single mark, ' or ‘, not the two of ''. */
static int single_mark(const qx__doc *d, const qx__cand *c) {
    const char *t = d->text;
    size_t n = c->inner_start - c->open;
    return (n == 1 && t[c->open] == '\'') || (n == 3 && !memcmp(t + c->open, "\xE2\x80\x98", 3));
}

/* "Perfect Enough" by (the Gazette's) Ann Ruiz: a work and its maker; 2
 * when a comma stands between them, inside the marks or after: "Title," by
 * Ann Ruiz. */
static int by_maker_after(const qx__doc *d, const qx__cand *l) {
    const char *t = d->text;
    size_t i = l->close;
    int comma = l->inner_end > l->inner_start && t[l->inner_end - 1] == ',';
    if (i < d->len && t[i] == ',') {
        comma = 1;
        i++;
    }
    if (!(i + 4 < d->len && !memcmp(t + i, " by ", 4)))
        return 0;
    i += 4;
    if (i + 4 < d->len && !memcmp(t + i, "the ", 4)) /* by the Gazette's Ann Ruiz */
        i += 4;
    if (!(i < d->len && qx__is_upper((unsigned char)t[i])))
        return 0;
    return comma ? 2 : 1;
}

static void inherit(qx__rec *r, int from, const char *why, double conf) {
    r->inherit = from;
    r->flags |= QX_QUOTE_INHERITED;
    r->rule_name = why;
    r->confidence = conf;
}

/* Same person? Compares the words of the two sources' mentions, the last
 * word for names (Anne / Anne Shirley). Speakers are not resolved yet. */
static int same_speaker(const qx__doc *d, int a, int b) {
    if (a < 0 || b < 0)
        return 0;
    a = source_of(d, a);
    b = source_of(d, b);
    if (a == b)
        return 1;
    const qx__rec *x = &QX__AT(d->recs, qx__rec, a), *y = &QX__AT(d->recs, qx__rec, b);
    qx_span sx = x->name.start != QX_UNSET ? x->name : x->mention;
    qx_span sy = y->name.start != QX_UNSET ? y->name : y->mention;
    if (sx.start == QX_UNSET || sy.start == QX_UNSET)
        return 0;
    const char *t = d->text;
    size_t bx = sx.end, by = sy.end;
    while (bx > sx.start && t[bx - 1] != ' ' && t[bx - 1] != '\n')
        bx--;
    while (by > sy.start && t[by - 1] != ' ' && t[by - 1] != '\n')
        by--;
    return sx.end - bx == sy.end - by && !memcmp(t + bx, t + by, sx.end - bx);
}

/* Novels and other dialogue: many short paragraphs that are one quote and
 * nothing else. There a new paragraph of speech is a new speaker
 * (turn-taking), while in news it goes on with the speaker before. A short
 * excerpt of a novel has fewer such paragraphs, but many for its length. */
qx_status qx__detect_dialogue(qx__doc *d) {
    size_t bare = 0, ci = 0, nc = d->cands->len;
    for (size_t pi = 0; pi < d->paras->len; pi++) {
        const qx__para *p = &QX__AT(*d->paras, qx__para, pi);
        while (ci < nc && QX__AT(*d->cands, qx__cand, ci).open < p->start)
            ci++;
        if (ci >= nc || p->end - p->start >= 150)
            continue;
        const qx__cand *c = &QX__AT(*d->cands, qx__cand, ci);
        bare += c->open == p->start && c->close >= p->end;
    }
    d->dialogue = (bare >= 5 && bare * 100 >= 3 * d->paras->len) ||
                  (bare >= 3 && bare * 100 >= 12 * d->paras->len);
    return QX_OK;
}

#define QX__TURNS 8

/* The last record before k, within 12 paragraphs, that has a speaker who
 * is not record avoid's; -1 when there is none. */
static int last_other_speaker(const qx__doc *d, size_t k, int avoid) {
    size_t para = QX__AT(d->recs, qx__rec, k).para;
    for (size_t j = k; j-- > 0;) {
        const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
        if (q->para + 12 < para)
            break;
        if (q->kind != QX_KIND_INDIRECT && has_speaker(q) && !same_speaker(d, (int)j, avoid))
            return (int)j;
    }
    return -1;
}

/* The paragraph after record k's opens with a quote: k's is a turn of a
 * conversation, even the first. */
static int next_is_speech(const qx__doc *d, size_t k) {
    const qx__rec *r = &QX__AT(d->recs, qx__rec, k);
    for (size_t j = k + 1; j < d->recs.len; j++) {
        const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
        if (q->para == r->para || q->kind == QX_KIND_INDIRECT)
            continue;
        if (q->para != r->para + 1)
            return 0;
        const qx__cand *c = &QX__AT(*d->cands, qx__cand, q->first);
        return c->open == QX__AT(*d->paras, qx__para, c->para).start;
    }
    return 0;
}

/* A conversation whose first turns have no cue: the speaker two turns
 * later spoke then too (A, B, A, B read backwards). */
static qx_status fill_back(qx__doc *d) {
    size_t n = d->recs.len, nt = 0;
    int *first = qx__malloc(d->a, (n ? n : 1) * sizeof *first);
    if (!first)
        return QX_E_NOMEM;
    size_t last_para = (size_t)-1;
    for (size_t k = 0; k < n; k++) {
        const qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->kind == QX_KIND_INDIRECT || r->para == last_para)
            continue;
        last_para = r->para;
        first[nt++] = (int)k;
    }
    for (size_t i = nt; i-- > 0;) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, (size_t)first[i]);
        if (has_speaker(r) || !r->speech)
            continue;
        /* The nearest later turn of the same parity with a speaker, in an
         * unbroken run of speech paragraphs. */
        size_t odd = 0; /* the nearest later turn of the other parity with a speaker */
        for (size_t j = i + 1; j < nt && j <= i + QX__TURNS; j++) {
            const qx__rec *rj = &QX__AT(d->recs, qx__rec, (size_t)first[j]);
            if (rj->para != r->para + (j - i))
                break;
            if ((j - i) % 2 == 1 && has_speaker(rj) && !odd)
                odd = j;
            if ((j - i) % 2 == 0 && has_speaker(rj)) {
                const qx__rec *r1 = &QX__AT(d->recs, qx__rec, (size_t)first[j - 1]);
                if (!has_speaker(r1) || !same_speaker(d, first[j - 1], first[j]))
                    inherit(r, source_of(d, first[j]), "discourse.dialogue_turn", 0.45);
                break;
            }
        }
        if (has_speaker(r) || !odd)
            continue;
        /* B answers: this turn is the other one's, the last speaker before
         * it who is not B, unless the turn just before is someone else's. */
        const qx__rec *before = i > 0 ? &QX__AT(d->recs, qx__rec, (size_t)first[i - 1]) : NULL;
        if (before && before->para + 1 == r->para && has_speaker(before) &&
            !same_speaker(d, first[i - 1], first[odd]))
            continue;
        int other = last_other_speaker(d, (size_t)first[i], first[odd]);
        if (other >= 0)
            inherit(r, source_of(d, other), "discourse.dialogue_turn", 0.4);
    }
    qx__free(d->a, first);
    return QX_OK;
}



/* The paragraph a record ends in: a quote carried over from the paragraph
 * before ("...terrorists.\n\n"And they use camels," he said. "B."") ends in
 * the paragraph of its attribution. */
static size_t ends_in_para(const qx__doc *d, const qx__rec *r) {
    if (r->kind == QX_KIND_INDIRECT || r->last == QX_UNSET)
        return r->para;
    return QX__AT(*d->cands, qx__cand, r->last).para;
}

qx_status qx__discourse(qx__doc *d) {
    size_t n = d->recs.len;
    int dialogue = d->dialogue;
    int turns[QX__TURNS]; /* speaker records of the previous paragraphs of a conversation */
    size_t n_turns = 0;
    int cur_para = -2, cur_turn = -1;
    for (size_t k = 0; k < n; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->kind == QX_KIND_INDIRECT)
            continue;
        const qx__cand *c = &QX__AT(*d->cands, qx__cand, r->first);
        const qx__para *p = &QX__AT(*d->paras, qx__para, c->para);
        int para_start = c->open == p->start;
        /* "It was late. “Come in.”": in a conversation a paragraph's first
         * quote, opening a sentence after some narration, is its turn too. */
        if (dialogue && !para_start && !has_speaker(r) && (int)r->para != cur_para && opens_sentence(d, c))
            para_start = 1;
        if ((int)r->para != cur_para) {
            /* A new paragraph: the one before is a turn when it held speech. */
            if ((int)r->para == cur_para + 1) {
                if (n_turns == QX__TURNS) {
                    memmove(turns, turns + 1, (QX__TURNS - 1) * sizeof *turns);
                    n_turns--;
                }
                turns[n_turns++] = cur_turn;
            } else {
                n_turns = 0;
            }
            cur_para = (int)r->para;
            cur_turn = -1;
        }
        int other = -1; /* in a conversation, the speaker before the last one */
        if (dialogue && para_start && next_is_speech(d, k))
            r->speech = 1; /* the first turn of a conversation */
        if (dialogue && para_start && n_turns > 0) {
            r->speech = 1;
            int last = turns[n_turns - 1];
            if (last < 0) {
                /* A, someone, then A again: the nearest known turn of the
                 * same parity (two speakers take turns). */
                for (size_t back = 2; back <= n_turns && other < 0; back += 2)
                    other = turns[n_turns - back];
            } else {
                for (size_t i = n_turns - 1; i-- > 0;) {
                    if (turns[i] >= 0 && !same_speaker(d, turns[i], last)) {
                        other = turns[i];
                        break;
                    }
                }
                /* A conversation that began after some narration: the one
                 * who spoke last before it, other than the last speaker. */
                if (other < 0)
                    other = last_other_speaker(d, k, last);
            }
            if (other >= 0 && (r->is_pronoun || r->is_desc) && r->inherit < 0)
                r->turn_hint = other + 1;
        }
        if (!has_speaker(r) && k > 0) {
            const qx__rec *prev = &QX__AT(d->recs, qx__rec, k - 1);
            if (ends_in_para(d, prev) == r->para && has_speaker(prev) &&
                (opens_sentence(d, c) || same_sentence(d, prev, c))) {
                inherit(r, (int)k - 1, "discourse.same_paragraph", 0.75);
            } else if (dialogue && para_start && n_turns > 0) {
                /* A, B, then A again: the other speaker of the conversation. */
                if (other >= 0)
                    inherit(r, other, "discourse.dialogue_turn", 0.5);
            } else if (!dialogue && para_start && r->para > 0) {
                for (size_t j = k; j-- > 0;) {
                    const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
                    if (q->para + 1 < r->para)
                        break;
                    if (q->para + 1 == r->para && has_speaker(q)) {
                        inherit(r, (int)j, "discourse.next_paragraph", 0.65);
                        break;
                    }
                }
            } else if (!dialogue && ends_in_para(d, prev) == r->para && has_speaker(prev) &&
                       prev->kind != QX_KIND_INDIRECT &&
                       qx__count_words(d->text, c->inner_start, c->inner_end, 4) >= 4) {
                /* News: a later quote of four words or more in a paragraph
                 * whose quote has a speaker is mostly that speaker's too
                 * (never used to keep a short scare quote). */
                inherit(r, (int)k - 1, "discourse.same_paragraph_later", 0.5);
            }
        }
        if (cur_turn < 0 && has_speaker(r))
            cur_turn = (int)k;
    }
    /* "The plan is “a disaster” and “a waste,” she said.": the cue after the
     * last quote of a sentence is the earlier quotes' too. Walked backwards
     * so that a run of three shares it. */
    for (size_t k = n; !dialogue && k-- > 1;) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k - 1);
        const qx__rec *next = &QX__AT(d->recs, qx__rec, k);
        if (r->kind == QX_KIND_INDIRECT || next->kind == QX_KIND_INDIRECT || has_speaker(r) ||
            !has_speaker(next) || (!next->from_after && next->inherit != (int)k + 1) || next->first == QX_UNSET)
            continue;
        const qx__cand *c = &QX__AT(*d->cands, qx__cand, next->first);
        const qx__cand *own = &QX__AT(*d->cands, qx__cand, r->first);
        /* ...but not a title before it: who’s starred in “Avatar” and “B,” */
        if (!same_sentence(d, r, c) || qx__title_case(d->text, own->inner_start, own->inner_end))
            continue;
        inherit(r, next->inherit >= 0 ? next->inherit : (int)k, "discourse.same_sentence_after", 0.6);
    }
    if (dialogue) {
        qx_status rc = fill_back(d);
        if (rc != QX_OK)
            return rc;
    }
    if (d->ex->flags & QX_FLAG_KEEP_UNATTRIBUTED)
        return QX_OK;
    int headline = !(d->ex->flags & QX_FLAG_KEEP_HEADLINE) && qx__has_headline(d);
    /* Single marks are this text's own quote marks (British style) when
     * they open as many quotes as double marks do. */
    size_t n_single = 0, n_cands = d->cands->len;
    for (size_t k = 0; k < n_cands; k++)
        n_single += (size_t)single_mark(d, &QX__AT(*d->cands, qx__cand, k));
    int singles_rare = 2 * n_single < n_cands;
    int *remap = qx__malloc(d->a, (n ? n : 1) * sizeof *remap); /* -1: dropped */
    if (!remap)
        return QX_E_NOMEM;
    int dropped = 0;
    for (size_t k = 0; k < n; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        int drop = 0;
        if (r->kind != QX_KIND_INDIRECT) {
            const qx__cand *c = &QX__AT(*d->cands, qx__cand, r->first);
            const qx__cand *l = &QX__AT(*d->cands, qx__cand, r->last);
            /* counted to 17 at most: only w <= 16, w <= 8 and w < 4 are asked */
            size_t w = qx__count_words(d->text, c->inner_start, l->inner_end, 17);
            /* Titles of works and names in marks are nobody's words; a
             * work's noun before the mark vouches for a long title too. */
            int by = r->first == r->last && w <= 16 ? by_maker_after(d, l) : 0;
            int work = r->first == r->last && w <= 16 && !opens_sentence(d, c) && (work_cue_before(d, c) || by);
            /* A headline and its byline opening a paragraph, in any case
             * ("“Museum to close in May,” by Ann Ruiz:", "—“Fare hike
             * voted,” by Ed Roe"), cite a piece. */
            int byline = by == 2 && qx__no_lower(d->text, QX__AT(*d->paras, qx__para, c->para).start, c->open);
            int title = r->first == r->last && (w <= 8 || work) && !opens_sentence(d, c) &&
                        (!has_speaker(r) || work || maker_after(d, l)) &&
                        qx__title_case(d->text, c->inner_start, c->inner_end);
            /* A line of news that is a quote in capitals is a subheading. */
            const qx__para *pp = &QX__AT(*d->paras, qx__para, c->para);
            size_t after = l->close;
            while (after < pp->end && d->lines[after] == ' ')
                after++;
            int alone = (c->open == pp->start || d->lines[c->open - 1] == '\n') &&
                        (after >= pp->end || d->lines[after] == '\n');
            int heading = !d->dialogue && !has_speaker(r) && alone &&
                          qx__no_lower(d->text, c->inner_start, l->inner_end);
            /* News that quotes in double marks sets a short phrase in single
             * marks on a line of its own as a section's heading ('A fight
             * from start to finish.'), whoever said the words first. */
            heading |= !d->dialogue && singles_rare && alone && r->first == r->last && w <= 8 && single_mark(d, c);
            /* In a novel words in marks inside a sentence of narration, with
             * no cue, are a phrase the narrator borrows, not a turn. */
            int borrowed = d->dialogue && !has_speaker(r) && !r->speech && !opens_sentence(d, c) &&
                           c->inner_start < c->inner_end && qx__is_lower((unsigned char)d->text[c->inner_start]);
            int unsaid = !has_speaker(r) && !r->speech && w < 4 && !cue_just_before(d, c) &&
                         !cue_earlier_in_sentence(d, r->first);
            drop = title || heading || byline || borrowed || unsaid || (headline && c->para == 0);
        }
        remap[k] = drop ? -1 : 0;
        dropped |= drop;
    }
    if (!dropped) {
        qx__free(d->a, remap);
        return QX_OK;
    }
    /* X said on "Morning Joe," adding, "B": B took X from the title, which
     * goes; B takes the title's own attribution with it. */
    for (size_t k = 0; k < n; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        for (int guard = 0; remap[k] >= 0 && r->inherit >= 0 && remap[r->inherit] < 0 && guard < 64; guard++) {
            const qx__rec *src = &QX__AT(d->recs, qx__rec, (size_t)r->inherit);
            if (src->inherit >= 0) {
                r->inherit = src->inherit;
                continue;
            }
            if (src->mention.start == QX_UNSET || (headline && QX__AT(*d->cands, qx__cand, src->first).para == 0))
                break;
            r->mention = src->mention;
            r->relative = src->relative;
            r->name = src->name;
            r->role = src->role;
            r->is_pronoun = src->is_pronoun;
            r->is_desc = src->is_desc;
            r->inherit = -1;
        }
    }
    size_t o = 0;
    for (size_t k = 0; k < n; k++) {
        int drop = remap[k] < 0;
        remap[k] = drop ? -1 : (int)o;
        if (!drop)
            QX__AT(d->recs, qx__rec, o++) = QX__AT(d->recs, qx__rec, k);
    }
    for (size_t k = 0; k < o; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->turn_hint > 0)
            r->turn_hint = remap[r->turn_hint - 1] + 1; /* 0 when its turn was dropped */
        if (r->inherit >= 0) {
            r->inherit = remap[r->inherit];
            if (r->inherit < 0) { /* its source was a headline, or a title with no speaker */
                r->flags &= ~QX_QUOTE_INHERITED;
                r->rule_name = "none";
            }
        }
    }
    qx__free(d->a, remap);
    d->recs.len = o;
    return QX_OK;
}
