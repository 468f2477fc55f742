/* The API contract of quoteex.h: versions, statuses, NULL handling, option
 * validation, error reporting and ownership. Behaviour lives in test_extract.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* Scratch files start with this; CMake makes it unique per test executable. */
#ifndef QXT_TMP_PREFIX
#define QXT_TMP_PREFIX "./test_api"
#endif

static const char k_text[] = "“The pier will reopen in May,” said Anna Berg.";

static void test_version(void)
{
    char want[32];
    INT_EQ(qx_version_number(), QX_VERSION_NUMBER);
    STR_EQ(qx_version_string(), QX_VERSION_STRING);
    snprintf(want, sizeof want, "%d.%d.%d", QX_VERSION_MAJOR, QX_VERSION_MINOR, QX_VERSION_PATCH);
    STR_EQ(QX_VERSION_STRING, want);
    if (OK(qx_pcre2_version() != NULL))
        OK(strncmp(qx_pcre2_version(), "10.", 3) == 0);
}

static void test_strerror(void)
{
    static const qx_status all[] = {QX_OK,        QX_E_NOMEM, QX_E_INVALID_ARG, QX_E_BAD_UTF8,
                                    QX_E_PATTERN, QX_E_LIMIT, QX_E_IO,          QX_E_SYNTAX,
                                    QX_E_INTERNAL};
    size_t n = sizeof all / sizeof all[0];
    for (size_t i = 0; i < n; i++) {
        const char *msg = qx_strerror(all[i]);
        if (!OK(msg != NULL && msg[0] != '\0'))
            continue;
        for (size_t j = 0; j < i; j++)
            OK(strcmp(msg, qx_strerror(all[j])) != 0);
    }
    /* "never NULL", even for a value outside the enum */
    OK(qx_strerror((qx_status)42) != NULL);
    OK(qx_strerror((qx_status)-100) != NULL);
}

static void test_free_null(void)
{
    qx_options_free(NULL);
    qx_extractor_free(NULL);
    qx_state_free(NULL);
    qx_result_free(NULL);
    OK(1);
}

static void test_options(void)
{
    qx_options *opts = qx_options_new(NULL);
    uint32_t flags = QX_FLAG_NO_JIT | QX_FLAG_KEEP_PRONOUNS | QX_FLAG_NO_SINGLE_QUOTES;
    if (!OK(opts != NULL))
        return;
    INT_EQ(qx_options_get_flags(opts), 0);
    INT_EQ(qx_options_set_flags(opts, flags), QX_OK);
    INT_EQ(qx_options_get_flags(opts), flags);
    INT_EQ(qx_options_set_flags(opts, 0), QX_OK);
    INT_EQ(qx_options_get_flags(opts), 0);

    INT_EQ(qx_options_set_max_quote_len(opts, 5000), QX_OK);
    INT_EQ(qx_options_set_match_limit(opts, 50000), QX_OK);
    INT_EQ(qx_options_set_heap_limit_kib(opts, 1024), QX_OK);
    /* a zero limit would make every call fail or every quote empty */
    INT_EQ(qx_options_set_max_quote_len(opts, 0), QX_E_INVALID_ARG);
    INT_EQ(qx_options_set_match_limit(opts, 0), QX_E_INVALID_ARG);
    INT_EQ(qx_options_set_heap_limit_kib(opts, 0), QX_E_INVALID_ARG);

    INT_EQ(qx_options_set_flags(NULL, 0), QX_E_INVALID_ARG);
    INT_EQ(qx_options_set_max_quote_len(NULL, 100), QX_E_INVALID_ARG);
    INT_EQ(qx_options_set_match_limit(NULL, 100), QX_E_INVALID_ARG);
    INT_EQ(qx_options_set_heap_limit_kib(NULL, 100), QX_E_INVALID_ARG);
    INT_EQ(qx_options_clear_lexicon(NULL, QX_LEX_CUE), QX_E_INVALID_ARG);
    INT_EQ(qx_options_clear_lexicon(opts, QX_LEX_COUNT_), QX_E_INVALID_ARG);
    INT_EQ(qx_options_clear_rules(NULL), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_lexicon(opts, QX_LEX_COUNT_, "x\n", 2, NULL), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_lexicon(NULL, QX_LEX_TITLE, "Gov.\n", 5, NULL), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_rules(NULL, "", 0, NULL), QX_E_INVALID_ARG);
    qx_options_free(opts);
}

