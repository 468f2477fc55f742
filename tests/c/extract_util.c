#include "extract_util.h"

#include <stdio.h>
#include <string.h>

static qx_extractor *g_default;

const qx_extractor *qxt_default(void)
{
    if (!g_default) {
        qx_error err;
        g_default = qx_extractor_new(NULL, &err);
        if (!g_default)
            printf("  qx_extractor_new(NULL) failed: %s\n", err.message);
    }
    return g_default;
}

qx_extractor *qxt_with_flags(uint32_t flags)
{
    qx_error err;
    qx_extractor *ex = NULL;
    qx_options *opts = qx_options_new(NULL);
    if (opts && qx_options_set_flags(opts, flags) == QX_OK) {
        ex = qx_extractor_new(opts, &err);
        if (!ex)
            printf("  qx_extractor_new(flags=0x%x) failed: %s\n", (unsigned)flags, err.message);
    }
    qx_options_free(opts);
    return ex;
}

void qxt_teardown(void)
{
    qx_extractor_free(g_default);
    g_default = NULL;
}

static int span_unset(qx_span s)
{
    return s.start == QX_UNSET && s.end == QX_UNSET;
}

static int span_in(qx_span s, size_t len)
{
    return span_unset(s) || (s.start <= s.end && s.end <= len);
}

static void check_quote(const qx_quote *q, size_t len)
{
    OK(q->kind == QX_KIND_DIRECT || q->kind == QX_KIND_MIXED || q->kind == QX_KIND_INDIRECT);
    OK(q->n_segments > 0 && q->segments != NULL);
    for (size_t j = 0; j < q->n_segments; j++) {
        const qx_segment *s = &q->segments[j];
        OK(span_in(s->inner, len) && !span_unset(s->inner));
        OK(span_in(s->outer, len) && !span_unset(s->outer));
        OK(s->outer.start <= s->inner.start && s->inner.end <= s->outer.end);
        if (j > 0)
            OK(q->segments[j - 1].outer.end <= s->outer.start);
    }
    OK(span_in(q->speaker_mention, len));
    OK(span_in(q->role, len));
    OK(span_in(q->cue, len));
    OK(q->rule != NULL);
    OK(q->confidence >= 0.0 && q->confidence <= 1.0);
}

qx_result *qxt_extract(const qx_extractor *ex, const char *text)
{
    qx_result *res = NULL;
    qx_error err;
    size_t len = strlen(text);
    if (!OK(ex != NULL))
        return NULL;
    if (!INT_EQ(qx_extract(ex, NULL, text, len, &res, &err), QX_OK)) {
        printf("  %s\n", err.message);
        return NULL;
    }
    for (size_t i = 0; i < qx_result_count(res); i++)
        check_quote(qx_result_get(res, i), len);
    for (size_t i = 0; i < qx_result_diagnostic_count(res); i++) {
        const qx_diagnostic *d = qx_result_get_diagnostic(res, i);
        OK(d != NULL && d->message != NULL && d->offset <= len);
    }
    return res;
}

static int span_contains(const char *text, qx_span s, const char *snippet)
{
    size_t n = strlen(snippet);
    if (span_unset(s) || s.end - s.start < n)
        return 0;
    for (size_t i = s.start; i + n <= s.end; i++)
        if (memcmp(text + i, snippet, n) == 0)
            return 1;
    return 0;
}

const qx_quote *qxt_find(const qx_result *res, const char *text, const char *snippet)
{
    for (size_t i = 0; res && i < qx_result_count(res); i++) {
        const qx_quote *q = qx_result_get(res, i);
        for (size_t j = 0; j < q->n_segments; j++)
            if (span_contains(text, q->segments[j].inner, snippet))
                return q;
    }
    printf("  no record quotes \"%s\"; the result holds:\n", snippet);
    qxt_dump(res, text);
    return NULL;
}

static void print_span(const char *label, const char *text, qx_span s)
{
    if (span_unset(s))
        return;
    if (!span_in(s, strlen(text))) {
        printf(" %s=invalid[%zu,%zu)", label, s.start, s.end);
        return;
    }
    printf(" %s=\"%.*s\"", label, (int)(s.end - s.start), text + s.start);
}

void qxt_dump(const qx_result *res, const char *text)
{
    if (!res) {
        printf("    (no result)\n");
        return;
    }
    for (size_t i = 0; i < qx_result_count(res); i++) {
        const qx_quote *q = qx_result_get(res, i);
        printf("    [%zu] kind=%u flags=0x%x rule=%s conf=%.2f speaker=%s%s%s\n", i,
               (unsigned)q->kind, (unsigned)q->flags, q->rule ? q->rule : "(null)",
               q->confidence, q->speaker ? "\"" : "", q->speaker ? q->speaker : "NULL",
               q->speaker ? "\"" : "");
        printf("       ");
        print_span("mention", text, q->speaker_mention);
        print_span("role", text, q->role);
        print_span("cue", text, q->cue);
        printf("\n");
        for (size_t j = 0; j < q->n_segments; j++) {
            printf("       seg%zu", j);
            print_span("inner", text, q->segments[j].inner);
            printf("\n");
        }
    }
    for (size_t i = 0; i < qx_result_diagnostic_count(res); i++) {
        const qx_diagnostic *d = qx_result_get_diagnostic(res, i);
        printf("    diag code=%d offset=%zu %s\n", (int)d->code, d->offset, d->message);
    }
    if (qx_result_count(res) == 0 && qx_result_diagnostic_count(res) == 0)
        printf("    (nothing)\n");
}

void qxt_expect_speakers(const char *text, const char *const want[][2], size_t n) {
    qx_result *res = qxt_extract(qxt_default(), text);
    if (!res)
        return;
    for (size_t i = 0; i < n; i++) {
        const qx_quote *q = qxt_find(res, text, want[i][0]);
        OK(q != NULL);
        if (q)
            STR_EQ(q->speaker, want[i][1]);
    }
    qx_result_free(res);
}

void qxt_expect_indirect(const char *const cases[][3], size_t n) {
    for (size_t i = 0; i < n; i++) {
        qx_result *res = qxt_extract(qxt_default(), cases[i][0]);
        if (!res)
            return;
        const qx_quote *q = qxt_find(res, cases[i][0], cases[i][1]);
        if (OK(q != NULL)) {
            INT_EQ(q->kind, QX_KIND_INDIRECT);
            if (cases[i][2])
                STR_EQ(q->speaker, cases[i][2]);
        }
        qx_result_free(res);
    }
}
