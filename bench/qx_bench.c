/*
 * qx_bench: throughput of the full extraction (quotes, attribution, speaker
 * resolution) against a plain memchr pass for '"' over the same bytes, in the
 * same run, so the ratio holds on any machine.
 *
 *     qx_bench [--reps N] [--cpu] INPUT...
 *       jsonl:PATH            the "text" of every line of PATH, one document each
 *       concat:K:PATH         those documents joined into one, repeated K times
 *       gen:KIND:BYTES        a generated worst case (alternating, no-end,
 *                             unclosed, nested) of about BYTES bytes
 *
 * Each input is loaded into memory, then timed REPS times (extraction pass,
 * then memchr pass, alternating); the median and the min-max spread are
 * printed. "vs first" is the time per byte relative to the first input.
 * --cpu times with the thread's CPU clock instead of the wall clock, which
 * keeps ratios meaningful on a machine shared with other work.
 * Memory: "heap" is the peak of libquote's own allocations during the
 * extraction of one document (beyond the input and the compiled extractor),
 * counted through the qx_allocator hook; "rss" is the process's peak RSS.
 * Exit status 1 when any extraction fails (a PCRE2 limit on benign text is a
 * failure).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "corpus.h"
#include "quoteex.h"

/* ---- an allocator that counts live bytes and their peak */

typedef struct counter {
    size_t live, peak;
} counter;

typedef union header {
    size_t size;
    max_align_t align;
} header;

static void *count_malloc(void *ctx, size_t n)
{
    counter *c = ctx;
    header *h = malloc(sizeof *h + n);
    if (!h)
        return NULL;
    h->size = n;
    c->live += n;
    if (c->live > c->peak)
        c->peak = c->live;
    return h + 1;
}

static void count_free(void *ctx, void *p)
{
    counter *c = ctx;
    if (!p)
        return;
    header *h = (header *)p - 1;
    c->live -= h->size;
    free(h);
}

static void *count_realloc(void *ctx, void *p, size_t n)
{
    counter *c = ctx;
    if (!p)
        return count_malloc(ctx, n);
    header *h = (header *)p - 1;
    size_t old = h->size;
    header *g = realloc(h, sizeof *g + n);
    if (!g)
        return NULL;
    g->size = n;
    c->live = c->live - old + n;
    if (c->live > c->peak)
        c->peak = c->live;
    return g + 1;
}

/* ---- timing */

static clockid_t bench_clock = CLOCK_MONOTONIC;