static void test_extractor_default(void)
{
    qx_error err;
    qx_extractor *ex = qx_extractor_new(NULL, &err);
    size_t n;
    if (!OK(ex != NULL)) {
        printf("  qx_extractor_new(NULL): %s\n", err.message);
        return;
    }
    n = qx_extractor_rule_count(ex);
    OK(n > 0);
    for (size_t i = 0; i < n; i++) {
        const char *name = qx_extractor_rule_name(ex, i);
        OK(name != NULL && name[0] != '\0');
    }
    OK(qx_extractor_uses_jit(ex) == 0 || qx_extractor_uses_jit(ex) == 1);
    qx_extractor_free(ex);
}

static void test_extractor_no_jit(void)
{
    qx_options *opts = qx_options_new(NULL);
    qx_extractor *ex;
    if (!OK(opts != NULL))
        return;
    qx_options_set_flags(opts, QX_FLAG_NO_JIT);
    ex = qx_extractor_new(opts, NULL);
    /* the extractor copies what it needs, so the options may go first */
    qx_options_free(opts);
    if (!OK(ex != NULL))
        return;
    INT_EQ(qx_extractor_uses_jit(ex), 0);
    qx_extractor_free(ex);
}

static void test_extract_args(void)
{
    qx_error err;
    qx_extractor *ex = qx_extractor_new(NULL, NULL);
    qx_result *res = NULL;
    if (!OK(ex != NULL))
        return;

    INT_EQ(qx_extract(ex, NULL, NULL, 0, &res, &err), QX_OK);
    if (OK(res != NULL)) {
        SIZE_EQ(qx_result_count(res), 0);
        OK(qx_result_get(res, 0) == NULL);
        SIZE_EQ(qx_result_diagnostic_count(res), 0);
        qx_result_free(res);
    }
    INT_EQ(qx_extract(ex, NULL, "", 0, &res, &err), QX_OK);
    if (OK(res != NULL)) {
        SIZE_EQ(qx_result_count(res), 0);
        qx_result_free(res);
    }

    INT_EQ(qx_extract(ex, NULL, k_text, strlen(k_text), NULL, &err), QX_E_INVALID_ARG);
    INT_EQ(err.code, QX_E_INVALID_ARG);
    OK(memchr(err.message, '\0', sizeof err.message) != NULL);
    INT_EQ(qx_extract(NULL, NULL, k_text, strlen(k_text), &res, &err), QX_E_INVALID_ARG);
    INT_EQ(qx_extract(ex, NULL, NULL, 5, &res, &err), QX_E_INVALID_ARG);
    /* err is optional */
    INT_EQ(qx_extract(ex, NULL, k_text, strlen(k_text), NULL, NULL), QX_E_INVALID_ARG);

    /* past-the-end lookups are NULL, not a crash */
    INT_EQ(qx_extract(ex, NULL, k_text, strlen(k_text), &res, &err), QX_OK);
    if (OK(res != NULL)) {
        OK(qx_result_get(res, qx_result_count(res)) == NULL);
        OK(qx_result_get_diagnostic(res, qx_result_diagnostic_count(res)) == NULL);
        qx_result_free(res);
    }
    qx_extractor_free(ex);
}

static void test_bad_utf8(void)
{
    static const char bad[] = "ab\xff";
    qx_error err;
    qx_result *res = NULL;
    qx_options *opts;
    qx_extractor *ex = qx_extractor_new(NULL, NULL);
    if (!OK(ex != NULL))
        return;
    memset(&err, 0, sizeof err);
    INT_EQ(qx_extract(ex, NULL, bad, 3, &res, &err), QX_E_BAD_UTF8);
    INT_EQ(err.code, QX_E_BAD_UTF8);
    SIZE_EQ(err.offset, 2);
    OK(err.message[0] != '\0');
    INT_EQ(qx_extract(ex, NULL, bad, 3, &res, NULL), QX_E_BAD_UTF8);
    /* a truncated sequence at the very end: the offset is its lead byte */
    INT_EQ(qx_extract(ex, NULL, "abc\xe2\x80", 5, &res, &err), QX_E_BAD_UTF8);
    SIZE_EQ(err.offset, 3);
    qx_extractor_free(ex);

    opts = qx_options_new(NULL);
    if (!OK(opts != NULL))
        return;
    qx_options_set_flags(opts, QX_FLAG_LENIENT_UTF8);
    ex = qx_extractor_new(opts, &err);
    qx_options_free(opts);
    if (!OK(ex != NULL))
        return;
    INT_EQ(qx_extract(ex, NULL, bad, 3, &res, &err), QX_OK);
    if (OK(res != NULL)) {
        SIZE_EQ(qx_result_count(res), 0);
        qx_result_free(res);
    }
    qx_extractor_free(ex);
}

