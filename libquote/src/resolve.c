/* Speaker resolution within the document: a surname or first name to the
 * fullest name of that person, a pronoun to the most recent compatible named
 * speaker, a description kept as written. */
#include <stdlib.h>

#include "internal.h"

/* However few paragraphs the windows below span, a pronoun looks back over
 * at most this many records, names or descriptions: a text of one huge
 * paragraph would otherwise make every look-back quadratic. */
#define QX__BACK_LIMIT 256
/* The longest opener before a sentence's subject, in bytes ("But after
 * focusing on rural voters for months,"). */
#define QX__OPENER_MAX 200

/* A long novel names many places and things, and one pronoun after such a
 * name is chance ("in Rome she ..."): there a name's gender needs this many
 * votes, which its people, named and followed by their pronouns page after
 * page, easily reach; a title or a given name the lexicon knows counts 3 at
 * each mention. (5 to 7 all do better than 3 on the dev novels; 3 fit before
 * given names counted.) */
#define QX__NOVEL_BYTES 100000
#define QX__NOVEL_MIN_VOTES 6

typedef struct key {
    const char *s; /* a name token in the text */
    size_t n;
    qx_span full;  /* the fullest name with that token */
    size_t count;  /* how many distinct full names share the token */
    size_t freq;   /* how often the text writes that fullest name */
    size_t first_full, first_bare; /* where a full name / the token alone first stands */
    int titled;    /* written in a subheading or a title in marks */
} key;

typedef struct name_index {
    key *last, *first;
    size_t n_last, n_first;
    key *pairs;     /* every distinct (surname, full name) pair, sorted, */
    size_t n_pairs; /* built by build_pairs when a pronoun first needs them */
    int pairs_built;
    uint64_t *ent_keys; /* entity hash -> votes (m, f), open addressing */
    int *ent_votes;
    size_t ent_cap;
    int min_votes; /* gender votes a name needs (QX__NOVEL_MIN_VOTES in long novels) */
    int one_pronoun_weak; /* dialogue: a name seen once needs more than one pronoun vote */
    qx__vec descs; /* qx__desc, built by build_descs when first needed */
    int descs_built;
} name_index;

typedef struct qx__desc {
    const qx__pronoun *head; /* the gendered noun's lexicon entry */
    size_t at;    /* the gendered noun */
    qx_span first; /* the first description the text gave with that noun */
    char gender;
} qx__desc;

static int key_cmp(const void *a, const void *b) {
    const key *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    return c ? c : (x->n < y->n ? -1 : x->n > y->n);
}

/* A capitalised role noun of the role lexicon ("Majority Leader", "Donor"),
 * which stores them in lower case. */
static int role_word(const qx__doc *d, const char *w, size_t n) {
    return n >= 3 && qx__words_has_folded(&d->ex->lex.roles, w, n);
}

/* Name tokens of span s, titles and sentence-opening ordinary words
 * ("Poor", "Sometimes") skipped; returns the count. */
static size_t name_tokens(const qx__doc *d, const qx__wordstat *ws, qx_span s, qx_span *tk,
                          size_t max) {
    const char *t = d->text;
    size_t n = 0, i = s.start;
    while (i < s.end && n < max) {
        size_t w;
        while (i < s.end && (w = qx__space_at(t, i, s.end)) > 0)
            i += w;
        size_t b = i;
        while (i < s.end && !qx__space_at(t, i, s.end))
            i++;
        if (i > b) {
            tk[n].start = b;
            tk[n].end = i;
            n++;
        }
    }
    size_t first = 0;
    /* "Labor Secretary Thomas Perez", "Former U.N. Ambassador John Bolton":
     * everything up to the last title is role. */
    for (size_t k = n > 0 ? n - 1 : 0; k-- > 0;) {
        if (qx__words_has(&d->ex->lex.titles, t + tk[k].start, tk[k].end - tk[k].start) ||
            role_word(d, t + tk[k].start, tk[k].end - tk[k].start)) {
            first = k + 1;
            break;
        }
    }
    /* "Secretary of State John Kerry": the name run opens with the end of
     * the title. */
    if (first == 0 && n >= 3 && s.start >= 4 && !memcmp(t + s.start - 4, " of ", 4)) {
        size_t e = s.start - 4, b = e;
        while (b > 0 && t[b - 1] != ' ' && t[b - 1] != '\n')
            b--;
        if (qx__words_has(&d->ex->lex.titles, t + b, e - b))
            first = 1;
    }
    for (;;) {
        if (first + 1 < n && qx__words_has(&d->ex->lex.titles, t + tk[first].start, tk[first].end - tk[first].start))
            first++;
        else if (first + 1 < n &&
                 qx__wordstat_get(ws, t + tk[first].start, tk[first].end - tk[first].start) == QX__WORD_LOWER)
            first++;
        else
            break;
    }
    if (first) {
        memmove(tk, tk + first, (n - first) * sizeof *tk);
        n -= first;
    }
    return n;
}

/* Orders keys by token, then by the full name's text. */
static int key_full_cmp(const key *x, const key *y, const char *t) {
    int c = key_cmp(x, y);
    if (c)
        return c;
    size_t lx = x->full.end - x->full.start, ly = y->full.end - y->full.start;
    c = memcmp(t + x->full.start, t + y->full.start, lx < ly ? lx : ly);
    return c ? c : (lx < ly ? -1 : lx > ly);
}

/* Merge sort with a scratch array: the comparison needs the text, and
 * qsort has no argument for it (no global state here). */
static void sort_keys(key *k, key *tmp, size_t n, const char *t) {
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                tmp[o++] = key_full_cmp(&k[i], &k[j], t) <= 0 ? k[i++] : k[j++];
            while (i < mid)
                tmp[o++] = k[i++];
            while (j < hi)
                tmp[o++] = k[j++];
        }
        memcpy(k, tmp, n * sizeof *k);
    }
}

/* Folds equal tokens into one key whose full name is the most frequent
 * (then the longest) of the names ending or starting with that token: a
 * capitalised run seen once ("Harvest Festival Tony") loses to the name the
 * text keeps using. count is the number of distinct full names. */
static size_t fold(const qx__doc *d, key *k, size_t n, key *tmp) {
    if (!n)
        return 0;
    sort_keys(k, tmp, n, d->text);
    size_t o = 0, i = 0;
    while (i < n) {
        size_t j = i, best_run = 0, distinct = 0, first_full = k[i].full.start;
        qx_span best = k[i].full;
        while (j < n && key_cmp(&k[j], &k[i]) == 0) {
            size_t r = j, plain = 0;
            for (; r < n && key_full_cmp(&k[r], &k[j], d->text) == 0; r++)
                plain += !k[r].titled;
            /* A full name written only in titles is no name ("A Message
             * About Latinos"): it neither counts nor wins. */
            if (!plain) {
                j = r;
                continue;
            }
            size_t run = r - j, len = k[j].full.end - k[j].full.start;
            if (run > best_run || (run == best_run && len > best.end - best.start)) {
                best_run = run;
                best = k[j].full;
            }
            distinct++;
            if (k[j].full.start < first_full)
                first_full = k[j].full.start;
            j = r;
        }
        if (!distinct) { /* the token was only ever in titles */
            i = j;
            continue;
        }
        k[o] = k[i];
        k[o].full = best;
        k[o].count = distinct;
        k[o].freq = best_run;
        k[o].first_full = first_full;
        k[o].first_bare = SIZE_MAX;
        o++;
        i = j;
    }
    return o;
}

static const key *lookup(const key *k, size_t n, const char *s, size_t len) {
    key probe = {s, len, {0, 0}, 0, 0, 0, 0, 0};
    return n ? bsearch(&probe, k, n, sizeof *k, key_cmp) : NULL;
}

/* Where the word starting at t[i] ends, at a space or line break or e. */
static size_t word_end(const char *t, size_t i, size_t e) {
    while (i < e && t[i] != ' ' && t[i] != '\n')
        i++;
    return i;
}

/* The place lexicon holds last words ("avenue") and openers ("hotel ..."),
 * lower-cased. */
static int place_word(const qx__doc *d, const char *w, size_t n, int opener) {
    char buf[64];
    if (!opener)
        return qx__words_has_folded(&d->ex->lex.places, w, n);
    if (n + 4 > sizeof buf)
        return 0;
    memcpy(buf, w, n);
    memcpy(buf + n, " ...", 4);
    return qx__words_has_folded(&d->ex->lex.places, buf, n + 4);
}

/* "Fifth Avenue", "Hotel Montoya": a name of several words whose last word
 * ends a place, or whose first opens one, is a place by its words alone. */
static int place_by_words(const qx__doc *d, qx_span name) {
    const char *t = d->text;
    size_t first_end = word_end(t, name.start, name.end), last_start = name.end;
    while (last_start > name.start && t[last_start - 1] != ' ' && t[last_start - 1] != '\n')
        last_start--;
    if (first_end >= name.end)
        return 0;
    return place_word(d, t + last_start, name.end - last_start, 0) ||
           place_word(d, t + name.start, first_end - name.start, 1);
}

/* A word the gender lexicon knows as a given name ("William"), not as a
 * title or noun ("Father", "Count", "Son") that the text also writes in lower
 * case: a name even where capitals are forced. */
static int given_name(const qx__doc *d, qx_span w) {
    const char *s = d->text + w.start;
    size_t n = w.end - w.start;
    const qx__pronoun *g = qx__gender_find(&d->ex->lex, s, n);
    return g && !g->pronoun && !(qx__wordstat_get(&d->words, s, n) & QX__WORD_LOWER) &&
           !qx__words_has(&d->ex->lex.titles, s, n) && !role_word(d, s, n);
}

static int cap_mid(const qx__doc *d, qx_span w) {
    return (qx__wordstat_get(&d->words, d->text + w.start, w.end - w.start) & QX__WORD_CAP_MID) != 0;
}