static double now(void)
{
    struct timespec ts;
    clock_gettime(bench_clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0; /* KiB on Linux */
}

/* ---- the two passes */

/* Extracts every document; returns the number of quotes, or -1 on error. */
static long extract_pass(const qx_extractor *ex, qx_state *st, const bench_corpus *c,
                         counter *cnt, size_t *heap_peak)
{
    long quotes = 0;
    for (size_t i = 0; i < c->n_docs; i++) {
        qx_result *res = NULL;
        qx_error err;
        size_t base = cnt->live;
        cnt->peak = base;
        qx_status rc = qx_extract(ex, st, c->docs[i].text, c->docs[i].len, &res, &err);
        if (rc != QX_OK) {
            fprintf(stderr, "%s, document %zu: %s (%s)\n", c->name, i, qx_strerror(rc),
                    err.message);
            return -1;
        }
        if (cnt->peak - base > *heap_peak)
            *heap_peak = cnt->peak - base;
        quotes += (long)qx_result_count(res);
        qx_result_free(res);
    }
    return quotes;
}

static size_t memchr_pass(const bench_corpus *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_docs; i++) {
        const char *p = c->docs[i].text, *end = p + c->docs[i].len;
        while ((p = memchr(p, '"', (size_t)(end - p))) != NULL) {
            n++;
            p++;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    int reps = 5, first_input = 1;
    for (;;) {
        if (first_input + 1 < argc && !strcmp(argv[first_input], "--reps")) {
            reps = atoi(argv[first_input + 1]);
            first_input += 2;
        } else if (first_input < argc && !strcmp(argv[first_input], "--cpu")) {
            bench_clock = CLOCK_THREAD_CPUTIME_ID;
            first_input++;
        } else {
            break;
        }
    }
    if (reps < 1 || reps > 1000 || first_input >= argc) {
        fprintf(stderr, "usage: %s [--reps N] [--cpu] jsonl:PATH | concat:K:PATH | gen:KIND:BYTES ...\n",
                argv[0]);
        return 2;
    }
    counter cnt = {0, 0};
    qx_allocator alloc = {count_malloc, count_realloc, count_free, &cnt};
    qx_options *opts = qx_options_new(&alloc);
    qx_error err;
    qx_extractor *ex = opts ? qx_extractor_new(opts, &err) : NULL;
    qx_options_free(opts);
    qx_state *st = ex ? qx_state_new(ex) : NULL;
    if (!st) {
        fprintf(stderr, "cannot build the extractor: %s\n", ex ? "out of memory" : err.message);
        return 1;
    }
    printf("libquote %s, PCRE2 %s, jit %s, %d repetitions, %s time; median (min-max)\n",
           qx_version_string(), qx_pcre2_version(), qx_extractor_uses_jit(ex) ? "on" : "off",
           reps, bench_clock == CLOCK_MONOTONIC ? "wall" : "CPU");
    printf("%-30s %6s %8s %7s %24s %10s %9s %8s %8s %8s %7s\n", "input", "docs", "MB", "quotes",
           "extract MB/s", "quotes/s", "memchr", "ratio", "vs first", "heap MB", "rss MB");
    double *t_ex = malloc((size_t)reps * sizeof *t_ex), *t_mc = malloc((size_t)reps * sizeof *t_mc);
    double first_ns_per_byte = 0;
    int status = 0;
    for (int a = first_input; a < argc && t_ex && t_mc; a++) {
        bench_corpus c;
        if (corpus_load(&c, argv[a]) != 0) {
            status = 1;
            continue;
        }
        long quotes = 0;
        size_t heap = 0, sink = 0;
        double lo = 1e300, hi = 0;
        for (int r = 0; r < reps && quotes >= 0; r++) {
            double t0 = now();
            quotes = extract_pass(ex, st, &c, &cnt, &heap);
            double t1 = now();
            sink += memchr_pass(&c);
            double t2 = now();
            t_ex[r] = t1 - t0;
            t_mc[r] = t2 - t1;
            lo = t_ex[r] < lo ? t_ex[r] : lo;
            hi = t_ex[r] > hi ? t_ex[r] : hi;
        }
        if (quotes < 0) {
            status = 1;
            corpus_free(&c);
            continue;
        }
        double mb = (double)c.bytes / 1e6;
        double te = median(t_ex, reps), tm = median(t_mc, reps);
        double ns_per_byte = c.bytes ? te * 1e9 / (double)c.bytes : 0;
        if (a == first_input)
            first_ns_per_byte = ns_per_byte;
        char spread[64], ratio[32];
        snprintf(spread, sizeof spread, "%.1f (%.1f-%.1f)", mb / te, mb / hi, mb / lo);
        snprintf(ratio, sizeof ratio, "1/%.1f", te / (tm > 0 ? tm : 1e-12));
        printf("%-30.30s %6zu %8.2f %7ld %24s %10.0f %9.0f %8s %7.2fx %8.2f %7.1f\n", c.name,
               c.n_docs, mb, quotes, spread, (double)quotes / te, mb / (tm > 0 ? tm : 1e-12),
               ratio, first_ns_per_byte > 0 ? ns_per_byte / first_ns_per_byte : 1.0,
               (double)heap / 1e6, peak_rss_mb());
        fflush(stdout);
        if (sink == (size_t)-1)
            puts(""); /* keeps the memchr pass from being optimised away */
        corpus_free(&c);
    }
    free(t_ex);
    free(t_mc);
    qx_state_free(st);
    qx_extractor_free(ex);
    return status;
}