static void test_lexicon_text(void)
{
    qx_error err;
    qx_options *opts = qx_options_new(NULL);
    if (!OK(opts != NULL))
        return;
    INT_EQ(qx_options_add_lexicon(opts, QX_LEX_PRONOUN, "# extra\n\nxe x\n", 14, &err), QX_OK);
    INT_EQ(qx_options_add_lexicon(opts, QX_LEX_TITLE, "Gov.\nSupt.", 10, &err), QX_OK);

    memset(&err, 0, sizeof err);
    INT_EQ(qx_options_add_lexicon(opts, QX_LEX_PRONOUN, "she f\nhe\n", 9, &err), QX_E_SYNTAX);
    INT_EQ(err.code, QX_E_SYNTAX);
    SIZE_EQ(err.line, 2);
    OK(err.message[0] != '\0');

    memset(&err, 0, sizeof err);
    INT_EQ(qx_options_add_lexicon(opts, QX_LEX_MARKS, "«\n", 3, &err), QX_E_SYNTAX);
    SIZE_EQ(err.line, 1);

    /* the text is (text, len): bytes past len are not read */
    INT_EQ(qx_options_add_lexicon(opts, QX_LEX_PRONOUN, "ze xBROKEN", 4, &err), QX_OK);
    qx_options_free(opts);
}

static void test_lexicon_file(void)
{
    static const char missing[] = "/nonexistent-qx-dir/no-such-lexicon.txt";
    char path[512];
    qx_error err;
    FILE *f;
    qx_options *opts = qx_options_new(NULL);
    if (!OK(opts != NULL))
        return;

    memset(&err, 0, sizeof err);
    INT_EQ(qx_options_load_lexicon_file(opts, QX_LEX_CUE, missing, &err), QX_E_IO);
    INT_EQ(err.code, QX_E_IO);
    OK(strstr(err.message, missing) != NULL);
    INT_EQ(qx_options_load_lexicon_file(opts, QX_LEX_CUE, NULL, &err), QX_E_INVALID_ARG);
    INT_EQ(qx_options_load_rules_file(opts, missing, &err), QX_E_IO);
    OK(strstr(err.message, missing) != NULL);

    snprintf(path, sizeof path, "%s_pronouns.txt", QXT_TMP_PREFIX);
    f = fopen(path, "w");
    if (OK(f != NULL)) {
        fputs("# pronouns\nhe m\nshe f\nit\n", f);
        fclose(f);
        memset(&err, 0, sizeof err);
        INT_EQ(qx_options_load_lexicon_file(opts, QX_LEX_PRONOUN, path, &err), QX_E_SYNTAX);
        SIZE_EQ(err.line, 4);
        /* "errors name the file and line" */
        OK(strstr(err.message, "_pronouns.txt") != NULL);
        remove(path);
    }
    qx_options_free(opts);
}

/* Rule text format: libquote/data/rules.txt. */
static void test_rule_syntax(void)
{
    /* an unknown WHERE: the text is malformed before any pattern compiles,
     * and err->line counts lines of the text passed in */
    static const char bad_where[] = "# comment\nrule test.where sideways 0.5\n  \\Gabc\n";
    qx_error err;
    qx_options *opts = qx_options_new(NULL);
    if (!OK(opts != NULL))
        return;
    memset(&err, 0, sizeof err);
    INT_EQ(qx_options_add_rules(opts, bad_where, strlen(bad_where), &err), QX_E_SYNTAX);
    SIZE_EQ(err.line, 2);
    qx_options_free(opts);
}