/* A lone given name the text capitalises only where capitals are forced. */
static int bare_given(const qx__doc *d, qx_span w) {
    return !memchr(d->text + w.start, ' ', w.end - w.start) && !cap_mid(d, w) && given_name(d, w);
}

static int generation(const char *w, size_t n) {
    static const char *const g[] = {"Jr.", "Jr", "II", "III", "IV", NULL};
    return qx__word_in(w, n, g);
}

/* Where a title-case headline ends, or 0. */
static size_t headline_end(const qx__doc *d) {
    if (!qx__has_headline(d))
        return 0;
    const qx__para *p = &QX__AT(*d->paras, qx__para, 0);
    return qx__title_case(d->text, p->start, p->end) ? p->end : 0;
}

/* Every word capitalised, but not every letter: a title, not a line in
 * capitals ("DEAR MISS SCHLEGEL," opening a letter). */
static int titled(const qx__doc *d, size_t s, size_t e) {
    return !qx__no_lower(d->text, s, e) && qx__title_case(d->text, s, e);
}

/* The candidate quote around pos, or SIZE_MAX. */
static size_t quote_at(const qx__doc *d, size_t pos) {
    size_t lo = 0, hi = d->cands->len;
    while (lo < hi) { /* first candidate opening after pos */
        size_t mid = (lo + hi) / 2;
        if (QX__AT(*d->cands, qx__cand, mid).open <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && pos < QX__AT(*d->cands, qx__cand, lo - 1).close ? lo - 1 : SIZE_MAX;
}

static qx_status build_index(qx__doc *d, name_index *ix) {
    const qx_extractor *ex = d->ex;
    size_t head = headline_end(d);
    qx__vec last, first;
    qx__vec_init(&last, sizeof(key));
    qx__vec_init(&first, sizeof(key));
    memset(ix, 0, sizeof *ix);
    qx__vec_init(&ix->descs, sizeof(qx__desc));
    d->names->len = 0;
    for (size_t r = 0; r < ex->n_rules; r++) {
        const qx__rule *rule = &ex->rules[r];
        if (rule->where != QX__NAMES)
            continue;
        for (size_t pi = 0; pi < d->paras->len; pi++) {
            const qx__para *p = &QX__AT(*d->paras, qx__para, pi);
            size_t pos = p->start;
            int title_line = -1; /* the paragraph is a title-case line; asked once */
            size_t tq = SIZE_MAX; /* the last quote asked whether it is a title... */
            int tq_title = 0;     /* ...and its answer: each quote is read once */
            while (pos < p->end) {
                int m = qx__rule_match(d, rule, pos, p->end);
                if (m < 0) {
                    qx__vec_free(&last, d->a);
                    qx__vec_free(&first, d->a);
                    return (qx_status)m;
                }
                if (m == 0)
                    break;
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->st->md);
                qx_span s = {ov[0], ov[1]};
                pos = ov[1] > pos ? ov[1] : pos + 1;
                qx_span tk[8];
                size_t n = name_tokens(d, &d->words, s, tk, 8);
                /* "Supervisor of Elections Susan Bucher", "Chief of Staff
                 * Denis McDonough": after "of" a first word the text also
                 * writes in lower case ends the office, not opens a name. */
                if (n >= 3 && tk[0].start == s.start && s.start >= 3 && !memcmp(d->text + s.start - 3, "of ", 3) &&
                    ((qx__wordstat_get(&d->words, d->text + tk[0].start, tk[0].end - tk[0].start) & QX__WORD_LOWER) ||
                     role_word(d, d->text + tk[0].start, tk[0].end - tk[0].start))) {
                    memmove(tk, tk + 1, (n - 1) * sizeof *tk);
                    n--;
                }
                if (n == 0 || (n == 1 && tk[0].start == s.start && !cap_mid(d, tk[0]) && !given_name(d, tk[0])))
                    continue; /* a lone capitalised word seen only where capitals are forced */
                qx__mention *mn = qx__vec_push(d->names, d->a);
                if (!mn) {
                    qx__vec_free(&last, d->a);
                    qx__vec_free(&first, d->a);
                    return QX_E_NOMEM;
                }
                mn->span = s;
                mn->full = (qx_span){tk[0].start, tk[n - 1].end};
                qx_span full = {tk[0].start, tk[n - 1].end};
                if (n < 2 || place_by_words(d, full))
                    continue; /* "Hotel Montoya" is no fuller name of Montoya */
                /* A headline capitalises every word ("Party Leader Praises
                 * Marco Rubio"): a run longer than given name and surname is
                 * a full name there only if the story writes it too. So
                 * does a subheading or a title in marks ("America Ferrera
                 * Sent Donald Trump A Message About Latinos", "The Inside
                 * Story of the Real Donald Trump"), where even two words
                 * need not be a name ("About Latinos"), unless it opens with
                 * a given name ("Bernie Sanders." as a subheading). Such a
                 * key is flagged, and fold keeps its full name only if a
                 * plain mention writes it too. */
                int in_title = n > 2 && s.start < head;
                if (s.start >= head && (n > 2 || !given_name(d, tk[0]))) {
                    if (title_line < 0)
                        title_line = titled(d, p->start, p->end);
                    size_t qi = title_line ? SIZE_MAX : quote_at(d, s.start);
                    if (qi != SIZE_MAX && qi != tq) {
                        const qx__cand *c = &QX__AT(*d->cands, qx__cand, qi);
                        tq = qi;
                        tq_title = titled(d, c->inner_start, c->inner_end);
                    }
                    in_title = title_line || (qi != SIZE_MAX && tq_title);
                }
                key *kl = qx__vec_push(&last, d->a), *kf = kl ? qx__vec_push(&first, d->a) : NULL;
                if (!kl || !kf) {
                    qx__vec_free(&last, d->a);
                    qx__vec_free(&first, d->a);
                    return QX_E_NOMEM;
                }
                /* "Brent Bozell III" is Bozell's full name: the surname is
                 * the word before a generational suffix. Not before "Sr.":
                 * the father of the story's plain-named person. */
                size_t sur = n - 1;
                if (n > 2 && generation(d->text + tk[sur].start, tk[sur].end - tk[sur].start))
                    sur--;
                *kl = (key){d->text + tk[sur].start, tk[sur].end - tk[sur].start, full, 1, 1, 0, 0, in_title};
                *kf = (key){d->text + tk[0].start, tk[0].end - tk[0].start, full, 1, 1, 0, 0, in_title};
            }
        }
    }
    key *tmp = qx__malloc(d->a, (last.len ? last.len : 1) * sizeof *tmp);
    if (!tmp) {
        qx__vec_free(&last, d->a);
        qx__vec_free(&first, d->a);
        return QX_E_NOMEM;
    }
    ix->last = last.data;
    ix->n_last = fold(d, ix->last, last.len, tmp);
    ix->first = first.data;
    ix->n_first = fold(d, ix->first, first.len, tmp);
    qx__free(d->a, tmp);
    /* A given name kept only for being one ("William came") stands down when
     * the text names that person in full: the full name is the better
     * antecedent. */
    size_t kept = 0;
    for (size_t i = 0; i < d->names->len; i++) {
        qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        if (!(m->full.start == m->span.start && m->full.end == m->span.end && bare_given(d, m->full) &&
              lookup(ix->first, ix->n_first, d->text + m->full.start, m->full.end - m->full.start)))
            QX__AT(*d->names, qx__mention, kept++) = *m;
    }
    d->names->len = kept;
    /* Mentions are in text order: the first lone use of each token. */
    for (size_t i = 0; i < d->names->len; i++) {
        qx_span f = QX__AT(*d->names, qx__mention, i).full;
        if (memchr(d->text + f.start, ' ', f.end - f.start))
            continue;
        key *kl = (key *)lookup(ix->last, ix->n_last, d->text + f.start, f.end - f.start);
        key *kf = (key *)lookup(ix->first, ix->n_first, d->text + f.start, f.end - f.start);
        if (kl && kl->first_bare == SIZE_MAX)
            kl->first_bare = f.start;
        if (kf && kf->first_bare == SIZE_MAX)
            kf->first_bare = f.start;
    }
    return QX_OK;
}


/* The full name a lone token stands for: as a surname (Hughes -> Brian
 * Hughes) or as a first name (Marilla -> Marilla Cuthbert) when only one
 * person has it, whichever full name the text writes more often; a
 * capitalised run seen once ("Therefore Marilla") loses to it. */
static const key *single_key(const qx__doc *d, const name_index *ix, const char *s, size_t n) {
    const key *kl = lookup(ix->last, ix->n_last, s, n);
    const key *kf = lookup(ix->first, ix->n_first, s, n);
    if (d->dialogue) {
        /* "Mr. Knightley" long before any "John Knightley": a novel names a
         * person in full first, so the brother named in full later is
         * someone else. (A news headline gives the surname alone before
         * the story names the person in full.) */
        if (kl && kl->first_bare < kl->first_full)
            kl = NULL;
        if (kf && kf->first_bare < kf->first_full)
            kf = NULL;
        /* A novel calls "Anne Shirley" by her full name now and then, while
         * "Academy Anne" is one sentence's capitalised run: the full name
         * must recur. (News names a person in full once.) */
        const key *k = kl && kf ? (kf->freq > kl->freq ? kf : kl) : kl ? kl : kf;
        return k && k->freq >= 2 ? k : NULL;
    }
    if (kf && kf->count != 1)
        kf = NULL;
    return kl && kf ? (kf->freq > kl->freq ? kf : kl) : kl ? kl : kf;
}

/* The fullest name for a mention's tokens: a lone surname or first name
 * becomes the full name the document uses for it. */
static qx_span full_of(const qx__doc *d, const name_index *ix, qx_span name) {
    const char *t = d->text;
    const char *ls = t + name.start;
    size_t ln = name.end - name.start;
    const char *sp = memchr(ls, ' ', ln);
    if (sp) { /* several tokens: the key is the last one */
        const char *e = t + name.end;
        const char *b = e;
        while (b > ls && b[-1] != ' ')
            b--;
        const key *k = lookup(ix->last, ix->n_last, b, (size_t)(e - b));
        return k && k->count == 1 ? k->full : name;
    }
    const key *k = single_key(d, ix, ls, ln);
    return k ? k->full : name;
}

static uint64_t text_hash(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n;) {
        size_t w = qx__space_at(s, i, n); /* as set_speaker writes it */
        h = (h ^ (unsigned char)(w ? ' ' : s[i])) * 1099511628211ull;
        i += w ? w : 1;
    }
    return h | 1;
}

