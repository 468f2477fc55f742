/*
 * quoteex.h: the one public header of libquote.
 *
 * libquote finds quoted and reported speech in UTF-8 text and pairs each
 * quote with its speaker through pattern rules compiled with PCRE2.
 *
 *     qx_extractor *ex = qx_extractor_new(NULL, &err);     // compile once
 *     qx_result *res;
 *     if (qx_extract(ex, NULL, text, len, &res, &err) == QX_OK) {
 *         for (size_t i = 0; i < qx_result_count(res); i++) {
 *             const qx_quote *q = qx_result_get(res, i);
 *             // q->segments[0].inner is the first quoted piece, byte offsets
 *             // q->speaker is the resolved name or NULL
 *         }
 *         qx_result_free(res);
 *     }
 *     qx_extractor_free(ex);
 *
 * Ownership and lifetime
 *  1. Every *_new has a matching *_free, and every *_free(NULL) is a no-op.
 *  2. qx_extractor_new copies what it needs from the options; the caller may
 *     free them at once.
 *  3. Pointers handed out by a result (quotes, segments, strings) are
 *     borrowed and valid until qx_result_free. Strings from qx_strerror and
 *     qx_version_string are static.
 *  4. libquote never keeps a pointer to the caller's text after a call returns:
 *     results are byte offsets into it.
 *  5. Threads: a qx_extractor is immutable and may be used by any number of
 *     threads at once. A qx_state is used by one thread at a time. Options,
 *     results and errors belong to their caller. There is no global mutable
 *     state.
 *  6. All memory goes through the qx_allocator given to qx_options_new
 *     (default malloc/realloc/free), PCRE2's included.
 *
 * Offsets are bytes, half-open [start, end). An absent span is
 * {QX_UNSET, QX_UNSET}.
 */
#ifndef QX_QUOTEEX_H
#define QX_QUOTEEX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version: this header is the single source (CMake and setup.py parse it) */
#define QX_VERSION_MAJOR 0
#define QX_VERSION_MINOR 1
#define QX_VERSION_PATCH 0
#define QX_VERSION_NUMBER (QX_VERSION_MAJOR * 10000 + QX_VERSION_MINOR * 100 + QX_VERSION_PATCH)
#define QX_VERSION_STRING "0.1.0"

/* ---- export: hand-written so the sources build without CMake ---- */
#if defined(QX_STATIC)
#define QX_API
#elif defined(_WIN32)
#ifdef QX_BUILDING_LIBRARY
#define QX_API __declspec(dllexport)
#else
#define QX_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define QX_API __attribute__((visibility("default")))
#else
#define QX_API
#endif

/** QX_VERSION_NUMBER of the linked library. Thread-safe. */
QX_API unsigned qx_version_number(void);
/** "MAJOR.MINOR.PATCH" of the linked library; static string. Thread-safe. */
QX_API const char *qx_version_string(void);
/** The PCRE2 version the library runs on, e.g. "10.42 2022-12-11"; static. */
QX_API const char *qx_pcre2_version(void);

/* ---- status and errors ---- */
typedef enum qx_status {
    QX_OK = 0,
    QX_E_NOMEM = -1,       /* an allocation failed; nothing leaked */
    QX_E_INVALID_ARG = -2, /* NULL where a value is needed, bad option value */
    QX_E_BAD_UTF8 = -3,    /* err->offset = first invalid byte of the input */
    QX_E_PATTERN = -4,     /* a rule failed to compile; err names rule and offset */
    QX_E_LIMIT = -5,       /* a PCRE2 match/heap/depth/JIT-stack limit tripped */
    QX_E_IO = -6,          /* a lexicon or rule file could not be read */
    QX_E_SYNTAX = -7,      /* a lexicon or rule text is malformed; err->line */
    QX_E_INTERNAL = -8
} qx_status;

/** A static description of a status; never NULL. Thread-safe. */
QX_API const char *qx_strerror(qx_status status);

/** Caller-owned, optional (pass NULL). Filled on failure only. */
typedef struct qx_error {
    qx_status code;
    size_t offset;     /* byte offset into the input, or into a pattern */
    size_t line;       /* 1-based line in a lexicon/rule text, 0 if n/a */
    char message[256]; /* always NUL-terminated */
} qx_error;

/* ---- allocator ---- */
typedef struct qx_allocator {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} qx_allocator;

/* ---- options: build them, then compile an extractor from them ---- */
typedef struct qx_options qx_options;