static void test_rule_pattern(void)
{
    static const char unclosed[] = "rule test.unclosed after 0.5\n"
                                   "  \\G\\s*(?<speaker>[A-Z]\\w+\n";
    static const char good[] = "rule test.ok after 0.5\n  \\G\\s+said\n";
    qx_error err;
    qx_extractor *ex;
    qx_options *opts = qx_options_new(NULL);
    if (!OK(opts != NULL))
        return;

    INT_EQ(qx_options_add_rules(opts, unclosed, strlen(unclosed), &err), QX_OK);
    memset(&err, 0, sizeof err);
    ex = qx_extractor_new(opts, &err);
    OK(ex == NULL);
    INT_EQ(err.code, QX_E_PATTERN);
    OK(strstr(err.message, "test.unclosed") != NULL);
    qx_extractor_free(ex);

    /* clearing drops the bad rule with the built-in ones */
    INT_EQ(qx_options_clear_rules(opts), QX_OK);
    INT_EQ(qx_options_add_rules(opts, good, strlen(good), &err), QX_OK);
    ex = qx_extractor_new(opts, &err);
    if (OK(ex != NULL)) {
        SIZE_EQ(qx_extractor_rule_count(ex), 1);
        STR_EQ(qx_extractor_rule_name(ex, 0), "test.ok");
    }
    qx_extractor_free(ex);
    qx_options_free(opts);
}

/* "once KEY": a define written out at its first use in a rule and called
 * (a PCRE2 subroutine) at the others matches as if written out each time;
 * "once" of a name not defined before it is a syntax error. */
static void test_rule_once(void)
{
    static const char rules[] = "define CAPWORD [A-Z][a-z]+\n"
                                "once CAPWORD\n"
                                "rule test.once after 0.5\n"
                                "  \\G,?\\s+(?<speaker>{CAPWORD}\\s+{CAPWORD})\\s+said\n";
    static const char undefined[] = "# comment\nonce NOWHERE\n";
    static const char text[] = "\"The tide is late,\" Ada Roe said.";
    qx_error err;
    qx_result *res = NULL;
    qx_options *opts = qx_options_new(NULL);
    if (!OK(opts != NULL))
        return;
    memset(&err, 0, sizeof err);
    INT_EQ(qx_options_add_rules(opts, undefined, strlen(undefined), &err), QX_E_SYNTAX);
    SIZE_EQ(err.line, 2);
    INT_EQ(qx_options_clear_rules(opts), QX_OK);
    INT_EQ(qx_options_add_rules(opts, rules, strlen(rules), &err), QX_OK);
    qx_extractor *ex = qx_extractor_new(opts, &err);
    if (OK(ex != NULL) && OK(qx_extract(ex, NULL, text, strlen(text), &res, &err) == QX_OK) &&
        OK(qx_result_count(res) == 1)) {
        STR_EQ(qx_result_get(res, 0)->speaker, "Ada Roe");
        STR_EQ(qx_result_get(res, 0)->rule, "test.once");
    }
    qx_result_free(res);
    res = NULL;
    qx_extractor_free(ex);

    /* A branch that opens with the call: where a match can start is read
     * through the call into the group (prefilter.c), and must not lose it. */
    static const char before[] = "define CAPWORD [A-Z][a-z]+\n"
                                 "once CAPWORD\n"
                                 "rule test.call_first before 0.5\n"
                                 "  (?<speaker>Q{CAPWORD}|{CAPWORD})\\s+said:\\s*\\z\n";
    static const char text2[] = "Ada said: \"The tide is late.\"";
    INT_EQ(qx_options_clear_rules(opts), QX_OK);
    INT_EQ(qx_options_add_rules(opts, before, strlen(before), &err), QX_OK);
    ex = qx_extractor_new(opts, &err);
    if (OK(ex != NULL) && OK(qx_extract(ex, NULL, text2, strlen(text2), &res, &err) == QX_OK) &&
        OK(qx_result_count(res) == 1))
        STR_EQ(qx_result_get(res, 0)->speaker, "Ada");
    qx_result_free(res);
    qx_extractor_free(ex);
    qx_options_free(opts);
}