static int inside_quote(const qx__doc *d, size_t pos) { return quote_at(d, pos) != SIZE_MAX; }

/* The gender a word tells as a title or given name, 0 when none. */
static char word_gender(const qx__doc *d, size_t b, size_t e) {
    const qx__pronoun *g = e > b ? qx__gender_find(&d->ex->lex, d->text + b, e - b) : NULL;
    return g && !g->pronoun ? g->gender : 0;
}

/* The gender of a mention's given name, when the lexicon knows it ("Emma
 * Woodhouse", "Emma"), but not of a lone word that is also someone's
 * surname ("Warren" of Elizabeth Warren). */
static int given_gender(const qx__doc *d, const name_index *ix, const qx__mention *m, size_t name_start) {
    size_t ge = word_end(d->text, name_start, m->span.end);
    char g = word_gender(d, name_start, ge);
    if (!g)
        return 0;
    const key *k = ge >= m->span.end ? lookup(ix->last, ix->n_last, d->text + name_start, ge - name_start) : NULL;
    if (k && k->freq >= 2) /* a surname the text uses, not a capitalised run ("Come Emma") */
        return 0;
    return g;
}

/* The gender a mention shows: a gendered title inside it (Mrs., Lord),
 * before name_start, or the first gendered pronoun in the words after it
 * ("Alice ... her"). */
static int gender_vote(const qx__doc *d, const qx__mention *m, size_t name_start, size_t next_name, int *weight) {
    const char *t = d->text;
    for (size_t i = m->span.start; i < name_start;) {
        size_t b = i;
        while (i < name_start && t[i] != ' ' && t[i] != '\n')
            i++;
        const qx__pronoun *g = i > b ? qx__gender_find(&d->ex->lex, t + b, i - b) : NULL;
        if (g && !g->pronoun) {
            *weight = 3;
            return g->gender;
        }
        while (i < name_start && (t[i] == ' ' || t[i] == '\n'))
            i++;
    }
    size_t i = m->span.end, words = 0;
    /* A pronoun after another name is that name's: "Tom met Ruth. She ..." */
    size_t end = next_name < d->len ? next_name : d->len;
    while (i < end && words < 12) {
        unsigned char c = (unsigned char)t[i];
        if (c == '"' || (c == 0xE2 && i + 2 < d->len && (unsigned char)t[i + 1] == 0x80 &&
                         ((unsigned char)t[i + 2] == 0x9C || (unsigned char)t[i + 2] == 0x9D)))
            return 0; /* speech starts: its pronouns are the speaker's */
        if (c == '\n' && i + 1 < d->len && t[i + 1] == '\n')
            return 0;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            size_t b = i;
            while (i < end && (((unsigned char)t[i] | 0x20) >= 'a' && ((unsigned char)t[i] | 0x20) <= 'z'))
                i++;
            words++;
            const qx__pronoun *g = qx__gender_find(&d->ex->lex, t + b, i - b);
            if (g && g->pronoun) {
                *weight = 1;
                return g->gender;
            }
            continue;
        }
        i++;
    }
    return 0;
}

/* "in New York", "on Fifth Avenue": a name the text often puts after a
 * preposition of place is a place, whatever pronoun follows it. */
static int entity_place(const name_index *ix, size_t h) {
    const int *v = ix->ent_votes + 4 * h;
    return (v[3] >= 2 || (v[3] == 1 && v[2] == 1)) && 4 * v[3] >= v[2];
}

/* The slot of an entity in the vote table, or SIZE_MAX when it has none. */
static size_t entity_slot(const name_index *ix, uint64_t entity) {
    if (!ix->ent_cap)
        return SIZE_MAX;
    size_t h = (size_t)(entity >> 5) & (ix->ent_cap - 1);
    while (ix->ent_keys[h] && ix->ent_keys[h] != entity)
        h = (h + 1) & (ix->ent_cap - 1);
    return ix->ent_keys[h] ? h : SIZE_MAX;
}

static char slot_gender(const name_index *ix, size_t h) {
    if (h == SIZE_MAX)
        return 0;
    int vm = ix->ent_votes[4 * h], vf = ix->ent_votes[4 * h + 1];
    if (vm + vf < ix->min_votes || entity_place(ix, h))
        return 0;
    /* A story's word seen once with one pronoun after it ("a touch of the
     * Dane about him") is too little to call a man or a woman. */
    if (ix->one_pronoun_weak && ix->ent_votes[4 * h + 2] == 1 && vm + vf < 2)
        return 0;
    return vm > vf ? 'm' : vf > vm ? 'f' : 0;
}

static char entity_gender(const name_index *ix, uint64_t entity) {
    return slot_gender(ix, entity_slot(ix, entity));
}

/* The gender of a resolved speaker, a name in the strings arena. */
/* The entity of a resolved speaker, a name in the strings arena. */
static uint64_t speaker_entity(const qx__doc *d, size_t off) {
    const char *sp = d->strings.data + off;
    return text_hash(sp, strlen(sp));
}

static int determiner(const char *s, size_t n) {
    static const char *const det[] = {"a", "an", "the", "A", "An", "The", NULL};
    return qx__word_in(s, n, det);
}

/* The gender lexicon's entry for the last word of a description ("the old
 * lady", "his step-son") when it is a noun or title, not a pronoun. */
static const qx__pronoun *head_noun(const qx__doc *d, const char *s, size_t n) {
    size_t b = n;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n')
        b--;
    const qx__pronoun *g = b < n ? qx__gender_find(&d->ex->lex, s + b, n - b) : NULL;
    return g && !g->pronoun ? g : NULL;
}

/* A described speaker ("the man", "his step-son") has no votes but its
 * head noun tells the gender. */
static char speaker_gender(const qx__doc *d, const name_index *ix, size_t off) {
    char g = entity_gender(ix, speaker_entity(d, off));
    const char *sp = d->strings.data + off;
    size_t n = strlen(sp), first = 0;
    while (first < n && sp[first] != ' ')
        first++;
    if (g || !((*sp >= 'a' && *sp <= 'z') || determiner(sp, first)))
        return g;
    const qx__pronoun *head = head_noun(d, sp, n);
    return head ? head->gender : 0;
}

/* The word before a name is a preposition of place ("in", "at", "from"). */
static int after_place_word(const char *t, size_t pos) {
    static const char *const w[] = {"in", "at", "from", "into", "near", "toward", "towards",
                                    "across", "through", "on", "around", "outside", NULL};
    size_t e = pos;
    while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\n'))
        e--;
    size_t b = e;
    while (b > 0 && t[b - 1] >= 'a' && t[b - 1] <= 'z')
        b--;
    if (b == e || (b > 0 && ((t[b - 1] >= 'A' && t[b - 1] <= 'Z') || (unsigned char)t[b - 1] >= 0x80)))
        return 0;
    return qx__word_in(t + b, e - b, w);
}

/* "the Dashwoods": a lone name in -s whose stem is a surname of the text
 * is a family, not one person. */
static int honorific(const char *s, size_t n);

static int family(const qx__doc *d, const name_index *ix, qx_span name) {
    const char *t = d->text;
    size_t b = name.end; /* the last word: "the Miss Schlegels" are a family too */
    while (b > name.start && t[b - 1] != ' ')
        b--;
    size_t n = name.end - b;
    return n > 3 && t[name.end - 1] == 's' && t[name.end - 2] != 's' &&
           (b == name.start || honorific(t + name.start, b - 1 - name.start)) &&
           lookup(ix->last, ix->n_last, t + b, n - 1) != NULL;
}

/* Titles that stay with a name that has no fuller form: "Mrs. Lund", and the
 * kinship titles a family calls someone by ("Aunt Polly"). */
static int honorific(const char *s, size_t n) {
    static const char *const h[] = {"Mrs.", "Miss", "Ms.", "Mr.", "Mx.", "Mrs", "Ms", "Mr", "Aunt", "Uncle", NULL};
    return qx__word_in(s, n, h);
}

/* The fullest name of a mention. "Mrs. Archer" is Newland Archer's mother
 * and "Mr. Woodhouse" Emma's father: a titled surname folds into a full name
 * only when its given name is known to be of the title's gender; otherwise
 * the title and surname are the person. So is "Mrs. Lund" when no fuller
 * name has the surname: "Lund" alone would make her and Mr. Lund one
 * person of no gender. */
static qx_span titled_full(const qx__doc *d, const name_index *ix, const qx__mention *m, size_t name_start) {
    const char *t = d->text;
    qx_span own = m->full, full = full_of(d, ix, own);
    if (name_start == m->span.start || memchr(t + own.start, ' ', own.end - own.start))
        return full;
    size_t tb = name_start; /* the title: the word just before the name */
    while (tb > m->span.start && (t[tb - 1] == ' ' || t[tb - 1] == '\n'))
        tb--;
    size_t te = tb;
    while (tb > m->span.start && t[tb - 1] != ' ' && t[tb - 1] != '\n')
        tb--;
    if (full.start == own.start && full.end == own.end) /* as the cue "said Mrs. Lund" gives */
        return honorific(t + tb, te - tb) ? (qx_span){tb, own.end} : full;
    char gt = word_gender(d, tb, te);
    if (!gt)
        return full;
    if (word_gender(d, full.start, word_end(t, full.start, full.end)) == gt)
        return full;
    return (qx_span){tb, own.end};
}

