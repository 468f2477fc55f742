/* One extractor shared by several threads gives every thread the same result
 * as a single-threaded run (header rule 5). Worth running under TSan. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

enum { N_THREADS = 8, N_ROUNDS = 25 };

static const char k_text[] =
    "“We will rebuild the bridge,” said former state transportation director Alma Reyes. “It "
    "will take two years.”\n\n"
    "Mayor Ruth Okafor told reporters on Monday that the budget would pass.\n\n"
    "\"The river is rising fast,\" Tom Becker said.\n\n"
    "“The process simply takes time,” she said.\n";

/* A result flattened to text, so runs compare with strcmp. */
static void fingerprint(const qx_result *res, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < qx_result_count(res) && used < cap; i++) {
        const qx_quote *q = qx_result_get(res, i);
        int n = snprintf(buf + used, cap - used, "%u/%u/%zu/%zu-%zu/%s/%s;", (unsigned)q->kind,
                         (unsigned)q->flags, q->n_segments, q->segments[0].inner.start,
                         q->segments[q->n_segments - 1].inner.end,
                         q->speaker ? q->speaker : "-", q->rule ? q->rule : "-");
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

typedef struct job {
    const qx_extractor *ex;
    const char *want;
    int use_state;
    int mismatches;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    char got[4096];
    qx_state *st = j->use_state ? qx_state_new(j->ex) : NULL;
    for (int r = 0; r < N_ROUNDS; r++) {
        qx_result *res = NULL;
        if (qx_extract(j->ex, st, k_text, sizeof k_text - 1, &res, NULL) != QX_OK) {
            j->mismatches++;
            continue;
        }
        fingerprint(res, got, sizeof got);
        j->mismatches += strcmp(got, j->want) != 0;
        qx_result_free(res);
    }
    qx_state_free(st);
    return NULL;
}

static void test_shared_extractor(void)
{
    char want[4096];
    pthread_t tid[N_THREADS];
    job jobs[N_THREADS];
    qx_result *res = NULL;
    qx_extractor *ex = qx_extractor_new(NULL, NULL);
    if (!OK(ex != NULL))
        return;
    if (!INT_EQ(qx_extract(ex, NULL, k_text, sizeof k_text - 1, &res, NULL), QX_OK)) {
        qx_extractor_free(ex);
        return;
    }
    fingerprint(res, want, sizeof want);
    qx_result_free(res);

    for (int i = 0; i < N_THREADS; i++) {
        jobs[i] = (job){ex, want, i % 2, 0};
        INT_EQ(pthread_create(&tid[i], NULL, worker, &jobs[i]), 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        pthread_join(tid[i], NULL);
        INT_EQ(jobs[i].mismatches, 0);
    }
    qx_extractor_free(ex);
}

int main(void)
{
    RUN(test_shared_extractor);
    return qxt_summary();
}
