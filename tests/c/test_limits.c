/*
 * Bounded work. A tripped PCRE2 limit fails the call with QX_E_LIMIT and no
 * records (the policy documented at qx_options_set_match_limit); adversarial
 * texts end with a result whose size is bounded by the text, or with that
 * status, never with a crash. The assertions are on results, not on time.
 *
 * QXT_ADVERSARIAL_KIB (default 512) sets the size of the large inputs, so
 * the valgrind run can use smaller ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static const char k_text[] =
    "\xe2\x80\x9cWe will rebuild the bridge,\xe2\x80\x9d said former mayor Alma Reyes.\n\n"
    "Reyes told reporters on Monday that the budget would pass.\n";

static qx_extractor *make(uint32_t flags, uint32_t match_limit, uint32_t heap_kib)
{
    qx_options *o = qx_options_new(NULL);
    qx_extractor *ex;
    if (!o)
        return NULL;
    qx_options_set_flags(o, flags);
    if (match_limit)
        qx_options_set_match_limit(o, match_limit);
    if (heap_kib)
        qx_options_set_heap_limit_kib(o, heap_kib);
    ex = qx_extractor_new(o, NULL);
    qx_options_free(o);
    return ex;
}

static void expect_limit(qx_extractor *ex, const char *text, size_t len)
{
    qx_error err;
    qx_result *res = (qx_result *)&err;
    memset(&err, 0, sizeof err);
    INT_EQ(qx_extract(ex, NULL, text, len, &res, &err), QX_E_LIMIT);
    OK(res == NULL);
    INT_EQ(err.code, QX_E_LIMIT);
    OK(strstr(err.message, "rule ") != NULL); /* names the rule */
    OK(err.offset <= len);
}

/* A match limit of 1 trips on the first rule call, JIT or interpreter. */
static void test_tiny_match_limit(void)
{
    for (int jit = 0; jit < 2; jit++) {
        qx_extractor *ex = make(jit ? 0 : QX_FLAG_NO_JIT, 1, 0);
        if (!OK(ex != NULL))
            continue;
        expect_limit(ex, k_text, sizeof k_text - 1);
        /* a reused state works again after the failure */
        qx_state *st = qx_state_new(ex);
        qx_result *res = NULL;
        INT_EQ(qx_extract(ex, st, k_text, sizeof k_text - 1, &res, NULL), QX_E_LIMIT);
        OK(res == NULL);
        INT_EQ(qx_extract(ex, st, "", 0, &res, NULL), QX_OK); /* no rule runs */
        qx_result_free(res);
        qx_state_free(st);
        qx_extractor_free(ex);
    }
}

/* The interpreter's heap limit: a long run of titles makes a name pattern
 * keep many backtracking frames. */
static void test_tiny_heap_limit(void)
{
    size_t n = 4000, len = 0;
    char *text = malloc(n * 5 + 64);
    qx_extractor *ex = make(QX_FLAG_NO_JIT, 100000000, 1);
    if (!OK(text && ex)) {
        free(text);
        qx_extractor_free(ex);
        return;
    }
    len += (size_t)sprintf(text, "\"Yes,\" said ");
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, "Sen. ");
    len += (size_t)sprintf(text + len, "Ann Bo.\n");
    expect_limit(ex, text, len);
    qx_extractor_free(ex);
    free(text);
}

/* Default limits on ordinary text never trip. */
static void test_default_limits_ordinary_text(void)
{
    qx_extractor *ex = make(0, 0, 0);
    qx_result *res = NULL;
    if (!OK(ex != NULL))
        return;
    if (INT_EQ(qx_extract(ex, NULL, k_text, sizeof k_text - 1, &res, NULL), QX_OK))
        SIZE_EQ(qx_result_count(res), 2);
    qx_result_free(res);
    qx_extractor_free(ex);
}

/* ---- adversarial texts ---- */

static size_t big_size(void)
{
    const char *env = getenv("QXT_ADVERSARIAL_KIB");
    long kib = env ? atol(env) : 512;
    return (size_t)(kib > 0 ? kib : 512) * 1024;
}

/* unit repeated to about size bytes (whole units only), then tail. */
static char *repeat(const char *unit, size_t size, const char *tail, size_t *len, size_t *units)
{
    size_t ul = strlen(unit), tl = strlen(tail), n = size / ul;
    char *t = malloc(n * ul + tl + 1);
    if (!t)
        return NULL;
    for (size_t i = 0; i < n; i++)
        memcpy(t + i * ul, unit, ul);
    memcpy(t + n * ul, tail, tl + 1);
    *len = n * ul + tl;
    *units = n;
    return t;
}

/* Runs ex over the text; checks every span is inside it and the number of
 * records is at most max_records. Returns the count, or -1 on QX_E_LIMIT. */