/* Entity and gender of every mention. Votes are summed per entity in a
 * small open-addressing table. */
static qx_status mention_genders(qx__doc *d, name_index *ix) {
    size_t n = d->names->len;
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    uint64_t *keys = qx__malloc(d->a, cap * sizeof *keys);
    int *votes = qx__malloc(d->a, cap * 4 * sizeof *votes); /* m, f, mentions, after "in" */
    if (!keys || !votes) {
        qx__free(d->a, keys);
        qx__free(d->a, votes);
        return QX_E_NOMEM;
    }
    ix->min_votes = d->dialogue && d->len > QX__NOVEL_BYTES ? QX__NOVEL_MIN_VOTES : 1;
    ix->one_pronoun_weak = d->dialogue;
    ix->ent_keys = keys;
    ix->ent_votes = votes;
    ix->ent_cap = cap;
    memset(keys, 0, cap * sizeof *keys);
    memset(votes, 0, cap * 4 * sizeof *votes);
    for (size_t i = 0; i < n; i++) {
        qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        /* The titles are the words of the span before the name itself;
         * the fullest name may stand anywhere in the document. */
        size_t name_start = m->full.start;
        m->full = titled_full(d, ix, m, name_start);
        m->entity = text_hash(d->text + m->full.start, m->full.end - m->full.start);
        m->quoted = (char)inside_quote(d, m->span.start);
        size_t h = (size_t)(m->entity >> 5) & (cap - 1);
        while (keys[h] && keys[h] != m->entity)
            h = (h + 1) & (cap - 1);
        keys[h] = m->entity;
        size_t next = i + 1 < n ? QX__AT(*d->names, qx__mention, i + 1).span.start : d->len;
        int w = 3, g = given_gender(d, ix, m, name_start);
        if (!g)
            g = m->quoted ? 0 : gender_vote(d, m, name_start, next, &w);
        if (g)
            votes[4 * h + (g == 'f')] += w;
        /* The words of full are the entity's: asked at its first mention. */
        if (votes[4 * h + 2]++ == 0 && (place_by_words(d, m->full) || family(d, ix, m->full)))
            votes[4 * h + 3] += 1 << 20; /* as if always after "in" */
        votes[4 * h + 3] += after_place_word(d->text, m->span.start);
    }
    for (size_t i = 0; i < n; i++) {
        qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        size_t h = entity_slot(ix, m->entity);
        m->gender = slot_gender(ix, h);
        m->place = (char)entity_place(ix, h);
    }
    return QX_OK;
}

static qx_status set_speaker(qx__doc *d, qx__rec *r, const char *s, size_t n) {
    while (n && (*s == ' ' || *s == '\n'))
        s++, n--;
    if (!n)
        return QX_OK;
    r->speaker_off = d->strings.len;
    for (size_t i = 0; i < n;) {
        size_t w = qx__space_at(s, i, n); /* a line break or no-break space reads as a space */
        char c = w ? ' ' : s[i];
        if (!qx__buf_append(&d->strings, d->a, &c, 1))
            return QX_E_NOMEM;
        i += w ? w : 1;
    }
    return qx__buf_append(&d->strings, d->a, "", 1) ? QX_OK : QX_E_NOMEM;
}

static qx_status resolve_name(qx__doc *d, const name_index *ix, qx__rec *r) {
    const char *t = d->text;
    qx_span tk[8];
    size_t n = name_tokens(d, &d->words, r->name, tk, 8);
    if (!n)
        return QX_OK;
    if (n == 1) {
        /* An honorific with a surname (Mrs. Smith) names one person of a
         * family: resolve it only when the document knows one full name. */
        int hon = r->role.start != QX_UNSET && r->role.end == r->name.start - 1 &&
                  honorific(t + r->role.start, r->role.end - r->role.start);
        if (hon) {
            const key *k = lookup(ix->last, ix->n_last, t + tk[0].start, tk[0].end - tk[0].start);
            /* A novel names its people as it addresses them: Miss Lavish. */
            if (k && k->count == 1 && !d->dialogue)
                return set_speaker(d, r, t + k->full.start, k->full.end - k->full.start);
            return set_speaker(d, r, t + r->role.start, r->name.end - r->role.start);
        }
        const key *k = single_key(d, ix, t + tk[0].start, tk[0].end - tk[0].start);
        if (k)
            return set_speaker(d, r, t + k->full.start, k->full.end - k->full.start);
        /* "said the President": a title alone is a description of someone,
         * not a name, and keeps its article. */
        size_t b = tk[0].start;
        if (b >= 4 && (t[b - 4] | 32) == 't' && t[b - 3] == 'h' && t[b - 2] == 'e' &&
            (t[b - 1] == ' ' || t[b - 1] == '\n') && (b == 4 || ((t[b - 5] | 32) < 'a' || (t[b - 5] | 32) > 'z')) &&
            qx__words_has(&d->ex->lex.titles, t + b, tk[0].end - b))
            return set_speaker(d, r, t + b - 4, tk[0].end - (b - 4));
    }
    return set_speaker(d, r, t + tk[0].start, tk[n - 1].end - tk[0].start);
}

/* A name of an organisation ("Democratic Party", "Trump Organization"):
 * it is one, or its last word ends one. No "he" or "she" goes back to it. */
static int org_words(const qx__doc *d, const char *s, size_t n) {
    size_t b = n;
    while (b > 0 && s[b - 1] != ' ')
        b--;
    return qx__words_has(&d->ex->lex.orgs, s, n) || qx__words_has(&d->ex->lex.orgs, s + b, n - b);
}

static int org_name(const qx__doc *d, qx_span s) {
    return org_words(d, d->text + s.start, s.end - s.start);
}

static int org_speaker(const qx__doc *d, size_t off) {
    const char *sp = d->strings.data + off;
    return org_words(d, sp, strlen(sp));
}

/* How many name mentions end at or before pos (mentions are in text order). */
static size_t names_ending_by(const qx__doc *d, size_t pos) {
    size_t lo = 0, hi = d->names->len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (QX__AT(*d->names, qx__mention, mid).span.end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The most recent name of the pronoun's gender told by the narration (not
 * inside a quotation) before the quote, within a few paragraphs. */
static const qx__mention *antecedent(const qx__doc *d, const qx__rec *r, char gender, size_t paras) {
    size_t pos = qx__rec_start(d, r);
    if (r->mention.start < pos)
        pos = r->mention.start;
    size_t lo = names_ending_by(d, pos);
    size_t floor_para = r->para >= paras ? r->para - paras : 0;
    size_t floor_pos = QX__AT(*d->paras, qx__para, floor_para).start;
    const qx__mention *unknown = NULL; /* a name of no known gender nearby */
    /* News names its speaker in full once, often with nothing after it to
     * tell a gender: the paragraph before counts too. */
    size_t para_pos = QX__AT(*d->paras, qx__para, !d->dialogue && r->para > 0 ? r->para - 1 : r->para).start;
    for (size_t i = lo; i-- > 0;) {
        const qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        if (m->span.start < floor_pos || lo - i > QX__BACK_LIMIT)
            break;
        if (!m->quoted && m->gender == gender)
            return m;
        if (!unknown && !m->quoted && !m->gender && !m->place && m->span.start >= para_pos &&
            m->full.end > m->full.start && memchr(d->text + m->full.start, ' ', m->full.end - m->full.start) &&
            !org_name(d, m->full))
            unknown = m;
    }
    return unknown;
}


/* How far back a novel's pronoun may look when nothing nearer fits. */
#define QX__FAR_PARAS 40

static int word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c >= 0x80;
}

/* A determiner that opens a description: "a girl", "the old man". */

/* The start of "DET [word]{0,3}" ending just before head_start, or QX_UNSET:
 * the description a gendered noun heads, on one line, without punctuation. */
static size_t description_start(const char *t, size_t lo, size_t head_start) {
    size_t e = head_start;
    for (int words = 0; words < 4; words++) {
        if (e == lo || t[e - 1] != ' ')
            return QX_UNSET;
        size_t we = e - 1, wb = we;
        while (wb > lo && word_byte((unsigned char)t[wb - 1]))
            wb--;
        if (wb == we)
            return QX_UNSET;
        if (determiner(t + wb, we - wb))
            return wb;
        if (t[wb] >= 'A' && t[wb] <= 'Z')
            return QX_UNSET; /* "Miss Ann" is a name, not a description */
        if (we - wb == 2 && !memcmp(t + wb, "of", 2))
            return QX_UNSET; /* "the kind of man" describes no one */
        e = wb;
    }
    return QX_UNSET;
}

/* Every description the narration gives with a gendered noun ("a girl",
 * "the old man"), in text order, each with the first description the text
 * gave with the same noun: that is how the reader knows the person. Built
 * once per document, and only when a pronoun needs it. */
static qx_status build_descs(qx__doc *d, name_index *ix) {
    const char *t = d->text;
    const qx__pronoun *heads[64];
    qx_span firsts[64];
    size_t n_heads = 0;
    ix->descs_built = 1;
    for (size_t i = 0; i < d->len;) {
        while (i < d->len && !word_byte((unsigned char)t[i]))
            i++;
        size_t b = i;
        if (b == d->len)
            break; /* the text may end in punctuation, and it has no terminator */
        while (i < d->len && word_byte((unsigned char)t[i]))
            i++;
        if (t[b] < 'a' || t[b] > 'z' || i - b < 3 || i - b > 12)
            continue;
        const qx__pronoun *g = qx__gender_find(&d->ex->lex, t + b, i - b);
        if (!g || g->pronoun || (g->gender != 'm' && g->gender != 'f') || inside_quote(d, b))
            continue;
        size_t ds = description_start(t, b > 256 ? b - 256 : 0, b);
        if (ds == QX_UNSET)
            continue;
        size_t h = 0;
        while (h < n_heads && heads[h] != g)
            h++;
        if (h == n_heads) {
            if (n_heads == 64)
                continue;
            heads[h] = g;
            firsts[h] = (qx_span){ds, i};
            n_heads++;
        }
        qx__desc *e = qx__vec_push(&ix->descs, d->a);
        if (!e)
            return QX_E_NOMEM;
        e->at = b;
        e->head = g;
        e->gender = g->gender;
        e->first = firsts[h];
    }
    return QX_OK;
}

