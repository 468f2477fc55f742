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
 *
 * Each function below says, where it applies:
 *   Owns:    who owns what it takes and returns, and until when it is valid;
 *   Threads: what may run at the same time (rule 5 is the summary);
 *   Errors:  the statuses it returns. A function that takes a qx_error *err
 *            fills it on failure only, and accepts err == NULL. Functions
 *            returning a pointer report failure as NULL.
 * docs/c-api.md is the reference with longer examples.
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

/* Compare the QX_VERSION_* macros (the header you compiled with) with these
 * (the library you run with) to detect a mismatched libquote.so. */

/** QX_VERSION_NUMBER of the linked library (MAJOR*10000 + MINOR*100 + PATCH).
 *  Threads: any. Errors: none. */
QX_API unsigned qx_version_number(void);
/** "MAJOR.MINOR.PATCH" of the linked library.
 *  Owns: a static string; never free it. Threads: any. Errors: none. */
QX_API const char *qx_version_string(void);
/** The PCRE2 version the library runs on, e.g. "10.42 2022-12-11".
 *  Owns: a static string. Threads: any. Errors: none. */
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

/** A description of a status, e.g. "invalid UTF-8 in input"; unknown codes
 *  get a generic text. Owns: a static string, never NULL.
 *  Threads: any. Errors: none. */
QX_API const char *qx_strerror(qx_status status);

/** Caller-owned (usually on the stack), optional (pass NULL). Filled on
 *  failure only, so read it only after a failing status. The library keeps
 *  no pointer to it. */
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

/* Options are a mutable builder: fill them from one thread, compile them
 * with qx_extractor_new, then free them (the extractor keeps a copy). */

/** New options holding the built-in lexicons and rules.
 *  Owns: the caller owns the result; free it with qx_options_free. alloc may
 *  be NULL (malloc/realloc/free); the struct is copied, its functions and ctx
 *  must outlive every object made from these options (extractors included).
 *  Threads: any. Errors: NULL when out of memory. */
QX_API qx_options *qx_options_new(const qx_allocator *alloc);
/** Free options and everything they hold; NULL is a no-op. Extractors built
 *  from them are unaffected. Threads: not while another thread uses opts. */
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

/* Setters below: Threads: one thread at a time per opts (the builder is not
 * locked). Errors: QX_E_INVALID_ARG for opts == NULL or a value out of range,
 * and the options are then unchanged. */

/** Replace all flags with flags (an OR of QX_FLAG_*). Errors: QX_E_INVALID_ARG
 *  for unknown bits. */
QX_API qx_status qx_options_set_flags(qx_options *opts, uint32_t flags);
/** The current flags; 0 for opts == NULL. Threads: any, while nobody sets them. */
QX_API uint32_t qx_options_get_flags(const qx_options *opts);
/** Longest quote in bytes; longer stretches are cut there and flagged unclosed.
 *  Default 20000; below 2 is QX_E_INVALID_ARG. */
QX_API qx_status qx_options_set_max_quote_len(qx_options *opts, size_t bytes);
/* Limits bound the work of one rule call on any input. When one trips,
 * qx_extract fails as a whole with QX_E_LIMIT (err names the rule and the
 * byte offset it ran from) and returns no records: a partial result would
 * look complete, and failing at the first trip bounds the time a hostile
 * text can take. Raise a limit and retry, or split the text, to get records.
 * The same applies to the JIT's stack (PCRE2's default 32 KiB). */
/** PCRE2 match limit (backtracking steps per rule call); the depth limit is
 *  set to the same value. Default 1000000. A rule that trips it makes
 *  qx_extract fail with QX_E_LIMIT. */
QX_API qx_status qx_options_set_match_limit(qx_options *opts, uint32_t limit);
/** PCRE2 interpreter heap limit per call in KiB. Default 8192. Tripping it
 *  is QX_E_LIMIT. */
QX_API qx_status qx_options_set_heap_limit_kib(qx_options *opts, uint32_t kib);

