/*
 * Bad input gets a clear answer: invalid UTF-8 (strict and lenient), NUL
 * bytes, empty and whitespace-only text, invalid options, malformed user
 * lexicon and rule files (the error names file, line and problem).
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

static const char k_quote[] = "\xe2\x80\x9cWe will rebuild the old bridge,\xe2\x80\x9d said Alma Reyes.\n";

static qx_extractor *with_flags(uint32_t flags)
{
    qx_options *o = qx_options_new(NULL);
    qx_extractor *ex;
    if (!o)
        return NULL;
    qx_options_set_flags(o, flags);
    ex = qx_extractor_new(o, NULL);
    qx_options_free(o);
    return ex;
}

/* Strict mode: the offset is the first invalid byte, for each kind of fault. */
static void test_strict_utf8_offsets(void)
{
    static const struct {
        const char *text;
        size_t len, offset;
    } cases[] = {
        {"abc\x80", 4, 3},                     /* stray continuation byte */
        {"ab\xc3\x28z", 5, 2},                 /* lead byte, bad continuation */
        {"\xc0\xaf", 2, 0},                    /* overlong '/' */
        {"ok \xed\xa0\x80", 6, 3},             /* UTF-16 surrogate D800 */
        {"\xf4\x90\x80\x80", 4, 0},            /* past U+10FFFF */
        {"x\xe2\x80\x9c\xf0\x9f\x98", 7, 4},   /* truncated 4-byte sequence at the end */
        {"\xfe", 1, 0},                        /* never valid */
    };
    qx_extractor *ex = qx_extractor_new(NULL, NULL);
    if (!OK(ex != NULL))
        return;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        qx_error err;
        qx_result *res = (qx_result *)&err;
        memset(&err, 0, sizeof err);
        INT_EQ(qx_extract(ex, NULL, cases[i].text, cases[i].len, &res, &err), QX_E_BAD_UTF8);
        OK(res == NULL);
        INT_EQ(err.code, QX_E_BAD_UTF8);
        SIZE_EQ(err.offset, cases[i].offset);
        OK(strstr(err.message, "UTF-8") != NULL);
    }
    qx_extractor_free(ex);
}

/* Lenient mode finds the quote between bad bytes, with offsets into the
 * caller's bytes (not into a cleaned copy of another length). */
static void test_lenient_extracts_valid_parts(void)
{
    char text[256];
    qx_result *res = NULL;
    size_t prefix = 5, len;
    qx_extractor *ex = with_flags(QX_FLAG_LENIENT_UTF8);
    if (!OK(ex != NULL))
        return;
    memcpy(text, "\xff\xfe\xc3 \n", prefix);
    memcpy(text + prefix, k_quote, sizeof k_quote - 1);
    len = prefix + sizeof k_quote - 1;
    memcpy(text + len, "\xed\xa0\x80 tail\x80\n", 11);
    len += 11;
    if (INT_EQ(qx_extract(ex, NULL, text, len, &res, NULL), QX_OK) && OK(res != NULL)) {
        if (SIZE_EQ(qx_result_count(res), 1)) {
            const qx_quote *q = qx_result_get(res, 0);
            SIZE_EQ(q->segments[0].outer.start, prefix);
            SIZE_EQ(q->segments[0].inner.start, prefix + 3);
            OK(!memcmp(text + q->segments[0].inner.start, "We will rebuild", 15));
            STR_EQ(q->speaker, "Alma Reyes");
            OK(!memcmp(text + q->speaker_mention.start, "Alma Reyes", 10));
        }
    }
    qx_result_free(res);
    qx_extractor_free(ex);
}

/* NUL bytes read as spaces (header, qx_extract): the text after one is read,
 * offsets count it, and the records are those of the text with spaces. */
static void test_nul_bytes(void)
{
    static const char text[] = "Before\0after.\n\n\"The river is rising fast,\" Tom\0Becker said.\n"
                               "\xe2\x80\x9cWe will rebuild the old bridge,\xe2\x80\x9d said Alma Reyes.\0";
    char spaced[sizeof text];
    qx_result *res = NULL, *want = NULL;
    qx_extractor *ex = qx_extractor_new(NULL, NULL);
    if (!OK(ex != NULL))
        return;
    memcpy(spaced, text, sizeof text);
    for (size_t i = 0; i < sizeof text - 1; i++)
        if (!spaced[i])
            spaced[i] = ' ';
    INT_EQ(qx_extract(ex, NULL, spaced, sizeof text - 1, &want, NULL), QX_OK);
    if (INT_EQ(qx_extract(ex, NULL, text, sizeof text - 1, &res, NULL), QX_OK) && OK(res && want)) {
        if (SIZE_EQ(qx_result_count(res), 2) && SIZE_EQ(qx_result_count(want), 2)) {
            for (size_t i = 0; i < 2; i++) {
                const qx_quote *q = qx_result_get(res, i), *w = qx_result_get(want, i);
                SIZE_EQ(q->segments[0].outer.start, w->segments[0].outer.start);
                SIZE_EQ(q->segments[0].outer.end, w->segments[0].outer.end);
                SIZE_EQ(q->speaker_mention.start, w->speaker_mention.start);
                STR_EQ(q->speaker, w->speaker);
            }
            STR_EQ(qx_result_get(res, 0)->speaker, "Tom Becker"); /* "Tom\0Becker" */
            STR_EQ(qx_result_get(res, 1)->speaker, "Alma Reyes");
        }
    }
    qx_result_free(res);
    qx_result_free(want);
    qx_extractor_free(ex);
}