/* In a novel whose person of that gender is never named nearby ("a girl
 * came in ... she said"), the nearest description with a gendered noun
 * before the quote, as the text first gave it. */
static qx_status description(qx__doc *d, name_index *ix, const qx__rec *r, char gender,
                             const qx__pronoun *head, qx_span *out) {
    *out = (qx_span){QX_UNSET, QX_UNSET};
    if (!ix->descs_built) {
        qx_status rc = build_descs(d, ix);
        if (rc != QX_OK)
            return rc;
    }
    size_t floor_para = r->para >= QX__FAR_PARAS ? r->para - QX__FAR_PARAS : 0;
    size_t lo_pos = QX__AT(*d->paras, qx__para, floor_para).start;
    size_t pos = qx__rec_start(d, r);
    size_t lo = 0, hi = ix->descs.len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (QX__AT(ix->descs, qx__desc, mid).at < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0;) {
        const qx__desc *e = &QX__AT(ix->descs, qx__desc, i);
        if (e->at < lo_pos || lo - i > QX__BACK_LIMIT)
            break;
        if (head ? e->head == head : e->gender == gender) {
            *out = e->first;
            break;
        }
    }
    return QX_OK;
}

static qx_status resolve_gendered(qx__doc *d, name_index *ix, size_t k, qx__rec *r, char gender);
static const qx__mention *addressee_before(const qx__doc *d, size_t k);

static qx_status resolve_pronoun(qx__doc *d, name_index *ix, size_t k, qx__rec *r) {
    const char *t = d->text;
    const qx__pronoun *p = qx__pronoun_find(&d->ex->lex, t + r->mention.start, r->mention.end - r->mention.start);
    if ((d->ex->flags & QX_FLAG_KEEP_PRONOUNS) || !p || (p->gender != 'm' && p->gender != 'f'))
        return set_speaker(d, r, t + r->mention.start, r->mention.end - r->mention.start);
    qx_status rc = resolve_gendered(d, ix, k, r, p->gender);
    if (rc == QX_OK && r->speaker_off == QX_UNSET)
        rc = set_speaker(d, r, t + r->mention.start, r->mention.end - r->mention.start);
    return rc;
}

/* Does a role phrase join mention o to the name after it, so that o only
 * qualifies that name: "Trump campaign chairman Paul Manafort"? True when
 * one to four lower-case words, the last a role noun, lead from o's end to
 * a name mention. */
static int qualifies(const qx__doc *d, const qx__mention *o, size_t next_start) {
    const char *t = d->text;
    size_t i = o->span.end;
    for (int words = 0; i < next_start && words < 4; words++) {
        if (t[i] != ' ')
            return 0;
        size_t w = ++i;
        while (i < next_start && t[i] >= 'a' && t[i] <= 'z')
            i++;
        if (i == w)
            return 0;
        if (t[i] == ' ' && i + 1 == next_start)
            return role_word(d, t + w, i - w);
    }
    return 0;
}

/* Is m the subject of its sentence in the narration: opening it, after one
 * opening word ("But Clinton said"), after an opener closed by a comma
 * ("On Monday, Clinton bashed") or after a name and role that qualify it
 * ("Clinton spokesman Brian Fallon"); followed by a verb or an appositive
 * rather than a possessive or a role phrase? A sentence that opens with a
 * quotation or with another name has that as its subject. */
static int sentence_subject(const qx__doc *d, size_t i) {
    const char *t = d->text;
    const qx__mention *m = &QX__AT(*d->names, qx__mention, i);
    const qx__mention *prev = i > 0 ? m - 1 : NULL, *next = i + 1 < d->names->len ? m + 1 : NULL;
    if (next && qualifies(d, m, next->span.start))
        return 0;
    qx_span s = QX__AT(*d->sents, qx_span, qx__sentence_at(d, m->span.start));
    size_t b = s.start, e = m->span.start;
    while (b < e && (t[b] == ' ' || t[b] == '\n'))
        b++;
    if (prev && prev->span.start >= b && qualifies(d, prev, m->span.start))
        e = prev->span.start;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\n'))
        e--;
    if (e - b > QX__OPENER_MAX)
        return 0; /* an opener is a phrase, and the check stays linear */
    if (b < e) {
        for (size_t j = b; j < e; j++)
            if (t[j] == '"' || (unsigned char)t[j] >= 0x80 || t[j] == '\'')
                return 0;
        if (t[e - 1] == ',') {
            for (size_t j = i; j-- > 0;) {
                const qx__mention *o = &QX__AT(*d->names, qx__mention, j);
                if (o->span.start < b || i - j > QX__BACK_LIMIT)
                    break;
                if (o->span.start == b)
                    return 0;
            }
        } else {
            const qx__pronoun *g = qx__gender_find(&d->ex->lex, t + b, e - b);
            if (t[b] < 'A' || t[b] > 'Z' || determiner(t + b, e - b) ||
                qx__pronoun_find(&d->ex->lex, t + b, e - b) || (g && g->pronoun))
                return 0; /* "The Murdoch outlets", "His Catholic faith" */
            for (size_t j = b; j < e; j++)
                if (!((t[j] | 0x20) >= 'a' && (t[j] | 0x20) <= 'z'))
                    return 0;
        }
    }
    size_t a = m->span.end;
    if (a < d->len && t[a] == ',')
        return 1;
    if (!(a + 1 < d->len && t[a] == ' ' && t[a + 1] >= 'a' && t[a + 1] <= 'z'))
        return 0;
    size_t w = a + 1;
    while (w < d->len && t[w] >= 'a' && t[w] <= 'z')
        w++;
    return !role_word(d, t + a + 1, w - a - 1); /* "One California delegate said" */
}

/* Does mention m end in the last word of the name s ("Mr. Graham" and
 * "Lindsey Graham")? The speaker string is the fuller form then. */
static int same_surname(const qx__doc *d, const qx__mention *m, const char *s) {
    size_t n = strlen(s), b = n;
    while (b > 0 && s[b - 1] != ' ')
        b--;
    size_t e = m->span.end, mb = e;
    while (mb > m->span.start && d->text[mb - 1] != ' ' && d->text[mb - 1] != '\n')
        mb--;
    return n > b && e - mb == n - b && !memcmp(d->text + mb, s + b, n - b);
}

/* Is pos inside the clause an indirect record before record k reports
 * ("Cruz will have a harder time, Henson said")? */
static int reported(const qx__doc *d, size_t k, size_t pos) {
    for (size_t j = k; j-- > 0 && k - j <= QX__BACK_LIMIT;) {
        const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
        if (q->kind != QX_KIND_INDIRECT)
            continue;
        if (q->content.end <= pos)
            return 0; /* text order: the earlier ones end before it too */
        if (q->content.start <= pos)
            return 1;
    }
    return 0;
}

/* The latest subject name of that gender in the narration of r's paragraph
 * or the one before, ahead of r. */
static const qx__mention *last_subject(const qx__doc *d, size_t k, const qx__rec *r, char gender) {
    size_t pos = qx__rec_start(d, r);
    if (r->mention.start < pos)
        pos = r->mention.start;
    size_t floor_pos = QX__AT(*d->paras, qx__para, r->para > 0 ? r->para - 1 : 0).start;
    size_t sent_start = 0, b = r->mention.start;
    int comma_cue = 0;
    if (r->mention.start != QX_UNSET) {
        sent_start = QX__AT(*d->sents, qx_span, qx__sentence_at(d, r->mention.start)).start;
        while (b > sent_start && d->text[b - 1] == ' ')
            b--;
        comma_cue = b > sent_start && d->text[b - 1] == ',';
    }
    size_t lo = names_ending_by(d, pos);
    for (size_t i = lo; i-- > 0;) {
        const qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        if (m->span.start < floor_pos || lo - i > QX__BACK_LIMIT)
            break;
        /* "South Carolina, he said, was ...", "The plan will fail, he said":
         * a name before ", he said" in its sentence is the reported clause's. */
        if (comma_cue && m->span.start >= sent_start)
            continue;
        if (m->quoted || m->place || reported(d, k, m->span.start) || !sentence_subject(d, i))
            continue;
        if (m->gender == gender)
            return m;
        if (!m->gender)
            return NULL; /* a subject the text gives no gender: it may be the one */
    }
    return NULL;
}

/* How many people sharing one surname gendered_full looks through. */
#define QX__SURNAME_PEOPLE 16

/* The (surname, full name) pairs of the names written in several tokens,
 * sorted and distinct; built once, when a pronoun first lands on a lone
 * surname. */
