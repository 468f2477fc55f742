/* Private declarations shared by libquote's sources. Never installed. */
#ifndef QX_INTERNAL_H
#define QX_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <string.h>

#include "quoteex.h"

#define QX__UNUSED(x) ((void)(x))

/* ---- memory ---- */
void *qx__malloc(const qx_allocator *a, size_t n);
void *qx__realloc(const qx_allocator *a, void *p, size_t n);
void qx__free(const qx_allocator *a, void *p);
char *qx__strndup(const qx_allocator *a, const char *s, size_t n);
const qx_allocator *qx__default_allocator(void);

/* A growable array of fixed-size items. */
typedef struct qx__vec {
    void *data;
    size_t len, cap, item;
} qx__vec;
void qx__vec_init(qx__vec *v, size_t item);
/* Returns a pointer to a new zeroed item at the end, or NULL when out of memory. */
void *qx__vec_push(qx__vec *v, const qx_allocator *a);
int qx__vec_reserve(qx__vec *v, const qx_allocator *a, size_t n);
void qx__vec_free(qx__vec *v, const qx_allocator *a);
#define QX__AT(v, T, i) (((T *)(v).data)[i])

/* A growable byte string, always NUL-terminated when non-empty. */
typedef struct qx__buf {
    char *data;
    size_t len, cap;
} qx__buf;
int qx__buf_append(qx__buf *b, const qx_allocator *a, const char *s, size_t n);
int qx__buf_appends(qx__buf *b, const qx_allocator *a, const char *s);
void qx__buf_free(qx__buf *b, const qx_allocator *a);

/* ---- errors ---- */
qx_status qx__fail(qx_error *err, qx_status code, size_t offset, const char *fmt, ...);

/* ---- UTF-8 ---- */
/* Offset of the first invalid byte, or len when all is valid. */
size_t qx__utf8_check(const char *s, size_t len);
/* Decode the code point at s[i] (valid UTF-8); *n receives its byte length. */
uint32_t qx__utf8_at(const char *s, size_t len, size_t i, size_t *n);
/* Decode the code point ending just before s[i]; *n receives its length. */
uint32_t qx__utf8_before(const char *s, size_t i, size_t *n);
int qx__is_space(uint32_t c);
/* Bytes of the white space at t[i] (ASCII or a no-break space, which
 * news sites put between a title and a name), 0 when there is none. */
