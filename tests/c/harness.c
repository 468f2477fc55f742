#include "harness.h"

#include <stdio.h>
#include <string.h>

static int g_checks;
static int g_failed;
static const char *g_test = "(none)";
static int g_test_failed_before;

/* Failures go to stdout with the ok/FAIL lines so ctest logs keep their order. */

static int report(int passed, const char *file, int line)
{
    g_checks++;
    if (passed)
        return 1;
    g_failed++;
    fprintf(stdout, "FAIL %s (%s:%d): ", g_test, file, line);
    return 0;
}

int qxt_ok(int cond, const char *expr, const char *file, int line)
{
    if (report(cond, file, line))
        return 1;
    fprintf(stdout, "%s\n", expr);
    return 0;
}

int qxt_int_eq(long long got, long long want, const char *expr, const char *file, int line)
{
    if (report(got == want, file, line))
        return 1;
    fprintf(stdout, "%s == %lld, expected %lld\n", expr, got, want);
    return 0;
}

int qxt_size_eq(size_t got, size_t want, const char *expr, const char *file, int line)
{
    if (report(got == want, file, line))
        return 1;
    if (got == QX_UNSET)
        fprintf(stdout, "%s == QX_UNSET, expected %zu\n", expr, want);
    else
        fprintf(stdout, "%s == %zu, expected %zu\n", expr, got, want);
    return 0;
}

int qxt_str_eq(const char *got, const char *want, const char *expr, const char *file, int line)
{
    int same = (got == NULL || want == NULL) ? got == want : strcmp(got, want) == 0;
    if (report(same, file, line))
        return 1;
    fprintf(stdout, "%s == %s%s%s, expected %s%s%s\n", expr, got ? "\"" : "",
            got ? got : "NULL", got ? "\"" : "", want ? "\"" : "", want ? want : "NULL",
            want ? "\"" : "");
    return 0;
}

static int span_is_unset(qx_span s)
{
    return s.start == QX_UNSET && s.end == QX_UNSET;
}

/* Prints text[span] or why it cannot be printed. */
static void print_span(const char *text, qx_span s)
{
    if (span_is_unset(s))
        fprintf(stdout, "unset");
    else if (s.start > s.end || s.end > strlen(text))
        fprintf(stdout, "invalid [%zu, %zu)", s.start, s.end);
    else
        fprintf(stdout, "\"%.*s\" [%zu, %zu)", (int)(s.end - s.start), text + s.start, s.start,
                s.end);
}

static int span_text_ok(const char *text, qx_span s)
{
    return !span_is_unset(s) && s.start <= s.end && s.end <= strlen(text);
}

int qxt_span_eq(const char *text, qx_span s, const char *want, const char *expr, const char *file,
                int line)
{
    int same;
    if (want == NULL)
        same = span_is_unset(s);
    else
        same = span_text_ok(text, s) && s.end - s.start == strlen(want) &&
               memcmp(text + s.start, want, s.end - s.start) == 0;
    if (report(same, file, line))
        return 1;
    fprintf(stdout, "%s is ", expr);
    print_span(text, s);
    fprintf(stdout, ", expected %s%s%s\n", want ? "\"" : "", want ? want : "unset",
            want ? "\"" : "");
    return 0;
}

int qxt_span_starts(const char *text, qx_span s, const char *want, const char *expr,
                    const char *file, int line)
{
    int same = span_text_ok(text, s) && s.end - s.start >= strlen(want) &&
               memcmp(text + s.start, want, strlen(want)) == 0;
    if (report(same, file, line))
        return 1;
    fprintf(stdout, "%s is ", expr);
    print_span(text, s);
    fprintf(stdout, ", expected to start with \"%s\"\n", want);
    return 0;
}

void qxt_run(void (*fn)(void), const char *name)
{
    g_test = name;
    g_test_failed_before = g_failed;
    fn();
    printf("%-4s %s\n", g_failed == g_test_failed_before ? "ok" : "FAIL", name);
    fflush(stdout);
    g_test = "(none)";
}

int qxt_summary(void)
{
    printf("%d checks, %d failed\n", g_checks, g_failed);
    return g_failed == 0 ? 0 : 1;
}