static void test_empty_and_whitespace(void)
{
    static const char *const texts[] = {"", " ", "\n", "\n\n\n", " \t\r\n \r\n\t ",
                                        "\xc2\xa0\xe2\x80\x83\n"}; /* NBSP, em space */
    qx_extractor *ex = qx_extractor_new(NULL, NULL);
    if (!OK(ex != NULL))
        return;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        qx_result *res = NULL;
        if (INT_EQ(qx_extract(ex, NULL, texts[i], strlen(texts[i]), &res, NULL), QX_OK) &&
            OK(res != NULL)) {
            SIZE_EQ(qx_result_count(res), 0);
            SIZE_EQ(qx_result_diagnostic_count(res), 0);
        }
        qx_result_free(res);
    }
    qx_extractor_free(ex);
}

static void test_invalid_options(void)
{
    qx_error err;
    qx_allocator half = {NULL, NULL, NULL, NULL};
    qx_options *o = qx_options_new(NULL);
    if (!OK(o != NULL))
        return;
    OK(qx_options_new(&half) == NULL); /* an allocator needs all three functions */
    INT_EQ(qx_options_set_flags(o, 1u << 30), QX_E_INVALID_ARG);
    INT_EQ(qx_options_get_flags(o), 0); /* unchanged */
    INT_EQ(qx_options_set_max_quote_len(o, 1), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_lexicon(o, QX_LEX_COUNT_, "x", 1, &err), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_lexicon(o, (qx_lexicon)-1, "x", 1, &err), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_lexicon(o, QX_LEX_ROLE, NULL, 3, &err), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_lexicon(NULL, QX_LEX_ROLE, "x", 1, &err), QX_E_INVALID_ARG);
    INT_EQ(qx_options_clear_lexicon(o, QX_LEX_COUNT_), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_rules(o, NULL, 2, &err), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_rules(NULL, "x", 1, &err), QX_E_INVALID_ARG);
    INT_EQ(qx_options_clear_rules(NULL), QX_E_INVALID_ARG);
    INT_EQ(qx_options_load_rules_file(o, NULL, &err), QX_E_INVALID_ARG);
    INT_EQ(qx_options_add_rules(o, "rule a.b after 0.5\n  \\G\xff\n", 25, &err), QX_E_BAD_UTF8);
    SIZE_EQ(err.offset, 23);
    /* a state of one extractor cannot serve another */
    {
        qx_extractor *a = qx_extractor_new(NULL, NULL), *b = qx_extractor_new(NULL, NULL);
        qx_state *st = qx_state_new(a);
        qx_result *res = NULL;
        if (OK(a && b && st)) {
            INT_EQ(qx_extract(b, st, "x", 1, &res, &err), QX_E_INVALID_ARG);
            OK(res == NULL);
        }
        qx_state_free(st);
        qx_extractor_free(a);
        qx_extractor_free(b);
    }
    OK(qx_state_new(NULL) == NULL);
    qx_options_free(o);
}

/* Writes text to a scratch file named after the test binary. */
static int write_file(char *path, size_t cap, const char *name, const char *text)
{
    FILE *f;
    snprintf(path, cap, "%s_%s", QXT_TMP_PREFIX, name);
    f = fopen(path, "wb");
    if (!f)
        return 0;
    fputs(text, f);
    fclose(f);
    return 1;
}

/* One malformed file per lexicon kind and for rules: status SYNTAX, the line,
 * and a message with the file name and the problem. */
static void test_malformed_files(void)
{
    static const struct {
        int which; /* a qx_lexicon, or -1 for rules */
        const char *text;
        size_t line;
        const char *problem; /* a word the message must contain */
    } cases[] = {
        {QX_LEX_CUE, "say = said\n= said\n", 2, "lemma"},
        {QX_LEX_PRONOUN, "he m\nshe q\n", 2, "gender"},
        {QX_LEX_MARKS, "\xc2\xab \xc2\xbb\n\xc2\xab\n", 2, "close"},
        {QX_LEX_MARKS, "\xc2\xab \xc2\xbb sideways\n", 1, "flag"},
        {-1, "rule a.b after 0.5\n  \\Gx\n\nrule c.d after 2\n  \\Gy\n", 4, "confidence"},
        {-1, "  \\Gx\n", 1, "outside"},
        {-1, "rule a.b after 0.5\n", 1, "no pattern"},
        {-1, "frobnicate x\n", 1, "define"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[512];
        qx_error err;
        qx_status rc;
        qx_options *o = qx_options_new(NULL);
        if (!OK(o != NULL) || !OK(write_file(path, sizeof path, "bad.txt", cases[i].text))) {
            qx_options_free(o);
            continue;
        }
        memset(&err, 0, sizeof err);
        rc = cases[i].which < 0 ? qx_options_load_rules_file(o, path, &err)
                                : qx_options_load_lexicon_file(o, (qx_lexicon)cases[i].which, path,
                                                               &err);
        INT_EQ(rc, QX_E_SYNTAX);
        INT_EQ(err.code, QX_E_SYNTAX);
        SIZE_EQ(err.line, cases[i].line);
        if (!OK(strstr(err.message, "_bad.txt") != NULL) ||
            !OK(strstr(err.message, cases[i].problem) != NULL))
            printf("  case %zu: %s\n", i, err.message);
        remove(path);
        qx_options_free(o);
    }
}

int main(void)
{
    RUN(test_strict_utf8_offsets);
    RUN(test_lenient_extracts_valid_parts);
    RUN(test_nul_bytes);
    RUN(test_empty_and_whitespace);
    RUN(test_invalid_options);
    RUN(test_malformed_files);
    return qxt_summary();
}