static long run_bounded(const qx_extractor *ex, const char *name, const char *text, size_t len,
                        size_t max_records)
{
    qx_result *res = NULL;
    qx_error err;
    qx_status rc = qx_extract(ex, NULL, text, len, &res, &err);
    if (rc == QX_E_LIMIT) {
        printf("  %s (%zu bytes): QX_E_LIMIT: %s\n", name, len, err.message);
        OK(res == NULL);
        return -1;
    }
    if (!INT_EQ(rc, QX_OK) || !OK(res != NULL))
        return -2;
    size_t n = qx_result_count(res);
    if (!OK(n <= max_records))
        printf("  %s: %zu records, at most %zu expected\n", name, n, max_records);
    for (size_t i = 0; i < n; i++) {
        const qx_quote *q = qx_result_get(res, i);
        size_t prev = 0;
        for (size_t k = 0; k < q->n_segments; k++) {
            const qx_segment *s = &q->segments[k];
            if (!OK(s->outer.start >= prev && s->outer.start <= s->inner.start &&
                    s->inner.start <= s->inner.end && s->inner.end <= s->outer.end &&
                    s->outer.end <= len))
                break;
            prev = s->outer.end;
        }
    }
    OK(qx_result_diagnostic_count(res) <= len);
    printf("  %s (%zu bytes): %zu records, %zu diagnostics\n", name, len, n,
           qx_result_diagnostic_count(res));
    qx_result_free(res);
    return (long)n;
}

static void test_adversarial(void)
{
    size_t size = big_size(), len, units;
    char *t;
    qx_extractor *ex = make(0, 0, 0);
    if (!OK(ex != NULL))
        return;

    /* alternating straight marks and words: at most one record per pair */
    if ((t = repeat("\"word ", size, "", &len, &units)) != NULL) {
        run_bounded(ex, "alternating straight marks", t, len, units / 2 + 1);
        free(t);
    }
    /* curly pairs around words, none attributed */
    if ((t = repeat("\xe2\x80\x9c" "a\xe2\x80\x9d b ", size, "", &len, &units)) != NULL) {
        run_bounded(ex, "alternating curly marks", t, len, units);
        free(t);
    }
    /* one sentence with neither newline nor sentence end */
    if ((t = repeat("Alma Reyes said that the plan and the bridge were fine ", size, "", &len,
                    &units)) != NULL) {
        run_bounded(ex, "no newline, no sentence end", t, len, units);
        free(t);
    }
    /* 100,000 opening marks that never close */
    if ((t = repeat("\xe2\x80\x9c", 300000, "", &len, &units)) != NULL) {
        OK(units == 100000);
        run_bounded(ex, "100k unclosed opening marks", t, len, 100000);
        free(t);
    }
    /* 10,000 nested pairs: one outer quote, the inner ones are not records */
    {
        size_t depth = 10000;
        char *s = malloc(depth * 8 + 64);
        if (s) {
            len = 0;
            for (size_t i = 0; i < depth; i++) {
                memcpy(s + len, i % 2 ? "\xe2\x80\x98x " : "\xe2\x80\x9cy ", 5);
                len += 5;
            }
            for (size_t i = depth; i-- > 0;) {
                memcpy(s + len, i % 2 ? "\xe2\x80\x99" : "\xe2\x80\x9d", 3);
                len += 3;
            }
            len += (size_t)sprintf(s + len, " said Ann Bo.\n");
            run_bounded(ex, "10k nested quotes", s, len, depth);
            free(s);
        }
    }
    /* many attributed quotes in one paragraph: every one is found */
    if ((t = repeat("\"A,\" said Tom Lee. ", size, "", &len, &units)) != NULL) {
        long n = run_bounded(ex, "attributed quotes, one paragraph", t, len, units);
        if (n >= 0)
            SIZE_EQ((size_t)n, units);
        free(t);
    }
    /* quoted fragments in one endless sentence (superlinear today: kept small) */
    if ((t = repeat("He called it \"a b\" and ", size / 8, "", &len, &units)) != NULL) {
        run_bounded(ex, "mixed fragments, one sentence", t, len, units);
        free(t);
    }
    /* one paragraph of "she said" after a man's quote, and of "she said" in a
     * novel's dialogue with only men described: every pronoun looks back over
     * a bounded number of records (it looked back over all of them) */
    if ((t = repeat("\"It is late,\" said Mr. Tom Hale. \"Go home,\" she said. ", size, "", &len,
                    &units)) != NULL) {
        long n = run_bounded(ex, "pronouns of no named gender, one paragraph", t, len, 2 * units);
        if (n >= 0)
            SIZE_EQ((size_t)n, 2 * units);
        free(t);
    }
    if ((t = repeat("A man came in. \"Good day,\" she said. ", size,
                    "\"Hi.\"\n\n\"Hi.\"\n\n\"Hi.\"\n\n\"Hi.\"\n\n\"Hi.\"\n\n", &len, &units)) != NULL) {
        run_bounded(ex, "dialogue pronouns, one paragraph", t, len, units + 5);
        free(t);
    }
    /* a run of titles: the name pattern may hit a limit, which must be reported */
    if ((t = repeat("Mr. Dr. Sen. ", size, "Ann Bo said.\n", &len, &units)) != NULL) {
        run_bounded(ex, "run of titles", t, len, 1);
        free(t);
    }
    qx_extractor_free(ex);
}

int main(void)
{
    RUN(test_tiny_match_limit);
    RUN(test_tiny_heap_limit);
    RUN(test_default_limits_ordinary_text);
    RUN(test_adversarial);
    return qxt_summary();
}