/** Drop records whose confidence is below min_confidence (in [0, 1]; default
 *  0, keep all). Confidences are calibrated (see qx_options_set_calibration),
 *  so raising it trades recall for precision in a predictable way.
 *  QX_E_INVALID_ARG outside [0, 1]. */
QX_API qx_status qx_options_set_min_confidence(qx_options *opts, double min_confidence);
/** Replace the confidence calibration table (built-in:
 *  libquote/data/calibration.txt, fitted by tools/calibrate.py). One entry a
 *  line: "RULE CONFIDENCE" or "RULE FEATURE CONFIDENCE" with FEATURE one of
 *  name, pronoun, desc (the speaker mention's kind). A record's confidence is
 *  its rule-and-feature entry, else its rule entry, else the rule's CONF.
 *  An empty text (len 0) turns calibration off: records carry the rules' CONF.
 *  QX_E_SYNTAX with err->line for a malformed line. */
QX_API qx_status qx_options_set_calibration(qx_options *opts, const char *text, size_t len,
                                            qx_error *err);

/* Lexicons: one entry per line, '#' starts a comment. */
typedef enum qx_lexicon {
    QX_LEX_CUE = 0,      /* "lemma [+that] [+naming] = form, form, ..." -- cue verbs and multi-word cues */
    QX_LEX_TITLE = 1,    /* honorifics and titles before a name: Sen. Dr. President */
    QX_LEX_ROLE = 2,     /* role nouns: spokesperson ambassador senator */
    QX_LEX_PRONOUN = 3,  /* "pronoun gender": he m, she f, i x (one person), they p (a group), it n */
    QX_LEX_ABBREV = 4,   /* abbreviations that do not end a sentence: U.S. Jan. */
    QX_LEX_NONNAME = 5,  /* capitalised words that never start a name: The, But */
    QX_LEX_ORG = 6,      /* organisation heads: White House, Pentagon */
    QX_LEX_MARKS = 7,    /* quote mark pairs: "open close [flags]" */
    QX_LEX_GENDER = 8,   /* "word gender [pronoun]": Mrs. f, king m, his m pronoun --
                            tells a name's gender for resolving he/she */
    QX_LEX_PLACE = 9,    /* last words of places (Avenue, Hills) and openers ("Hotel ..."):
                            such names get no gender and never speak */
    QX_LEX_COUNT_ = 10
} qx_lexicon;

/** Add entries to a lexicon, in its text format (text[0, len), UTF-8, no NUL
 *  needed). Owns: text is copied; the caller keeps it. Threads: one thread
 *  per opts. Errors: QX_E_SYNTAX with err->line naming the bad line (nothing
 *  of text is added then), QX_E_BAD_UTF8, QX_E_INVALID_ARG, QX_E_NOMEM. */
QX_API qx_status qx_options_add_lexicon(qx_options *opts, qx_lexicon which, const char *text,
                                        size_t len, qx_error *err);
/** Add the entries of a file, as qx_options_add_lexicon does with its text.
 *  Owns: path is only read during the call. Threads: one thread per opts.
 *  Errors: as qx_options_add_lexicon, plus QX_E_IO (errno is kept); the
 *  message names the file and line. */
QX_API qx_status qx_options_load_lexicon_file(qx_options *opts, qx_lexicon which, const char *path,
                                              qx_error *err);
/** Empty a lexicon, so that what is added next replaces the built-in one.
 *  Threads: one thread per opts. Errors: QX_E_INVALID_ARG (NULL, bad which). */
QX_API qx_status qx_options_clear_lexicon(qx_options *opts, qx_lexicon which);

/* Rules: see libquote/data/rules.txt for the format. Placeholders such as
 * {CUE}, {NAME}, {ROLE}, {PRONOUN} expand from the lexicons at compile time. */

/** Append rules (text[0, len)) after the ones already there; their syntax is
 *  checked now, their patterns when the extractor is compiled. Owns: text is
 *  copied. Threads: one thread per opts. Errors: QX_E_SYNTAX (err->line),
 *  QX_E_BAD_UTF8, QX_E_INVALID_ARG, QX_E_NOMEM. */