/** New options holding the built-in lexicons and rules. alloc may be NULL
 *  (malloc); it is copied. Returns NULL when out of memory. */
QX_API qx_options *qx_options_new(const qx_allocator *alloc);
QX_API void qx_options_free(qx_options *opts);

#define QX_FLAG_NO_JIT (1u << 0)           /* interpreter only (valgrind, debugging) */
#define QX_FLAG_LENIENT_UTF8 (1u << 1)     /* invalid bytes read as spaces, offsets unchanged */
#define QX_FLAG_KEEP_PRONOUNS (1u << 2)    /* do not resolve he/she/they to a name */
#define QX_FLAG_NO_INDIRECT (1u << 3)      /* report quote-marked speech only */
#define QX_FLAG_KEEP_UNATTRIBUTED (1u << 4) /* keep short unattributed quotes (scare quotes) */
#define QX_FLAG_NO_SINGLE_QUOTES (1u << 5) /* ignore ' and the single curly marks */
/* By default a text that opens with a headline (one short line, a blank line,
 * then at least two paragraphs) reports no quotes from that line: headline
 * quotes repeat the article's and are not annotated in news corpora. */
#define QX_FLAG_KEEP_HEADLINE (1u << 6)

QX_API qx_status qx_options_set_flags(qx_options *opts, uint32_t flags);
QX_API uint32_t qx_options_get_flags(const qx_options *opts);
/** Longest quote in bytes; longer stretches are cut there and flagged unclosed.
 *  Default 20000. */
QX_API qx_status qx_options_set_max_quote_len(qx_options *opts, size_t bytes);
/** PCRE2 match limit (backtracking steps per rule call). Default 1000000. */
QX_API qx_status qx_options_set_match_limit(qx_options *opts, uint32_t limit);
/** PCRE2 interpreter heap limit per call in KiB. Default 8192. */
QX_API qx_status qx_options_set_heap_limit_kib(qx_options *opts, uint32_t kib);

/* Lexicons: one entry per line, '#' starts a comment. */
typedef enum qx_lexicon {
    QX_LEX_CUE = 0,      /* "lemma [+that] = form, form, ..." -- cue verbs and multi-word cues */
    QX_LEX_TITLE = 1,    /* honorifics and titles before a name: Sen. Dr. President */
    QX_LEX_ROLE = 2,     /* role nouns: spokesperson ambassador senator */
    QX_LEX_PRONOUN = 3,  /* "pronoun gender": he m, she f, they x */
    QX_LEX_ABBREV = 4,   /* abbreviations that do not end a sentence: U.S. Jan. */
    QX_LEX_NONNAME = 5,  /* capitalised words that never start a name: The, But */
    QX_LEX_ORG = 6,      /* organisation heads: White House, Pentagon */
    QX_LEX_MARKS = 7,    /* quote mark pairs: "open close [flags]" */
    QX_LEX_GENDER = 8,   /* "word gender [pronoun]": Mrs. f, king m, his m pronoun --
                            tells a name's gender for resolving he/she */
    QX_LEX_COUNT_ = 9
} qx_lexicon;

/** Add entries to a lexicon, in its text format. err->line names the bad line. */
QX_API qx_status qx_options_add_lexicon(qx_options *opts, qx_lexicon which, const char *text,
                                        size_t len, qx_error *err);
/** Add entries from a file; errors name the file and line. */
QX_API qx_status qx_options_load_lexicon_file(qx_options *opts, qx_lexicon which, const char *path,
                                              qx_error *err);
/** Empty a lexicon, so that what is added next replaces the built-in one. */
QX_API qx_status qx_options_clear_lexicon(qx_options *opts, qx_lexicon which);

/* Rules: see libquote/data/rules.txt for the format. Placeholders such as
 * {CUE}, {NAME}, {ROLE}, {PRONOUN} expand from the lexicons at compile time. */
QX_API qx_status qx_options_add_rules(qx_options *opts, const char *text, size_t len, qx_error *err);
QX_API qx_status qx_options_load_rules_file(qx_options *opts, const char *path, qx_error *err);
/** Drop every rule, built-in ones included. */
QX_API qx_status qx_options_clear_rules(qx_options *opts);

/* ---- extractor: compiled, immutable, shared between threads ---- */
typedef struct qx_extractor qx_extractor;

