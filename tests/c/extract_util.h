/* Helpers for behaviour tests: run an extractor over a text, find a record by
 * a snippet of its quoted words, and check the invariants every result must
 * keep whatever the rules decide. */
#ifndef QXT_EXTRACT_UTIL_H
#define QXT_EXTRACT_UTIL_H

#include "harness.h"

/* The default extractor, built on first use and freed by qxt_teardown. */
const qx_extractor *qxt_default(void);
/* A new extractor with these flags; free it with qx_extractor_free. */
qx_extractor *qxt_with_flags(uint32_t flags);
void qxt_teardown(void);

/* Extracts, checks the invariants, and returns the result (NULL on failure). */
qx_result *qxt_extract(const qx_extractor *ex, const char *text);

/* The first record one of whose segments contains snippet in its inner span;
 * on a miss it prints every record so the failure explains itself. */
const qx_quote *qxt_find(const qx_result *res, const char *text, const char *snippet);

/* Extracts text with the default extractor and checks, for each pair, that
 * the record quoting want[i][0] has the speaker want[i][1]. */
void qxt_expect_speakers(const char *text, const char *const want[][2], size_t n);

/* For each case {text, snippet, speaker}: extracts text with the default
 * extractor and checks that the record quoting snippet is indirect speech
 * with that speaker (not checked when speaker is NULL). */
void qxt_expect_indirect(const char *const cases[][3], size_t n);

/* Prints all records and diagnostics of res. */
void qxt_dump(const qx_result *res, const char *text);

#endif /* QXT_EXTRACT_UTIL_H */
