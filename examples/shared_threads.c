/*
 * shared_threads: one extractor, compiled once, used by several threads.
 *
 *     shared_threads [FILE...]     (reads examples/article.txt text from stdin
 *                                   when no FILE is given)
 *
 * Every thread extracts every input several times with its own qx_state (the
 * per-thread scratch) and the shared, immutable qx_extractor, then checks it
 * found what the first thread found. Prints one line per input, and exits 1
 * if any thread saw something different.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoteex.h"

enum { N_THREADS = 4, ROUNDS = 25 };

typedef struct {
    const char *text;
    size_t len;
} input;

typedef struct {
    const qx_extractor *ex; /* shared: read-only for every thread */
    const input *inputs;
    size_t n_inputs;
    size_t *counts; /* this thread's quote count per input */
    int failed;
} job;

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 14, used = 0;
    char *buf = malloc(cap);
    while (buf) {
        used += fread(buf + used, 1, cap - used, f);
        if (used < cap) {
            if (ferror(f)) {
                free(buf);
                return NULL;
            }
            *len = used;
            return buf;
        }
        char *bigger = realloc(buf, cap * 2);
        if (!bigger)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    return NULL;
}

static void *work(void *arg)
{
    job *j = arg;
    /* One scratch state per thread, reused for every call: the cheap way. */
    qx_state *st = qx_state_new(j->ex);
    if (!st) {
        j->failed = 1;
        return NULL;
    }
    for (int round = 0; round < ROUNDS && !j->failed; round++) {
        for (size_t i = 0; i < j->n_inputs; i++) {
            qx_result *res;
            qx_error err;
            if (qx_extract(j->ex, st, j->inputs[i].text, j->inputs[i].len, &res, &err) != QX_OK) {
                fprintf(stderr, "input %zu: %s\n", i, err.message);
                j->failed = 1;
                break;
            }
            size_t n = qx_result_count(res);
            if (round > 0 && n != j->counts[i])
                j->failed = 1; /* the same input must always give the same answer */
            j->counts[i] = n;
            qx_result_free(res);
        }
    }
    qx_state_free(st);
    return NULL;
}

int main(int argc, char **argv)
{
    int n_inputs = argc > 1 ? argc - 1 : 1;
    input *inputs = calloc((size_t)n_inputs, sizeof *inputs);
    job jobs[N_THREADS];
    pthread_t threads[N_THREADS];
    int status = 1, started = 0;
    qx_error err;
    qx_extractor *ex = NULL;

    if (!inputs)
        return 1;
    for (int i = 0; i < n_inputs; i++) {
        const char *path = argc > 1 ? argv[i + 1] : "-";
        FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
        if (!f) {
            perror(path);
            goto done;
        }
        inputs[i].text = read_all(f, &inputs[i].len);
        if (f != stdin)
            fclose(f);
        if (!inputs[i].text) {
            fprintf(stderr, "%s: could not read\n", path);
            goto done;
        }
    }

    ex = qx_extractor_new(NULL, &err); /* compile once */
    if (!ex) {
        fprintf(stderr, "qx_extractor_new: %s\n", err.message);
        goto done;
    }
    memset(jobs, 0, sizeof jobs);
    for (int t = 0; t < N_THREADS; t++) {
        jobs[t] = (job){ex, inputs, (size_t)n_inputs, calloc((size_t)n_inputs, sizeof(size_t)), 0};
        if (!jobs[t].counts || pthread_create(&threads[t], NULL, work, &jobs[t]) != 0) {
            free(jobs[t].counts);
            break;
        }
        started++;
    }
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);

    status = started == N_THREADS ? 0 : 1;
    for (int t = 0; t < started; t++) {
        if (jobs[t].failed)
            status = 1;
        for (int i = 0; i < n_inputs; i++)
            if (jobs[t].counts[i] != jobs[0].counts[i])
                status = 1;
    }
    for (int i = 0; i < n_inputs && started; i++)
        printf("%s: %zu quotes (same in %d threads x %d rounds)\n",
               argc > 1 ? argv[i + 1] : "<stdin>", jobs[0].counts[i], N_THREADS, ROUNDS);
    printf("%s\n", status == 0 ? "ok" : "MISMATCH");
    for (int t = 0; t < started; t++)
        free(jobs[t].counts);

done:
    qx_extractor_free(ex);
    for (int i = 0; i < n_inputs; i++)
        free((char *)inputs[i].text);
    free(inputs);
    return status;
}