static qx_status build_pairs(qx__doc *d, name_index *ix) {
    const char *t = d->text;
    size_t n = d->names->len;
    ix->pairs_built = 1;
    /* One pair per person, not per mention: a long text names the same
     * people over and over, and this index must not grow with that. */
    unsigned char *seen = ix->ent_cap ? qx__malloc(d->a, ix->ent_cap) : NULL;
    if (ix->ent_cap && !seen)
        return QX_E_NOMEM;
    if (seen)
        memset(seen, 0, ix->ent_cap);
    qx__vec v;
    qx__vec_init(&v, sizeof(key));
    for (size_t i = 0; i < n; i++) {
        const qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        size_t h = entity_slot(ix, m->entity);
        if (h == SIZE_MAX || seen[h])
            continue;
        seen[h] = 1;
        /* as build_index keys them: name tokens, titles left out */
        qx_span tk[8];
        size_t nt = name_tokens(d, &d->words, m->full, tk, 8);
        if (nt < 2)
            continue;
        qx_span last = tk[nt - 1];
        key *k = qx__vec_push(&v, d->a);
        if (!k) {
            qx__free(d->a, seen);
            qx__vec_free(&v, d->a);
            return QX_E_NOMEM;
        }
        *k = (key){t + last.start, last.end - last.start, {tk[0].start, last.end}, 1, 1, 0, 0, 0};
    }
    qx__free(d->a, seen);
    key *tmp = qx__malloc(d->a, (v.len ? v.len : 1) * sizeof *tmp);
    if (!tmp) {
        qx__vec_free(&v, d->a);
        return QX_E_NOMEM;
    }
    ix->pairs = v.data;
    sort_keys(ix->pairs, tmp, v.len, t);
    qx__free(d->a, tmp);
    size_t o = 0;
    for (size_t i = 0; i < v.len; i++)
        if (!o || key_full_cmp(&ix->pairs[o - 1], &ix->pairs[i], t) != 0)
            ix->pairs[o++] = ix->pairs[i];
    ix->n_pairs = o;
    return QX_OK;
}

/* The full name of a mention that is a surname several people share
 * ("Denham": Ralph Denham, Joan Denham) when only one of them has the
 * gender a pronoun asks for; else the mention's own full name. */