QX_API qx_status qx_options_add_rules(qx_options *opts, const char *text, size_t len, qx_error *err);
/** Append the rules of a file. Errors: as qx_options_add_rules, plus QX_E_IO;
 *  the message names the file and line. */
QX_API qx_status qx_options_load_rules_file(qx_options *opts, const char *path, qx_error *err);
/** Drop every rule, built-in ones included. Threads: one thread per opts.
 *  Errors: QX_E_INVALID_ARG for opts == NULL. */
QX_API qx_status qx_options_clear_rules(qx_options *opts);

/* ---- extractor: compiled, immutable, shared between threads ---- */
typedef struct qx_extractor qx_extractor;

/** Compile the options (NULL = built-in defaults) into an extractor.
 *  Owns: the caller owns the result (qx_extractor_free); it copies what it
 *  needs, so opts may be changed or freed at once. Threads: any number of
 *  calls at once, even on the same opts, as long as nobody modifies opts.
 *  Errors: NULL with err filled: QX_E_PATTERN names the rule and the offset
 *  in its pattern, QX_E_NOMEM, QX_E_INTERNAL. Compiling takes milliseconds:
 *  build one extractor and share it. */
QX_API qx_extractor *qx_extractor_new(const qx_options *opts, qx_error *err);
/** Free an extractor; NULL is a no-op. Threads: only when no thread uses it
 *  any more (no qx_extract running, every qx_state made from it freed).
 *  Results made with it stay valid. */
QX_API void qx_extractor_free(qx_extractor *ex);
/** 1 when every rule runs JIT-compiled, else 0 (also for NULL).
 *  Threads: any. Errors: none. */
QX_API int qx_extractor_uses_jit(const qx_extractor *ex);
/** Number of compiled rules (0 for NULL). Threads: any. Errors: none. */
QX_API size_t qx_extractor_rule_count(const qx_extractor *ex);
/** Name of rule i in the order rules are tried, or NULL past the end.
 *  Owns: the string belongs to ex and lives as long as it. Threads: any. */
QX_API const char *qx_extractor_rule_name(const qx_extractor *ex, size_t i);

/* ---- per-thread scratch: reuse one per thread for speed ---- */
typedef struct qx_state qx_state;
/** Scratch memory (PCRE2 match data, buffers) for calls of qx_extract on ex.
 *  Owns: the caller owns it (qx_state_free); it must not outlive ex.
 *  Threads: used by one thread at a time; make one per thread. Passing NULL
 *  to qx_extract instead works too but allocates on every call.
 *  Errors: NULL when out of memory or ex is NULL. */
QX_API qx_state *qx_state_new(const qx_extractor *ex);
/** Free a state; NULL is a no-op. Threads: not while it is in use. */
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
 * Extract quotes from text[0, len) (UTF-8; no NUL terminator needed).
 * Owns: on success *out is a new result owned by the caller; free it with
 * qx_result_free. It holds offsets into text and its own strings, no
 * pointer to text, so text may be freed at once. On failure *out is NULL.
 * Threads: thread-safe for a shared ex when each thread passes its own st
 * (or NULL, and a temporary state is made and freed).
 * Errors: QX_E_BAD_UTF8 with err->offset at the first invalid byte (unless
 * QX_FLAG_LENIENT_UTF8), QX_E_LIMIT when a PCRE2 limit trips (the document
 * gets no result; others are unaffected), QX_E_NOMEM, QX_E_INVALID_ARG for a
 * NULL ex/out, text == NULL with len > 0, or st made from another extractor.
 * NUL bytes may occur anywhere and read as spaces (as invalid bytes do in
 * lenient mode); offsets are unchanged.
 */
QX_API qx_status qx_extract(const qx_extractor *ex, qx_state *st, const char *text, size_t len,
                            qx_result **out, qx_error *err);
/** Number of quotes in res, in text order (0 for NULL). Threads: any number of
 *  readers at once (a result is never modified after qx_extract). */
QX_API size_t qx_result_count(const qx_result *res);
/** Quote i of res, or NULL past the end. Owns: borrowed from res, with all
 *  its pointers, until qx_result_free. Threads: any number of readers. */
