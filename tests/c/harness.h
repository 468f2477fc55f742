/*
 * A tiny test harness: checks count and report, never abort, so one run
 * lists every failure. Each program ends with `return qxt_summary();`.
 */
#ifndef QXT_HARNESS_H
#define QXT_HARNESS_H

#include <stddef.h>

#include "quoteex.h"

int qxt_ok(int cond, const char *expr, const char *file, int line);
int qxt_int_eq(long long got, long long want, const char *expr, const char *file, int line);
int qxt_size_eq(size_t got, size_t want, const char *expr, const char *file, int line);
/* NULL is a value here: NULL equals only NULL. */
int qxt_str_eq(const char *got, const char *want, const char *expr, const char *file, int line);
/* text[span] against want; want NULL means the span must be QX_UNSET. */
int qxt_span_eq(const char *text, qx_span span, const char *want, const char *expr,
                const char *file, int line);
/* text[span] begins with want. */
int qxt_span_starts(const char *text, qx_span span, const char *want, const char *expr,
                    const char *file, int line);

/* Each returns 1 on success, so a test can stop when later checks would be
 * meaningless: `if (!OK(q != NULL)) return;` */
#define OK(cond) qxt_ok(!!(cond), #cond, __FILE__, __LINE__)
#define INT_EQ(got, want) qxt_int_eq((long long)(got), (long long)(want), #got, __FILE__, __LINE__)
#define SIZE_EQ(got, want) qxt_size_eq((got), (want), #got, __FILE__, __LINE__)
#define STR_EQ(got, want) qxt_str_eq((got), (want), #got, __FILE__, __LINE__)
#define SPAN_EQ(text, span, want) qxt_span_eq((text), (span), (want), #span, __FILE__, __LINE__)
#define SPAN_STARTS(text, span, want) \
    qxt_span_starts((text), (span), (want), #span, __FILE__, __LINE__)

/* Runs one test function and labels its failures. */
void qxt_run(void (*fn)(void), const char *name);
#define RUN(fn) qxt_run((fn), #fn)

/* Prints "<program>: N checks, M failed" and returns the exit status. */
int qxt_summary(void);

#endif /* QXT_HARNESS_H */