static inline size_t qx__space_at(const char *t, size_t i, size_t e) {
    if (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r')
        return 1;
    return i + 1 < e && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0 ? 2 : 0;
}
int qx__is_alnum(uint32_t c);
int qx__is_upper(uint32_t c);
int qx__is_lower(uint32_t c);
int qx__is_dash(uint32_t c);
/* Words (runs between spaces, tabs, newlines) in t[s, e), counting stops at max. */
size_t qx__count_words(const char *t, size_t s, size_t e, size_t max);
/* Is the n bytes at s exactly one of list's words (NULL-terminated)? */
int qx__word_in(const char *s, size_t n, const char *const *list);
/* Does every word of t[s, e) open with a capital or a digit, short words
 * ("of", "the") after the first excepted? Titles of works, headlines. */
int qx__title_case(const char *t, size_t s, size_t e);
/* No ASCII lower-case letter in t[s, e): a line in capitals. */
int qx__no_lower(const char *t, size_t s, size_t e);

/* ---- options ---- */
struct qx_options {
    qx_allocator alloc;
    uint32_t flags;
    size_t max_quote_len;
    uint32_t match_limit;
    uint32_t heap_limit_kib;
    qx__buf lex[QX_LEX_COUNT_]; /* lexicon texts, validated when added */
    qx__buf rules;              /* rule texts, parsed when compiled */
    qx__buf calibration;        /* confidence table, validated when set */
    double min_confidence;      /* records below it are dropped */
};

/* ---- lexicons, parsed ---- */
typedef struct qx__cue {
    char *form;  /* lower-case, single spaces */
    char *lemma; /* points into the same allocation's lemma table */
    int that;    /* may introduce a reported clause */
    int naming;  /* "called her 'Mouse'": in a novel the fragment after it is an epithet, not speech */
} qx__cue;

typedef struct qx__pronoun {
    char *word; /* lower-case */
    char gender; /* 'm', 'f', 'x' (any one person), 'p' (a group), 'n' (not a person) */
    char pronoun; /* gender lexicon: a pronoun form (his, her) rather than a title or noun */
} qx__pronoun;

#define QX__MARK_SYMMETRIC 1u /* the same mark opens and closes: pairs by context */
#define QX__MARK_SINGLE 2u    /* a single mark: needs the apostrophe guard */
typedef struct qx__mark {
    char open[8], close[8];
    uint8_t open_len, close_len;
    uint32_t flags;
} qx__mark;

typedef struct qx__words { /* a sorted list of lower-case entries */
    char **items;
    size_t n;
    /* The items as an open-addressing hash set (index + 1, 0 = empty; a
     * power of two of slots): lookups of words of the text, which are
     * frequent, probe it instead of binary-searching with strcmp. */
    uint32_t *slots;
    size_t mask;
} qx__words;

/* 8192-bit Bloom filters in front of the pronoun and gender tables: with
 * three probes a few hundred given names keep false hits near 0.3%. */
#define QX__BLOOM_WORDS 128

typedef struct qx__lexicons {
    qx__cue *cues;
    size_t n_cues; /* sorted by form */
    qx__pronoun *pronouns;
    size_t n_pronouns;
    qx__pronoun *genders; /* sorted by word */
    size_t n_genders;
    /* Bloom filters of the entries (lexicon.c): most words of a text are
     * ruled out of these tables without normalising or searching. */
    uint64_t pronoun_bloom[QX__BLOOM_WORDS], gender_bloom[QX__BLOOM_WORDS];
    /* Behind the filters, hash sets of the same tables (index + 1 of the
     * entry the binary search finds, 0 = empty), for a word without white
     * space; and each byte as those hashes read it: folded to lower case,
     * 0 for white space or NUL, which the hashed path leaves to the search. */
    uint32_t *pronoun_slots, *gender_slots;
    size_t pronoun_mask, gender_mask;
    uint8_t hash_byte[256];
    qx__mark *marks;
    size_t n_marks;
    uint8_t mark_first[32]; /* the bytes a mark of the table starts with */
    /* For each byte, bit m: mark m opens or closes with it (marks past the
     * 64th are always tried), so a candidate byte is compared only with the
     * few marks it can start, in table order. */
    uint64_t marks_of_byte[256];
    qx__words titles, roles, abbrevs, nonnames, orgs, places;
    /* The leading run of ASCII letters of every cue form that may introduce
     * a reported clause ("said", "point" of "point out"); that_heads_all is
     * 0 when some such form does not open with a letter. */
    qx__words that_heads;
    uint32_t that_lens[26][27]; /* bit n: a head of n letters opens with these two (or this one) */
    int that_heads_all;
    char **lemmas; /* owned lemma strings */
    size_t n_lemmas;
} qx__lexicons;

qx_status qx__lexicon_validate(qx_lexicon which, const char *text, size_t len, qx_error *err);
qx_status qx__lexicons_build(qx__lexicons *lx, const qx_options *o, qx_error *err);
void qx__lexicons_free(qx__lexicons *lx, const qx_allocator *a);
const qx__cue *qx__cue_find(const qx__lexicons *lx, const char *text, size_t len);
const qx__pronoun *qx__pronoun_find(const qx__lexicons *lx, const char *text, size_t len);
/* The gender lexicon entry of a word (any case), or NULL. */
const qx__pronoun *qx__gender_find(const qx__lexicons *lx, const char *text, size_t len);
int qx__words_has(const qx__words *w, const char *text, size_t len);
/* Where [text, text + len) holds, as a whole run of ASCII letters, the head
 * of a cue that may introduce a reported clause (any case): the offsets
 * (from base), in order, at most max; max + 1 when there are more (or when
 * any text may hold one). */
#define QX__MAX_CUE_HEADS 32
size_t qx__that_cue_heads(const qx__lexicons *lx, const char *text, size_t len, size_t base,
                          size_t *out, size_t max);
/* The same for a lexicon stored in lower case: ASCII capitals are folded. */
int qx__words_has_folded(const qx__words *w, const char *text, size_t len);
/* Iterate the non-comment lines of a lexicon or rule text. */
typedef struct qx__line {
    const char *s;
    size_t len;
    size_t lineno;
} qx__line;
int qx__next_line(const char *text, size_t len, size_t *pos, size_t *lineno, qx__line *out,
                  int keep_indent);

/* ---- rules ---- */
typedef enum qx__where {
    QX__AFTER = 1,   /* anchored (\G) at the end of a quote's closing mark */
    QX__BEFORE = 2,  /* must end at the quote's opening mark */
    QX__MIXED = 3,   /* in the same sentence before the quote, anywhere */
    QX__CLAUSE = 4,  /* over a sentence without quote marks: indirect speech */
    QX__NAMES = 5,   /* finds name mentions for speaker resolution */
    QX__LEAD = 6,    /* the last sentence of the paragraph before a quote that opens its own */
    QX__LABEL = 7    /* anchored (\G) at the start of a quote's text: a transcript's speaker label */
} qx__where;

#define QX__RULE_SOFT_END 1u /* the quote must end in , ? ! or a dash */
#define QX__RULE_PARA_START 2u /* the quote must open its paragraph */
#define QX__RULE_NEAREST 4u /* mixed: of several matches, the one nearest the quote */
#define QX__RULE_DIALOGUE 8u /* only in texts of dialogue (novels) */
#define QX__RULE_LONG 16u /* only quotes of four words or more: never rescues a scare quote */
#define QX__RULE_KNOWN 32u /* a lone capitalised word or a name in capitals is not taken as a speaker */

enum { QX__G_SPEAKER, QX__G_ROLE, QX__G_APPOS, QX__G_CUE, QX__G_CONTENT, QX__G_RELATIVE, QX__G_COUNT };

#define QX__NEED_MAX 16 /* longest required literal kept per rule */

typedef struct qx__rule {
    char *name;
    qx__where where;
    uint32_t flags;
    double confidence;
    pcre2_code *code;
    int jit;
    int group[QX__G_COUNT]; /* capture numbers, -1 when absent */
    char need[QX__NEED_MAX]; /* a literal every match contains (prefilter.c) */
    size_t need_len;         /* 0: none known */
    size_t need_pick;        /* the byte of need a search looks for first (qx__rare_byte) */
    pcre2_code *need_group;  /* a group every match contains, compiled alone, or NULL */
    int need_group_jit;
    pcre2_code *then_group;  /* another, that every match holds after need_group, or NULL */
    int then_group_jit;
    pcre2_code *tail;        /* the pattern from need_group on, compiled alone, or NULL */
    int tail_jit;
    /* When what comes before the tail always ends in white space, the tail
     * compiled anchored, tried only after white space (or a non-ASCII byte)
     * at the bytes it can start with, instead of PCRE2's search at every
     * such byte; or NULL. */
    pcre2_code *tail_anchored;
    int tail_anchored_jit;
    uint8_t tail_first[32];
    char *group_src[4];      /* the bodies of the groups every match contains */
    size_t n_group_src;
    int need_src;            /* which of them need_group is, or -1 */
    size_t need_at;          /* where need_group's body starts in the expanded pattern */
    int that_gate;           /* skip windows without a head of {CUE_THAT} (qx__that_cue_heads) */
    /* Rules whose need_group bodies are the same text share one key, and so
     * the search for it over a window (qx__doc.group_cache); -1: none. A
     * rule PCRE2 starts by itself runs no such search, but a cached one of
     * a group it needs (peek_key) may rule its window out. */
    int group_key, peek_key;
    int group_shared;        /* another rule uses group_key's searches */
    int text_start;          /* the pattern opens with \A: it matches only at offset 0 */
    int word_start;          /* no match starts right after a letter (qx__opens_at_word_start) */
    pcre2_code *anchored;    /* the pattern compiled anchored, when first is useful */
    int anchored_jit;
    uint8_t first[32];       /* bitmap of the bytes a match can start with */
    uint8_t first_tab[256];  /* the same, a byte per byte: the tries' loop reads it */
    int first_caps;          /* of ASCII, the map holds capitals only (names): eight
                                bytes without a capital or non-ASCII byte are skipped at once */
    uint8_t last[32];        /* the window's last byte must be one of these... */
    int has_last, last_skip_space; /* ...when set, after trimming ASCII spaces if set */
} qx__rule;

/* The longest literal (at most QX__NEED_MAX bytes) every match of the
 * expanded pattern must contain, into out; returns its length, 0 if none.
 * groups receives the bodies of named groups every match contains (at most
 * *n_groups on entry; their number on return). */
size_t qx__required_parts(const char *pattern, size_t len, char *out, qx_span *groups,
                          size_t *n_groups);
/* The bytes a match of the expanded pattern can start with, as a 256-bit
 * map in set; returns 1 when known and narrow enough to be worth using. */
int qx__first_bytes(const char *pattern, size_t len, uint8_t *set);
/* For a pattern ending in \z: the bytes the subject can end with, after
 * trimming ASCII white space when *skip_space comes back set. Returns 1 when
 * known and narrow. */
int qx__last_byte(const char *pattern, size_t len, uint8_t *set, int *skip_space);
/* For the named group whose body starts at body: when it stands at the top
 * level of the pattern and the pattern from its '(' to the end refers to
 * nothing before it, that '(' (every match then holds a match of this
 * suffix, searched alone, starting at or after its own start); else
 * (size_t)-1. */
size_t qx__suffix_from_group(const char *pattern, size_t len, size_t body);
/* Does the pattern open with (?<![\p{L}\p{M}]), at its top or inside
 * groups that every match enters first (one branch, not optional)? Then
 * no match starts right after a letter. */
int qx__opens_at_word_start(const char *pattern, size_t len);
/* Does every match of pattern[0, len) that the text continues with a byte
 * of the 256-bit map follow (NULL: any byte) end with a white space
 * character, so that what the pattern continues with starts after one? 0
 * when a conservative walk cannot tell. */
int qx__ends_in_space(const char *pattern, size_t len, const uint8_t *follow);
/* The index of the byte of needle[0, m) least frequent in English text,
 * for qx__contains to look for first. */
size_t qx__rare_byte(const char *needle, size_t m);
/* Does hay[0, n) contain needle[0, m)? It looks for needle[pick] first. */
int qx__contains(const char *hay, size_t n, const char *needle, size_t m, size_t pick);

qx_status qx__rules_compile(qx__rule **out, size_t *n_out, const char *text, size_t len,
                            const qx__lexicons *lx, const qx_options *o,
                            pcre2_general_context *gctx, qx_error *err);
/* Syntax only, with line numbers of this text: called when rules are added. */
qx_status qx__rules_validate(const char *text, size_t len, const qx_allocator *a, qx_error *err);
void qx__rules_free(qx__rule *rules, size_t n, const qx_allocator *a);

/* ---- extractor and state ---- */
struct qx_extractor {
    qx_allocator alloc;
    uint32_t flags;
    size_t max_quote_len;
    uint32_t match_limit, heap_limit_kib;
    pcre2_general_context *gctx;
    qx__lexicons lex;
    qx__rule *rules;
    size_t n_rules;
    uint32_t max_groups;
    int all_jit;
    struct qx__calib *calib; /* confidence table (calibrate.c) */
    size_t n_calib;
    double min_confidence;
};

struct qx_state {
    const qx_extractor *ex;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    qx__vec paras, sents, marks, cands, names; /* scratch reused between calls */
};

/* ---- a document being processed ---- */
typedef struct qx__para {
    size_t start, end; /* text bounds, trailing newline excluded */
} qx__para;

typedef struct qx__cand { /* one quote-mark-delimited piece */
    size_t open, inner_start, inner_end, close; /* close = end incl. mark */
    size_t para;
    uint32_t flags;  /* QX_QUOTE_UNCLOSED, QX_QUOTE_CONTINUED */
    int continues;   /* continues the previous candidate across a paragraph */
} qx__cand;

typedef struct qx__rec { /* a quote record under construction */
    size_t first, last;  /* candidate indices, inclusive; QX_UNSET for indirect */
    qx_span content;     /* indirect speech: the reported clause */
    uint32_t kind, flags;
    qx_span mention, name, role, cue;
    qx_span relative;    /* "X, who said": the mention shown is "who", X is resolved */
    const char *cue_lemma;
    int rule;            /* index into ex->rules, or -1 */
    const char *rule_name;
    double confidence;
    size_t attr_end;     /* end of the attribution match after the quote, or 0 */
    size_t label_end;    /* "WALLACE: ...": where the text after a transcript's label starts, or 0 */
    int from_after;      /* attributed by an after rule */
    int is_pronoun, is_desc;
    int inherit;         /* index of the record whose speaker it takes, -1 */
    size_t speaker_off;  /* into doc->strings, or QX_UNSET */
    size_t para;
    int dead;            /* merged into another record or dropped */
    int turn_hint;       /* 1 + the record of the other speaker of a conversation, or 0 */
    int speech;          /* a turn of dialogue: kept even when short and unattributed */
} qx__rec;

/* Per-document word casing (wordstat.c). */
#define QX__WORD_LOWER 1u   /* written in lower case somewhere */
#define QX__WORD_CAP_MID 2u /* capitalised after a word or comma, mid-sentence */
typedef struct qx__wordstat {
    uint64_t *keys; /* case-folded word hashes, 0 = empty */
    uint8_t *flags;
    size_t cap;     /* a power of two, or 0 before the first word */
    size_t used;    /* keys in the table */
} qx__wordstat;

typedef struct qx__doc {
    const qx_extractor *ex;
    qx_state *st;
    const qx_allocator *a;
    const char *text; /* validated (lenient: cleaned copy); after the sentences are
                         found, its line breaks inside a paragraph read as spaces */
    const char *lines; /* the same text with every line break, for the layout checks */
    size_t len;
    qx__vec *paras;   /* qx__para */
    qx__vec *sents;   /* qx_span */
    qx__vec *marks;   /* unused slots for mark scanning */
    qx__vec *cands;   /* qx__cand */
    qx__vec *names;   /* qx__mention, in text order */
    qx__vec recs;     /* qx__rec */
    qx__vec segs;     /* qx_segment */
    qx__vec diags;    /* qx_diagnostic */
    qx__buf strings;  /* NUL-separated speaker names */
    qx__wordstat words; /* how the text writes each word */
    int dialogue;       /* a text of dialogue (novels), set by qx__detect_dialogue */
    qx_error *err;
    struct { /* the last search for a shared required group (extractor.c) */
        int key;        /* the rules' group_key + 1; 0: empty */
        int found;
        size_t from, end, at; /* first match in [from, end) at at, if found */
    } group_cache;
    struct { /* where a head of a +that cue opens a run of letters in the
                window [from, end) of the clause rules (qx__that_cue_heads) */
        const size_t *at;
        size_t n, from, end;
    } heads;
} qx__doc;

/* pipeline stages, each in its own file */
qx_status qx__find_paragraphs(qx__doc *d);
qx_status qx__find_sentences(qx__doc *d);
/* Does the text open with a headline: one short line, a blank line, then at
 * least two paragraphs? Needs the quotes found: a first line that opens with
 * speech is none. */
int qx__has_headline(const qx__doc *d);
qx_status qx__find_quotes(qx__doc *d);
/* Appends one candidate to v. */
qx_status qx__push_cand(qx__vec *v, const qx_allocator *a, size_t open, size_t inner_s, size_t inner_e,
                        size_t close, size_t para, uint32_t flags);
/* Adds the turns a text sets off with dashes instead of marks (dashes.c). */
qx_status qx__find_dash_quotes(qx__doc *d);
qx_status qx__attribute(qx__doc *d);
qx_status qx__find_indirect(qx__doc *d);
qx_status qx__discourse(qx__doc *d);
/* Sets d->dialogue: a text of dialogue (novels) rather than news. */
qx_status qx__detect_dialogue(qx__doc *d);
/* Fill mention, name, role and flags of r from the current match of rule. */
void qx__take_speaker(qx__doc *d, qx__rec *r, const qx__rule *rule);
size_t qx__rec_start(const qx__doc *d, const qx__rec *r);
/* A name mentioned in the text, with the person it names (resolve.c). */
typedef struct qx__mention {
    qx_span span;    /* the whole match, titles included */
    qx_span full;    /* the fullest name of that person in the document */
    uint64_t entity; /* hash of full's text */
    char gender;     /* 'm', 'f' or 0 when the document does not tell */
    char quoted;     /* inside a quotation: someone addressed, not the narrator's */
    char place;      /* the text mostly writes it after "in", "at", "from": not a person */
} qx__mention;

qx_status qx__wordstat_build(qx__wordstat *ws, const qx__doc *d);
unsigned qx__wordstat_get(const qx__wordstat *ws, const char *s, size_t n);
void qx__wordstat_free(qx__wordstat *ws, const qx_allocator *a);
qx_status qx__resolve_speakers(qx__doc *d);
/* Run rule r with the subject text[0, end) from start; returns 1 on a match,
 * 0 on none, a negative qx_status on error. Offsets in the state's match data. */
int qx__rule_match(qx__doc *d, const qx__rule *r, size_t start, size_t end);
qx_span qx__group(qx__doc *d, const qx__rule *r, int g);
/* Sentence index holding offset pos. */
size_t qx__sentence_at(const qx__doc *d, size_t pos);
/* Where the text before candidate ci that can attribute it starts: its
 * sentence, but not before an earlier quote of the same paragraph. */
size_t qx__window_start(const qx__doc *d, size_t ci);
qx_status qx__diag(qx__doc *d, qx_status code, size_t off, const char *msg);

/* ---- word tokens for matching quotes (tokens.c) ---- */
typedef struct qx__tok {
    size_t start, end; /* byte span of the word in its source */
    uint64_t hash;     /* of the casefolded word without punctuation */
    int elided;        /* an ellipsis (… or ...) stands before the word */
} qx__tok;
/* The next word of s from *pos; 0 at the end. */
int qx__next_token(const char *s, size_t len, size_t *pos, qx__tok *t);
/* Append the words of s to out (qx__tok), their spans shifted by base. */
qx_status qx__tokenize(const char *s, size_t len, size_t base, const qx_allocator *a, qx__vec *out);
uint64_t qx__tokens_key(const qx__tok *t, size_t n);
/* Hash of the casefolded letters and digits of one word (O’Brien = obrien);
 * *first is its first folded letter, *n_alnum how many it has. */
uint64_t qx__word_hash(const char *s, size_t len, uint32_t *first, size_t *n_alnum);

/* ---- speaker names (names.c) ---- */
/* 1 when the claimed name and the article's name can be the same person:
 * the surname agrees and a given first name is not contradicted. */
int qx__same_speaker(const qx__lexicons *lx, const char *claimed, size_t clen, const char *given,
                     size_t glen);

/* ---- calibration and the confidence floor (calibrate.c) ---- */
typedef struct qx__calib {
    char *rule;    /* rule name */
    int feature;   /* QX__FEAT_* or -1 for any */
    double conf;
} qx__calib;
enum { QX__FEAT_NAME = 0, QX__FEAT_PRONOUN = 1, QX__FEAT_DESC = 2 };
qx_status qx__calibration_validate(const char *text, size_t len, qx_error *err);
qx_status qx__calibration_build(qx__calib **out, size_t *n, const char *text, size_t len,
                                const qx_allocator *a, qx_error *err);
void qx__calibration_free(qx__calib *c, size_t n, const qx_allocator *a);
/* Replace each record's confidence by the table's, then drop the records
 * below the extractor's min_confidence. Runs after speaker resolution. */
qx_status qx__calibrate(qx__doc *d);

/* result assembly */
qx_status qx__result_build(qx__doc *d, qx_result **out);

/* built-in data (generated from libquote/data by tools/embed_data.py) */
extern const char *const *const qx__builtin_lexicon[QX_LEX_COUNT_]; /* NULL-ended lines */
extern const char *const qx__builtin_rules[];
extern const char *const qx__builtin_calibration[];

#endif