QX_API const qx_quote *qx_result_get(const qx_result *res, size_t i);
/** Number of diagnostics (unpaired marks and similar warnings) in res. */
QX_API size_t qx_result_diagnostic_count(const qx_result *res);
/** Diagnostic i of res, or NULL past the end. Owns: borrowed from res until
 *  qx_result_free; its message is static. Threads: any number of readers. */
QX_API const qx_diagnostic *qx_result_get_diagnostic(const qx_result *res, size_t i);
/** Free a result and every quote, segment and string in it; NULL is a no-op.
 *  Threads: once, after every reader is done. */
QX_API void qx_result_free(qx_result *res);

/* ---- quote keys: the same quote across reprinted copies ---- */

/**
 * A 64-bit key of a quote's words: the words of its segments, casefolded,
 * with punctuation, quote marks and apostrophes dropped, hashed (FNV-1a).
 * Wire copies that differ only in quote marks, punctuation, case or where a
 * split quote is interrupted get the same key. text[0, len) must be the text
 * q was extracted from. No allocation; thread-safe.
 * QX_E_INVALID_ARG for NULL arguments or spans past len.
 */
QX_API qx_status qx_quote_key(const char *text, size_t len, const qx_quote *q, uint64_t *key);
/** The same key for any UTF-8 text (a claimed quote), so a claim can be
 *  looked up among extracted records. No allocation; thread-safe.
 *  Errors: QX_E_BAD_UTF8 if text is not UTF-8, QX_E_INVALID_ARG for NULLs. */
QX_API qx_status qx_text_key(const char *text, size_t len, uint64_t *key);

/* ---- verification: does this article attribute this quote to this person? ---- */

typedef enum qx_verdict {
    QX_VERDICT_NOT_FOUND = 0,           /* the claimed words are not in the article */
    QX_VERDICT_ATTRIBUTED = 1,          /* attributed to the claimed speaker */
    QX_VERDICT_ATTRIBUTED_TO_OTHER = 2, /* attributed to someone else: see the speaker */
    QX_VERDICT_UNATTRIBUTED = 3         /* the words are there; no speaker established */
} qx_verdict;

typedef enum qx_match {
    QX_MATCH_NONE = 0,    /* not found */
    QX_MATCH_EXACT = 1,   /* the same words as the article's quote (case, punctuation
                             and quote marks aside) */
    QX_MATCH_PARTIAL = 2, /* a fragment of the article's quote (or an elided one), or the
                             article's quote is a fragment of the claim */
    QX_MATCH_ALTERED = 3  /* words differ: see the differences */
} qx_match;

/** One differing word: claimed is a span of the claim, found a span of the
 *  article; either is {QX_UNSET, QX_UNSET} for a word only the other has. */
typedef struct qx_difference {
    qx_span claimed;
    qx_span found;
} qx_difference;

typedef struct qx_verification qx_verification;

/**
 * Verify that text[0, len) attributes claim[0, claim_len) to speaker.
 *
 * The claim is found in the article by aligning normalised words (casefold,
 * punctuation and quote marks dropped), so it may be partial, re-punctuated,
 * differently quoted, elided (an ellipsis ... or U+2026 in the claim skips
 * words of the article) or lightly altered (a word changed, added or dropped).
 * The speaker is the extractor's attribution of the record holding the words.
 * An extractor built with qx_options_set_min_confidence drops the records
 * below it, so their words count as UNATTRIBUTED: 0.5 makes a stricter
 * verifier (a calibrated record under 0.5 is more often wrong than right).
 * Names match in the forms people write (Emanuel, Rahm Emanuel, Ambassador
 * Emanuel, Mr. Emanuel); a shared first name alone never confirms.
 * speaker may be NULL (speaker_len 0): the verdict is then ATTRIBUTED when the
 * article gives any speaker, named by qx_verification_speaker.
 *
 * Owns: on success *out is a new verification owned by the caller, holding
 * the records it extracted; free it with qx_verification_free. st may be NULL.
 * Threads: thread-safe for a shared ex when each thread passes its own st (or
 * NULL). Errors: those of qx_extract, QX_E_BAD_UTF8 for a claim or speaker
 * that is not UTF-8 (err->offset into it), QX_E_INVALID_ARG for a claim
 * longer than 2000 words.
 */