static qx_span gendered_full(qx__doc *d, name_index *ix, const qx__mention *m, char gender, qx_status *rc) {
    const char *t = d->text;
    qx_span full = m->full;
    if (!gender || memchr(t + full.start, ' ', full.end - full.start))
        return full;
    if (!ix->pairs_built && (*rc = build_pairs(d, ix)) != QX_OK)
        return full;
    key probe = {t + full.start, full.end - full.start, {0, 0}, 0, 0, 0, 0, 0};
    size_t lo = 0, hi = ix->n_pairs;
    while (lo < hi) { /* the first pair of that surname */
        size_t mid = (lo + hi) / 2;
        if (key_cmp(&ix->pairs[mid], &probe) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    qx_span found = full;
    int n_found = 0;
    for (size_t i = lo; i < ix->n_pairs && i - lo < QX__SURNAME_PEOPLE; i++) {
        if (key_cmp(&ix->pairs[i], &probe) != 0)
            break;
        qx_span f = ix->pairs[i].full;
        if (entity_gender(ix, text_hash(t + f.start, f.end - f.start)) != gender)
            continue;
        if (n_found++)
            return full; /* two of that gender: the surname alone stays */
        found = f;
    }
    return found;
}

static qx_status set_mention_speaker(qx__doc *d, name_index *ix, qx__rec *r, const qx__mention *m,
                                     char gender) {
    qx_status rc = QX_OK;
    qx_span f = gendered_full(d, ix, m, gender, &rc);
    return rc != QX_OK ? rc : set_speaker(d, r, d->text + f.start, f.end - f.start);
}

/* The person a pronoun or gendered description of that gender stands for;
 * leaves speaker_off unset when nobody fits. */
static qx_status gendered_choice(qx__doc *d, name_index *ix, size_t k, qx__rec *r, char gender) {
    const char *t = d->text;
    if (d->dialogue) {
        /* "Brenda, you aren't angry?" -- "No," she said. */
        const qx__mention *m = addressee_before(d, k);
        if (m && entity_gender(ix, m->entity) == gender)
            return set_mention_speaker(d, ix, r, m, gender);
    }
    if (r->turn_hint > 0) {
        /* In a conversation "he said" is mostly the other of the two
         * speakers: A, B, then A again. */
        const qx__rec *q = &QX__AT(d->recs, qx__rec, (size_t)(r->turn_hint - 1));
        if (q->speaker_off != QX_UNSET && (!q->is_pronoun || d->dialogue)) {
            char g = speaker_gender(d, ix, q->speaker_off);
            if (g == gender || (!g && !d->dialogue && !org_speaker(d, q->speaker_off))) {
                r->speaker_off = q->speaker_off;
                return QX_OK;
            }
        }
    }
    if (d->dialogue) {
        /* In a novel "he said" after narration is the man the narration
         * was about. */
        const qx__mention *m = last_subject(d, k, r, gender);
        if (!m)
            m = antecedent(d, r, gender, 6);
        if (m && m->gender == gender)
            return set_mention_speaker(d, ix, r, m, gender);
    }
    /* The last named speaker of that gender first (news: "he said" goes
     * on with the person quoted), then the last such name in the narration. */
    const qx__mention *subj = d->dialogue ? NULL : last_subject(d, k, r, gender);
    for (size_t j = k; j-- > 0;) {
        const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
        if (q->para + 4 < r->para || k - j > QX__BACK_LIMIT)
            break;
        if (q->is_pronoun || q->is_desc || q->name.start == QX_UNSET || q->speaker_off == QX_UNSET)
            continue;
        if (q->inherit >= 0)
            continue;
        char g = speaker_gender(d, ix, q->speaker_off);
        if ((g && g != gender) || (!g && org_speaker(d, q->speaker_off)))
            continue;
        if (strstr(d->strings.data + q->speaker_off, " and "))
            continue; /* "Dunn and John said": two people are no "he" */
        if (q->mention.start != QX_UNSET && after_place_word(d->text, q->mention.start))
            continue; /* "a forum in Virginia, one questioner claimed": a place a rule took */
        if (subj && subj->span.start > qx__rec_start(d, q) &&
            !same_surname(d, subj, d->strings.data + q->speaker_off))
            break; /* someone else the narration made its subject since */
        r->speaker_off = q->speaker_off; /* shared: the arena may move on append */
        return QX_OK;
    }
    if (subj)
        return set_mention_speaker(d, ix, r, subj, gender);
    const qx__mention *m = antecedent(d, r, gender, 6);
    if (m)
        return set_mention_speaker(d, ix, r, m, gender);
    if (!d->dialogue)
        return QX_OK;
    /* A long conversation in a novel outruns the windows above: the last
     * speaker of that gender, however found, then the last such name. */
    for (size_t j = k; j-- > 0;) {
        const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
        if (q->para + QX__FAR_PARAS < r->para || k - j > QX__BACK_LIMIT)
            break;
        if (q->speaker_off == QX_UNSET)
            continue;
        if (speaker_gender(d, ix, q->speaker_off) == gender) {
            r->speaker_off = q->speaker_off;
            return QX_OK;
        }
    }
    m = antecedent(d, r, gender, QX__FAR_PARAS);
    if (m && m->gender == gender)
        return set_mention_speaker(d, ix, r, m, gender);
    qx_span desc;
    qx_status rc = description(d, ix, r, gender, NULL, &desc);
    if (rc != QX_OK || desc.start != QX_UNSET)
        return rc != QX_OK ? rc : set_speaker(d, r, t + desc.start, desc.end - desc.start);
    if (r->turn_hint > 0) {
        /* Nothing of that gender is known: the other of the conversation,
         * if the text never gave them the other gender. */
        const qx__rec *q = &QX__AT(d->recs, qx__rec, (size_t)(r->turn_hint - 1));
        if (q->speaker_off != QX_UNSET) {
            const char *sp = d->strings.data + q->speaker_off;
            if (!speaker_gender(d, ix, q->speaker_off) && !qx__pronoun_find(&d->ex->lex, sp, strlen(sp))) {
                r->speaker_off = q->speaker_off;
                return QX_OK;
            }
        }
    }
    return QX_OK;
}

/* The length of "the " or "The " opening a description, or 0. */
static size_t definite_article(const char *s, size_t n) {
    return n > 4 && (!memcmp(s, "the ", 4) || !memcmp(s, "The ", 4)) ? 4 : 0;
}

/* A description that opens with "a" or "an": a person not yet named. */
static int indefinite(const char *t, qx_span desc) {
    size_t e = desc.start;
    while (e < desc.end && t[e] != ' ')
        e++;
    return e < desc.end && (t[desc.start] | 32) == 'a' && determiner(t + desc.start, e - desc.start);
}

/* "his father", "her mother": the parent or spouse of the one the
 * possessive stands for is Mr. or Mrs. and that person's surname. Leaves
 * speaker_off unset when the text does not tell. */
static qx_status resolve_kin(qx__doc *d, name_index *ix, size_t k, qx__rec *r, const char *s, size_t n) {
    static const struct {
        const char *word, *title;
    } kin[] = {{"father", "Mr. "}, {"mother", "Mrs. "}, {"husband", "Mr. "}, {"wife", "Mrs. "}};
    char owner;
    size_t w;
    if (n > 4 && !memcmp(s, "his ", 4))
        owner = 'm', w = 4;
    else if (n > 4 && !memcmp(s, "her ", 4))
        owner = 'f', w = 4;
    else
        return QX_OK;
    const char *title = NULL;
    for (size_t i = 0; i < sizeof kin / sizeof kin[0] && !title; i++)
        if (strlen(kin[i].word) == n - w && !memcmp(s + w, kin[i].word, n - w))
            title = kin[i].title;
    if (!title)
        return QX_OK;
    qx_status rc = resolve_gendered(d, ix, k, r, owner);
    if (rc != QX_OK)
        return rc;
    const char *who = r->speaker_off != QX_UNSET ? d->strings.data + r->speaker_off : "";
    r->speaker_off = QX_UNSET;
    const char *sp = strrchr(who, ' ');
    if (!sp || sp[1] < 'A' || sp[1] > 'Z') /* no surname to give: not the owner either */
        return set_speaker(d, r, s, n);
    char buf[96];
    size_t tl = strlen(title), sl = strlen(sp + 1);
    if (tl + sl > sizeof buf)
        return QX_OK;
    memcpy(buf, title, tl);
    memcpy(buf + tl, sp + 1, sl);
    return set_speaker(d, r, buf, tl + sl);
}

/* "the doctor" or "the count" in a novel with one Dr. Lal or one Count
 * Mippipopolous: that person. The noun is the title itself, or "doctor"
 * for "Dr."; NULL when no one or several people carry the title. */
static const qx__mention *titled_one(const qx__doc *d, const char *s, size_t n) {
    if (n < 6 || memcmp(s, "the ", 4) != 0)
        return NULL;
    const char *w = s + 4;
    size_t wn = n - 4;
    for (size_t i = 0; i < wn; i++)
        if (!qx__is_lower((unsigned char)w[i]))
            return NULL;
    /* Forms of address say "a woman of rank", not which one. */
    static const char *const generic[] = {"lady", "lord", "sir", "madam", "master", "mistress", "dame", NULL};
    if (qx__word_in(w, wn, generic))
        return NULL;
    int doctor = wn == 6 && !memcmp(w, "doctor", 6);
    const qx__mention *one = NULL;
    for (size_t i = 0; i < d->names->len; i++) {
        const qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        const char *t = d->text + m->span.start;
        size_t len = m->span.end - m->span.start;
        int hit = (len > wn + 1 && (t[0] | 0x20) == w[0] && !memcmp(t + 1, w + 1, wn - 1) && t[wn] == ' ') ||
                  (doctor && len > 4 && (!memcmp(t, "Dr. ", 4) || !memcmp(t, "Dr ", 3)));
        if (!hit || m->quoted)
            continue;
        if (one && one->entity != m->entity)
            return NULL;
        one = m;
    }
    return one;
}

static qx_status resolve_desc(qx__doc *d, name_index *ix, size_t k, qx__rec *r) {
    const char *s = d->text + r->mention.start;
    size_t n = r->mention.end - r->mention.start;
    if (d->dialogue && !(d->ex->flags & QX_FLAG_KEEP_PRONOUNS)) {
        qx_status rk = resolve_kin(d, ix, k, r, s, n);
        if (rk != QX_OK || r->speaker_off != QX_UNSET)
            return rk;
        const qx__mention *titled = titled_one(d, s, n);
        if (titled)
            return set_speaker(d, r, d->text + titled->full.start, titled->full.end - titled->full.start);
        /* "said the other": the other of the two who take turns. */
        if (n == 9 && !memcmp(s, "the other", 9) && r->turn_hint > 0) {
            const qx__rec *q = &QX__AT(d->recs, qx__rec, (size_t)(r->turn_hint - 1));
            if (q->speaker_off != QX_UNSET) {
                r->speaker_off = q->speaker_off;
                return QX_OK;
            }
        }
        /* "said the old lady" in a novel is one of its women: resolved like
         * "she", by the gender its last word tells. */
        const qx__pronoun *g = head_noun(d, s, n);
        if (g && definite_article(s, n)) {
            /* "the man" after "a white man came in": the man the text
             * introduced, not yet named. */
            qx_span first;
            qx_status rc = description(d, ix, r, g->gender, g, &first);
            if (rc != QX_OK)
                return rc;
            if (first.start != QX_UNSET && indefinite(d->text, first))
                return set_speaker(d, r, d->text + first.start, first.end - first.start);
        }
        if (g) {
            qx_status rc = resolve_gendered(d, ix, k, r, g->gender);
            if (rc != QX_OK || r->speaker_off != QX_UNSET)
                return rc;
        }
    }
    /* Kept as written: "the doctor" is a description of someone, while
     * "doctor" alone reads as a title without its name. A capital that
     * only opens the sentence goes: "The senator said" gives "the senator". */
    qx_status rc = set_speaker(d, r, s, n);
    if (rc == QX_OK && r->speaker_off != QX_UNSET && definite_article(s, n) && s[0] == 'T')
        d->strings.data[r->speaker_off] = 't';
    return rc;
}

static const qx__mention *addressee(const qx__doc *d, size_t j);

/* "It seems to me, Griffin," he said: whoever "he" is, not Griffin. When
 * the choice is the one the quote itself speaks to, the last other speaker
 * or named person of that gender within reach takes it. */
static qx_status resolve_gendered(qx__doc *d, name_index *ix, size_t k, qx__rec *r, char gender) {
    qx_status rc = gendered_choice(d, ix, k, r, gender);
    const qx__mention *to = d->dialogue && rc == QX_OK && r->speaker_off != QX_UNSET ? addressee(d, k) : NULL;
    if (!to)
        return rc;
    if (speaker_entity(d, r->speaker_off) != to->entity)
        return QX_OK;
    r->speaker_off = QX_UNSET;
    for (size_t j = k; j-- > 0;) {
        const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
        if (q->para + 12 < r->para || k - j > QX__BACK_LIMIT)
            break;
        if (q->speaker_off == QX_UNSET || speaker_gender(d, ix, q->speaker_off) != gender)
            continue;
        if (speaker_entity(d, q->speaker_off) != to->entity) {
            r->speaker_off = q->speaker_off;
            return QX_OK;
        }
    }
    return QX_OK;
}

static int is_first_person(const qx__doc *d, const qx__rec *r) {
    return r->is_pronoun && r->mention.end == r->mention.start + 1 && d->text[r->mention.start] == 'I';
}

/* A name said to someone inside a quote: "I say, Jake," or "Jake!" */
static int vocative(const qx__doc *d, const qx__mention *m) {
    const char *t = d->text;
    size_t b = m->span.start, e = m->span.end;
    while (b > 0 && t[b - 1] == ' ')
        b--;
    int comma = b > 0 && t[b - 1] == ',';
    int before = b == 0 || comma || t[b - 1] == '"' || (unsigned char)t[b - 1] == 0x9C;
    int after = e < d->len && (strchr(",!?", t[e]) || (comma && t[e] == '.'));
    return before && after;
}

/* "So, I called myself Pip", "my name is Ishmael": the name the narration
 * gives the one who tells it, the first such in the text; an unset span
 * when there is none. Inside a quote these name the speaker, not the
 * narrator. */
static qx_span self_named(const qx__doc *d) {
    static const char *const says[] = {"I called myself ", "my name is ", "My name is ", "my name was ",
                                       "My name was ", "Call me ", NULL};
    const char *t = d->text;
    for (size_t i = 0; i < d->names->len; i++) {
        const qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        if (m->quoted)
            continue;
        for (int k = 0; says[k]; k++) {
            size_t n = strlen(says[k]);
            if (m->span.start >= n && !memcmp(t + m->span.start - n, says[k], n))
                return m->full;
        }
    }
    return (qx_span){QX_UNSET, QX_UNSET};
}

/* A first-person narrator is named by the others when they speak to them:
 * the name said in the turn before or after an "I said" turn. Returns the
 * narrator's full name, or an unset span when the text does not tell. */
static qx_span narrator(const qx__doc *d, const name_index *ix) {
    qx_span none = {QX_UNSET, QX_UNSET};
    size_t n = d->recs.len, first_person = 0;
    for (size_t k = 0; k < n; k++)
        first_person += is_first_person(d, &QX__AT(d->recs, qx__rec, k));
    if (first_person < 5)
        return none;
    qx_span best_full = none;
    int best_votes = 0;
    size_t mi = 0, nm = d->names->len;
    /* Votes are few: a small table of (entity, votes) searched linearly. */
    uint64_t ent[32];
    int votes[32];
    qx_span full[32];
    size_t ne = 0;
    for (size_t k = 0; k < n; k++) {
        const qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->kind == QX_KIND_INDIRECT || is_first_person(d, r))
            continue; /* the narrator's own words name the others */
        size_t s = QX__AT(*d->cands, qx__cand, r->first).inner_start;
        size_t e = QX__AT(*d->cands, qx__cand, r->last).inner_end;
        while (mi < nm && QX__AT(*d->names, qx__mention, mi).span.start < s)
            mi++;
        for (size_t j = mi; j < nm && QX__AT(*d->names, qx__mention, j).span.start < e; j++) {
            const qx__mention *m = &QX__AT(*d->names, qx__mention, j);
            if (!m->quoted || !vocative(d, m))
                continue;
            int hit = (k + 1 < n && is_first_person(d, &QX__AT(d->recs, qx__rec, k + 1))) ||
                      (k > 0 && is_first_person(d, &QX__AT(d->recs, qx__rec, k - 1)));
            if (!hit)
                continue;
            size_t i = 0;
            while (i < ne && ent[i] != m->entity)
                i++;
            if (i == ne) {
                if (ne == 32)
                    continue;
                ent[ne] = m->entity;
                votes[ne] = 0;
                full[ne] = m->full;
                ne++;
            }
            if (++votes[i] > best_votes) {
                best_votes = votes[i];
                best_full = full[i];
            }
        }
    }
    QX__UNUSED(ix);
    return best_votes >= 3 ? best_full : self_named(d);
}

/* A name the turn of record j says to someone ("Brenda, you aren't
 * angry?"), or NULL. */
static const qx__mention *addressee(const qx__doc *d, size_t j) {
    const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
    if (q->kind == QX_KIND_INDIRECT)
        return NULL;
    size_t s = QX__AT(*d->cands, qx__cand, q->first).inner_start;
    size_t e = QX__AT(*d->cands, qx__cand, q->last).inner_end;
    size_t lo = 0, hi = d->names->len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (QX__AT(*d->names, qx__mention, mid).span.start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < d->names->len; i++) {
        const qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        if (m->span.start >= e)
            break;
        if (m->quoted && vocative(d, m))
            return m;
    }
    return NULL;
}

/* Whom the turn in the paragraph just before record k's speaks to: the
 * one answering now. */
static const qx__mention *addressee_before(const qx__doc *d, size_t k) {
    if (k == 0 || QX__AT(d->recs, qx__rec, k - 1).para + 1 != QX__AT(d->recs, qx__rec, k).para)
        return NULL;
    return addressee(d, k - 1);
}

/* Whom the turn in the paragraph just after record k's speaks to: the one
 * who was talking. */
static const qx__mention *addressee_after(const qx__doc *d, size_t k) {
    if (k + 1 >= d->recs.len || QX__AT(d->recs, qx__rec, k + 1).para != QX__AT(d->recs, qx__rec, k).para + 1)
        return NULL;
    return addressee(d, k + 1);
}

static qx_status answer(qx__doc *d, qx__rec *r, const qx__mention *m) {
    r->rule_name = "discourse.addressed";
    r->confidence = 0.5;
    return set_speaker(d, r, d->text + m->full.start, m->full.end - m->full.start);
}

static void index_free(qx__doc *d, name_index *ix) {
    qx__free(d->a, ix->pairs);
    qx__free(d->a, ix->last);
    qx__free(d->a, ix->first);
    qx__free(d->a, ix->ent_keys);
    qx__free(d->a, ix->ent_votes);
    qx__vec_free(&ix->descs, d->a);
}

static void take_inherited(qx__doc *d, qx__rec *r) {
    const qx__rec *src = &QX__AT(d->recs, qx__rec, r->inherit);
    r->mention = src->mention;
    r->relative = src->relative;
    r->name = src->name;
    r->is_pronoun = src->is_pronoun;
    if (src->speaker_off != QX_UNSET)
        r->speaker_off = src->speaker_off;
}

/* The speaker string of the turn in the paragraph `step` away from record
 * k's (-1 before, +1 after), hashed; 0 when that turn has none. */
static uint64_t turn_speaker(const qx__doc *d, size_t k, int step) {
    const qx__rec *r = &QX__AT(d->recs, qx__rec, k);
    for (size_t j = k; step < 0 ? j-- > 0 : ++j < d->recs.len;) {
        const qx__rec *q = &QX__AT(d->recs, qx__rec, j);
        if (q->kind == QX_KIND_INDIRECT || q->para == r->para)
            continue;
        if (q->para != (size_t)((long)r->para + step) || q->speaker_off == QX_UNSET)
            return 0;
        return speaker_entity(d, q->speaker_off);
    }
    return 0;
}

/* The nearest person the narration names before record k, from floor on,
 * who is neither entity a nor entity b (entities are never 0), and with
 * subject set the subject of a sentence ("Clinton came under fire from
 * Republicans over her claim that \"...\""); NULL when there is none. */
static const qx__mention *named_before(const qx__doc *d, size_t k, size_t floor, uint64_t a, uint64_t b,
                                       int subject) {
    size_t lo = names_ending_by(d, qx__rec_start(d, &QX__AT(d->recs, qx__rec, k)));
    for (size_t i = lo; i-- > 0;) {
        const qx__mention *m = &QX__AT(*d->names, qx__mention, i);
        if (m->span.start < floor || lo - i > QX__BACK_LIMIT)
            break;
        if (m->quoted || m->place || !m->gender || m->entity == a || m->entity == b)
            continue;
        if (!subject || (!reported(d, k, m->span.start) && sentence_subject(d, i)))
            return m;
    }
    return NULL;
}

/* A turn of a conversation still without a speaker: of the people the
 * narration named in the paragraphs before, the nearest who spoke neither
 * the turn before nor the turn after (two people take turns, and the one
 * the cues never name is often named in the narration around them). */
static qx_status fill_open_turn(qx__doc *d, size_t k) {
    qx__rec *r = &QX__AT(d->recs, qx__rec, k);
    uint64_t before = turn_speaker(d, k, -1), after = turn_speaker(d, k, +1);
    size_t floor = QX__AT(*d->paras, qx__para, r->para > 20 ? r->para - 20 : 0).start;
    const qx__mention *m = named_before(d, k, floor, before, after, 0);
    if (!m)
        return QX_OK;
    r->rule_name = "discourse.other_named";
    r->confidence = 0.3;
    return set_speaker(d, r, d->text + m->full.start, m->full.end - m->full.start);
}

/* A quote inside narration or news copy that no rule attributes ("Mr.
 * Letterblair's eyebrows went up. “My dear sir ...”"): the person the
 * paragraph last named before it. */
static qx_status narration_named(qx__doc *d, size_t k) {
    qx__rec *r = &QX__AT(d->recs, qx__rec, k);
    const qx__para *p = &QX__AT(*d->paras, qx__para, r->para);
    size_t floor = p->start;
    /* A quote that opens its paragraph goes on from the paragraph before
     * ("... since Trump spoke only in bromides.\n\n“We have to ...”"). */
    if (!d->dialogue && r->para > 0 && qx__rec_start(d, r) <= p->start + 4)
        floor = QX__AT(*d->paras, qx__para, r->para - 1).start;
    /* A fragment of a few words inside narration ("she blamed it on “a
     * disturbed person”") is its own sentence's subject's, or nobody's. */
    int fragment = 0;
    if (!d->dialogue && r->first != QX_UNSET) {
        const qx__cand *c = &QX__AT(*d->cands, qx__cand, r->first);
        fragment = c->open > p->start + 4 && qx__count_words(d->text, c->inner_start,
                                                             QX__AT(*d->cands, qx__cand, r->last).inner_end, 4) < 4;
        if (fragment)
            floor = QX__AT(*d->sents, qx_span, qx__sentence_at(d, c->open)).start;
    }
    /* News: the last one it made a subject, before the last one it named. */
    const qx__mention *m = d->dialogue ? NULL : named_before(d, k, floor, 0, 0, 1);
    if (!m && !fragment)
        m = named_before(d, k, floor, 0, 0, 0);
    if (!m)
        return QX_OK;
    r->rule_name = "discourse.narration_named";
    r->confidence = 0.45; /* right for 55% of the dev novels' quotes it takes */
    return set_speaker(d, r, d->text + m->full.start, m->full.end - m->full.start);
}

/* A counted turn that speaks to the one counting gave it ("Jock, you
 * aren't low?" counted as Jock's): it is the previous turn's speaker
 * going on. */
static void not_to_self(qx__doc *d, size_t k, qx__rec *r) {
    const qx__mention *to = addressee(d, k);
    if (!to || r->speaker_off == QX_UNSET || k == 0)
        return;
    if (speaker_entity(d, r->speaker_off) != to->entity)
        return;
    const qx__rec *q = &QX__AT(d->recs, qx__rec, k - 1);
    if (q->para + 1 != r->para || q->speaker_off == QX_UNSET)
        return;
    if (speaker_entity(d, q->speaker_off) != to->entity)
        r->speaker_off = q->speaker_off;
}

qx_status qx__resolve_speakers(qx__doc *d) {
    name_index ix;
    qx_status rc = build_index(d, &ix);
    if (rc == QX_OK)
        rc = mention_genders(d, &ix);
    if (rc != QX_OK) { /* build_index zeroes ix first, so every pointer is owned or NULL */
        index_free(d, &ix);
        return rc;
    }
    for (size_t k = 0; k < d->recs.len && rc == QX_OK; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->inherit >= 0) {
            /* A name said in the turn just before outweighs counting turns. */
            const qx__mention *m = d->dialogue && r->rule_name &&
                                           !strcmp(r->rule_name, "discourse.dialogue_turn")
                                       ? addressee_before(d, k)
                                       : NULL;
            if (m) {
                r->inherit = -1;
                r->flags &= ~QX_QUOTE_INHERITED;
                rc = answer(d, r, m);
                continue;
            }
            if ((size_t)r->inherit < k) {
                take_inherited(d, r);
                if (d->dialogue && r->rule_name && !strcmp(r->rule_name, "discourse.dialogue_turn"))
                    not_to_self(d, k, r);
            }
            continue;
        }
        if (r->mention.start == QX_UNSET) {
            /* A turn with nobody named: the one the turn before spoke to
             * is answering, or the one the turn after speaks to was talking. */
            if (d->dialogue && r->speech && r->speaker_off == QX_UNSET) {
                const qx__mention *m = addressee_before(d, k);
                if (!m)
                    m = addressee_after(d, k);
                if (m)
                    rc = answer(d, r, m);
            }
            continue;
        }
        if (r->is_pronoun)
            rc = resolve_pronoun(d, &ix, k, r);
        else if (r->is_desc || r->name.start == QX_UNSET)
            rc = resolve_desc(d, &ix, k, r);
        else
            rc = resolve_name(d, &ix, r);
    }
    qx_span me = rc == QX_OK ? narrator(d, &ix) : (qx_span){QX_UNSET, QX_UNSET};
    if (me.start != QX_UNSET) {
        size_t off = QX_UNSET;
        for (size_t k = 0; k < d->recs.len && rc == QX_OK; k++) {
            qx__rec *r = &QX__AT(d->recs, qx__rec, k);
            if (!is_first_person(d, r))
                continue;
            if (off == QX_UNSET) {
                rc = set_speaker(d, r, d->text + me.start, me.end - me.start);
                off = r->speaker_off;
            } else {
                r->speaker_off = off;
            }
        }
    }
    /* Dialogue read backwards takes speakers from later turns. */
    for (size_t k = d->recs.len; rc == QX_OK && k-- > 0;) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->inherit >= 0 && (size_t)r->inherit > k)
            take_inherited(d, r);
    }
    /* Turns nobody could tell, and quotes no rule could. (No turn counted
     * on them: discourse only counts from records that have a speaker.) */
    for (size_t k = 0; rc == QX_OK && k < d->recs.len; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        if (r->kind != QX_KIND_INDIRECT && r->speaker_off == QX_UNSET && r->inherit < 0 &&
            r->mention.start == QX_UNSET)
            rc = r->speech && d->dialogue ? fill_open_turn(d, k) : narration_named(d, k);
    }
    index_free(d, &ix);
    return rc;
}