static void test_offsets(void)
{
    static const char text[] = "aéb";
    size_t offs[] = {0, 1, 3, 4};
    size_t bad[] = {0, 9};
    INT_EQ(qx_utf8_offsets_to_codepoints(text, 4, offs, 4), QX_OK);
    SIZE_EQ(offs[0], 0);
    SIZE_EQ(offs[1], 1);
    SIZE_EQ(offs[2], 2);
    SIZE_EQ(offs[3], 3);
    INT_EQ(qx_utf8_offsets_to_codepoints(text, 4, NULL, 0), QX_OK);
    /* "offsets must be ... <= len" */
    INT_EQ(qx_utf8_offsets_to_codepoints(text, 4, bad, 2), QX_E_INVALID_ARG);
}

static void test_extract_once(void)
{
    qx_result *res = NULL;
    qx_error err;
    INT_EQ(qx_extract_once(k_text, strlen(k_text), &res, &err), QX_OK);
    if (OK(res != NULL)) {
        SIZE_EQ(qx_result_count(res), 1);
        qx_result_free(res);
    }
    INT_EQ(qx_extract_once("ab\xff", 3, &res, &err), QX_E_BAD_UTF8);
    SIZE_EQ(err.offset, 2);
    INT_EQ(qx_extract_once(k_text, strlen(k_text), NULL, &err), QX_E_INVALID_ARG);
}

static void test_state_reuse(void)
{
    qx_extractor *ex = qx_extractor_new(NULL, NULL);
    qx_state *st;
    if (!OK(ex != NULL))
        return;
    OK(qx_state_new(NULL) == NULL);
    st = qx_state_new(ex);
    if (OK(st != NULL)) {
        for (int i = 0; i < 3; i++) {
            qx_result *res = NULL;
            INT_EQ(qx_extract(ex, st, k_text, strlen(k_text), &res, NULL), QX_OK);
            if (OK(res != NULL))
                SIZE_EQ(qx_result_count(res), 1);
            qx_result_free(res);
        }
        qx_state_free(st);
    }
    qx_extractor_free(ex);
}

/* Counts live blocks to show every allocation goes through the hook. */
typedef struct counter {
    long live;
    long total;
} counter;

static void *count_malloc(void *ctx, size_t size)
{
    counter *c = ctx;
    void *p = malloc(size ? size : 1);
    if (p) {
        c->live++;
        c->total++;
    }
    return p;
}

static void *count_realloc(void *ctx, void *ptr, size_t size)
{
    counter *c = ctx;
    void *p = realloc(ptr, size ? size : 1);
    if (p && !ptr) {
        c->live++;
        c->total++;
    }
    return p;
}

static void count_free(void *ctx, void *ptr)
{
    counter *c = ctx;
    if (ptr)
        c->live--;
    free(ptr);
}

static void test_allocator(void)
{
    counter c = {0, 0};
    qx_allocator a = {count_malloc, count_realloc, count_free, &c};
    qx_options *opts = qx_options_new(&a);
    qx_extractor *ex;
    qx_state *st;
    qx_result *res = NULL;
    if (!OK(opts != NULL))
        return;
    ex = qx_extractor_new(opts, NULL);
    qx_options_free(opts);
    if (!OK(ex != NULL))
        return;
    st = qx_state_new(ex);
    INT_EQ(qx_extract(ex, st, k_text, strlen(k_text), &res, NULL), QX_OK);
    qx_result_free(res);
    qx_state_free(st);
    qx_extractor_free(ex);
    OK(c.total > 0);
    INT_EQ(c.live, 0);
}

int main(void)
{
    RUN(test_version);
    RUN(test_strerror);
    RUN(test_free_null);
    RUN(test_options);
    RUN(test_extractor_default);
    RUN(test_extractor_no_jit);
    RUN(test_extract_args);
    RUN(test_bad_utf8);
    RUN(test_lexicon_text);
    RUN(test_lexicon_file);
    RUN(test_rule_syntax);
    RUN(test_rule_pattern);
    RUN(test_rule_once);
    RUN(test_offsets);
    RUN(test_extract_once);
    RUN(test_state_reuse);
    RUN(test_allocator);
    return qxt_summary();
}