QX_API qx_status qx_verify(const qx_extractor *ex, qx_state *st, const char *text, size_t len,
                           const char *claim, size_t claim_len, const char *speaker,
                           size_t speaker_len, qx_verification **out, qx_error *err);
/**
 * The same against records already extracted from text (res from qx_extract
 * with ex on the same text): many claims, one extraction.
 * Owns: on success *out is a new verification owned by the caller (free it
 * with qx_verification_free); res is borrowed and must outlive it, since
 * qx_verification_quote points into res. Threads: res may be shared by any
 * number of verifying threads. Errors: as qx_verify, without extraction ones.
 */
QX_API qx_status qx_verify_result(const qx_extractor *ex, const qx_result *res, const char *text,
                                  size_t len, const char *claim, size_t claim_len,
                                  const char *speaker, size_t speaker_len,
                                  qx_verification **out, qx_error *err);
/** The verdict of v (QX_VERDICT_NOT_FOUND for NULL). Threads: any readers. */
QX_API qx_verdict qx_verification_verdict(const qx_verification *v);
/** How the claim matched the article (QX_MATCH_NONE when not found or NULL). */
QX_API qx_match qx_verification_match(const qx_verification *v);
/** The record holding the claimed words (evidence: segments, speaker mention,
 *  cue, rule), or NULL (not found, or the words are in no record). Owns:
 *  borrowed, valid until qx_verification_free (qx_verify) or qx_result_free
 *  (qx_verify_result). Threads: any readers. */
QX_API const qx_quote *qx_verification_quote(const qx_verification *v);
/** Index of that record in its result (qx_result_get), or QX_UNSET. */
QX_API size_t qx_verification_quote_index(const qx_verification *v);
/** The article's words that matched the claim, byte offsets into text;
 *  {QX_UNSET, QX_UNSET} when not found. */
QX_API qx_span qx_verification_span(const qx_verification *v);
/** The speaker the article gives (the record's resolved name), or NULL.
 *  Owns: borrowed like qx_verification_quote. */
QX_API const char *qx_verification_speaker(const qx_verification *v);
/** The record's calibrated confidence that this speaker said it; 0 when
 *  the verdict is NOT_FOUND or UNATTRIBUTED. */
QX_API double qx_verification_confidence(const qx_verification *v);
/** Number of words that differ (QX_MATCH_ALTERED); 0 otherwise or for NULL. */
QX_API size_t qx_verification_difference_count(const qx_verification *v);
/** Differing word i in claim order, or NULL past the end. Owns: borrowed
 *  from v until qx_verification_free. */
QX_API const qx_difference *qx_verification_difference(const qx_verification *v, size_t i);
/** Free v, and the records too when they came from qx_verify; NULL is a
 *  no-op. Threads: once, after every reader is done. */
QX_API void qx_verification_free(qx_verification *v);

/** One-shot: builds and frees a default extractor on every call, so it is
 *  slow (milliseconds of compiling per call); for tests and tiny tools.
 *  Owns, Threads, Errors: as qx_extract, plus QX_E_PATTERN/QX_E_INTERNAL from
 *  building the extractor. */
QX_API qx_status qx_extract_once(const char *text, size_t len, qx_result **out, qx_error *err);

/** Convert n byte offsets into text to code-point offsets, in place (for
 *  bindings whose strings count code points). offsets must be ascending
 *  (equal values allowed) and <= len; text must be valid UTF-8. One linear
 *  pass. Owns: offsets belongs to the caller. Threads: any.
 *  Errors: QX_E_INVALID_ARG (NULL, unsorted or out-of-range offsets); the
 *  array may then be partly converted. */
QX_API qx_status qx_utf8_offsets_to_codepoints(const char *text, size_t len, size_t *offsets,
                                               size_t n);

#ifdef __cplusplus
}
#endif
#endif /* QX_QUOTEEX_H */