/** Compile the options (NULL = built-in defaults). Returns NULL on failure,
 *  with err filled (QX_E_PATTERN names the rule). */
QX_API qx_extractor *qx_extractor_new(const qx_options *opts, qx_error *err);
QX_API void qx_extractor_free(qx_extractor *ex);
/** 1 when every rule runs JIT-compiled. */
QX_API int qx_extractor_uses_jit(const qx_extractor *ex);
/** Number of compiled rules, and the name of rule i (static to ex). */
QX_API size_t qx_extractor_rule_count(const qx_extractor *ex);
QX_API const char *qx_extractor_rule_name(const qx_extractor *ex, size_t i);

/* ---- per-thread scratch: reuse one per thread for speed ---- */
typedef struct qx_state qx_state;
QX_API qx_state *qx_state_new(const qx_extractor *ex);
QX_API void qx_state_free(qx_state *st);

/* ---- results ---- */
#define QX_UNSET ((size_t)-1)
typedef struct qx_span {
    size_t start, end;
} qx_span;

typedef enum qx_kind {
    QX_KIND_DIRECT = 1,   /* the speech is all inside quote marks */
    QX_KIND_MIXED = 2,    /* quoted fragments inside a reported sentence */
    QX_KIND_INDIRECT = 3  /* reported speech without marks */
} qx_kind;

#define QX_QUOTE_CONTINUED (1u << 0) /* runs over paragraphs, reopened in each */
#define QX_QUOTE_UNCLOSED (1u << 1)  /* a segment ended without its closing mark */
#define QX_QUOTE_PRONOUN (1u << 2)   /* the speaker mention is a pronoun */
#define QX_QUOTE_INHERITED (1u << 3) /* speaker carried over from earlier speech */
#define QX_QUOTE_NESTED (1u << 4)    /* inside another quote, attributed on its own */

typedef struct qx_segment {
    qx_span outer; /* with its quote marks (same as inner for indirect speech) */
    qx_span inner; /* the quoted words only */
} qx_segment;

typedef struct qx_quote {
    uint32_t kind;              /* qx_kind */
    uint32_t flags;             /* QX_QUOTE_* */
    size_t n_segments;
    const qx_segment *segments; /* in text order */
    qx_span speaker_mention;    /* the mention the attribution rests on */
    qx_span role;               /* role or title phrase of the speaker, if any */
    qx_span cue;                /* the cue words ("said", "told reporters") */
    const char *speaker;        /* resolved name, NUL-terminated UTF-8, or NULL */
    const char *cue_lemma;      /* "say", "tell", "according to"... or NULL */
    const char *rule;           /* name of the rule that attributed it, or "none" */
    double confidence;          /* in [0, 1] */
} qx_quote;

typedef struct qx_diagnostic {
    qx_status code;        /* QX_OK for a warning */
    size_t offset;         /* byte offset of the mark or problem */
    const char *message;   /* static */
} qx_diagnostic;

typedef struct qx_result qx_result;

/**
 * Extract quotes from text[0, len). st may be NULL (a temporary one is made).
 * On success *out owns the records; free it with qx_result_free.
 * Errors: QX_E_BAD_UTF8 (err->offset), QX_E_NOMEM, QX_E_LIMIT, QX_E_INVALID_ARG.
 * Thread-safe for a shared ex when each thread passes its own st (or NULL).
 */
QX_API qx_status qx_extract(const qx_extractor *ex, qx_state *st, const char *text, size_t len,
                            qx_result **out, qx_error *err);
QX_API size_t qx_result_count(const qx_result *res);
QX_API const qx_quote *qx_result_get(const qx_result *res, size_t i); /* NULL past the end */
QX_API size_t qx_result_diagnostic_count(const qx_result *res);
QX_API const qx_diagnostic *qx_result_get_diagnostic(const qx_result *res, size_t i);
QX_API void qx_result_free(qx_result *res);

/** One-shot: builds and frees a default extractor on every call (slow). */
QX_API qx_status qx_extract_once(const char *text, size_t len, qx_result **out, qx_error *err);

/** Convert byte offsets into text to code-point offsets, in place.
 *  offsets must be ascending (equal values allowed) and <= len; text must be
 *  valid UTF-8. One linear pass. */
QX_API qx_status qx_utf8_offsets_to_codepoints(const char *text, size_t len, size_t *offsets,
                                               size_t n);

#ifdef __cplusplus
}
#endif
#endif /* QX_QUOTEEX_H */
