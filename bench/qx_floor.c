/* qx_floor: what the least an extractor built on PCRE2 rules must do costs,
 * next to the memchr pass the performance targets are stated against.
 *
 *     qx_floor [--reps N] [--cpu] INPUT     (jsonl:PATH, concat:K:PATH, gen:KIND:BYTES)
 *
 * The input's documents are joined into one buffer; then, in one process over the
 * same bytes, a memchr pass for '"' and single PCRE2 JIT passes (UTF, UCP,
 * no UTF check, one match data reused) of three searches every extraction
 * of attributed quotes makes in some form: the quote marks, the speech
 * verbs, and runs of capitalised words (names). Each is printed as MB/s and
 * as a fraction of memchr, and so are the three one after the other: a
 * floor under the full extraction, which also pairs marks, runs the
 * attribution rules in windows and resolves speakers. Best of N repetitions
 * (the floor is a lower bound, so the fastest run is the fair one).
 */
#define _POSIX_C_SOURCE 200809L
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"

static clockid_t floor_clock = CLOCK_MONOTONIC;

static double now(void)
{
    struct timespec ts;
    clock_gettime(floor_clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *const searches[][2] = {
    {"quote marks", "[\"\\x{201C}\\x{201D}\\x{2018}\\x{2019}\\x{AB}\\x{BB}]"},
    {"speech verbs", "\\b(?:said|says|told|added|wrote|according|asked|stated)\\b"},
    {"capitalised runs", "\\p{Lu}\\p{Ll}+(?:\\s\\p{Lu}\\p{Ll}+)+"},
};
#define N_SEARCHES (sizeof searches / sizeof searches[0])

/* Seconds for one pass of re over buf; *hits counts the matches. */
static double pcre2_pass(const pcre2_code *re, pcre2_match_data *md, const char *buf, size_t n, size_t *hits)
{
    double t0 = now();
    size_t off = 0;
    *hits = 0;
    while (off <= n && pcre2_jit_match(re, (PCRE2_SPTR)buf, n, off, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        ++*hits;
    }
    return now() - t0;
}

int main(int argc, char **argv)
{
    int reps = 5, a = 1;
    for (; a < argc && !strncmp(argv[a], "--", 2); a++) {
        if (!strcmp(argv[a], "--reps") && a + 1 < argc)
            reps = atoi(argv[++a]);
        else if (!strcmp(argv[a], "--cpu"))
            floor_clock = CLOCK_THREAD_CPUTIME_ID;
        else
            break;
    }
    if (a + 1 != argc || reps < 1) {
        fprintf(stderr, "usage: %s [--reps N] [--cpu] jsonl:PATH | concat:K:PATH | gen:KIND:BYTES\n", argv[0]);
        return 2;
    }
    bench_corpus src, one;
    if (corpus_load(&src, argv[a]) != 0)
        return 1;
    if (corpus_concat(&one, &src, 1) != 0) {
        corpus_free(&src);
        return 1;
    }
    const char *buf = one.docs[0].text;
    size_t n = one.docs[0].len;
    double mb = (double)n / 1e6;

    pcre2_code *re[N_SEARCHES];
    pcre2_match_data *md[N_SEARCHES];
    for (size_t k = 0; k < N_SEARCHES; k++) {
        int err;
        PCRE2_SIZE at;
        re[k] = pcre2_compile((PCRE2_SPTR)searches[k][1], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &err, &at,
                              NULL);
        if (!re[k] || pcre2_jit_compile(re[k], PCRE2_JIT_COMPLETE) != 0) {
            fprintf(stderr, "qx_floor: cannot compile or JIT-compile %s\n", searches[k][0]);
            return 1;
        }
        md[k] = pcre2_match_data_create_from_pattern(re[k], NULL);
        if (!md[k])
            return 1;
    }

    double t_memchr = 1e300, t_pass[N_SEARCHES];
    size_t n_memchr = 0, hits[N_SEARCHES];
    for (size_t k = 0; k < N_SEARCHES; k++)
        t_pass[k] = 1e300;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        size_t count = 0;
        for (const char *p = buf, *e = buf + n; (p = memchr(p, '"', (size_t)(e - p))) != NULL; p++)
            count++;
        double t = now() - t0;
        if (t < t_memchr)
            t_memchr = t;
        n_memchr = count;
        for (size_t k = 0; k < N_SEARCHES; k++) {
            t = pcre2_pass(re[k], md[k], buf, n, &hits[k]);
            if (t < t_pass[k])
                t_pass[k] = t;
        }
    }

    printf("%s: %.2f MB as one buffer, best of %d (%s time)\n", argv[a], mb, reps,
           floor_clock == CLOCK_MONOTONIC ? "wall" : "CPU");
    printf("%-34s %10.0f MB/s   1/%-5.0f of memchr  %8zu hits\n", "memchr '\"'", mb / t_memchr, 1.0, n_memchr);
    double t_all = 0;
    for (size_t k = 0; k < N_SEARCHES; k++) {
        char label[64];
        snprintf(label, sizeof label, "PCRE2 JIT pass: %s", searches[k][0]);
        printf("%-34s %10.0f MB/s   1/%-5.0f of memchr  %8zu hits\n", label, mb / t_pass[k], t_pass[k] / t_memchr,
               hits[k]);
        t_all += t_pass[k];
    }
    printf("%-34s %10.0f MB/s   1/%-5.0f of memchr\n", "the three passes, one after another", mb / t_all,
           t_all / t_memchr);

    for (size_t k = 0; k < N_SEARCHES; k++) {
        pcre2_match_data_free(md[k]);
        pcre2_code_free(re[k]);
    }
    corpus_free(&one);
    corpus_free(&src);
    return 0;
}
