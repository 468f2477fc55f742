/*
 * libFuzzer target over the extraction API.
 *
 * The first input byte chooses the options (flags and a short or default
 * maximum quote length); the rest is the document. Every result is checked
 * against the API's promises (offsets inside the text, ordered spans,
 * confidence in [0, 1], valid strings), so a broken record aborts like a
 * crash does. Extractors are compiled once per option set and kept: compiling
 * on every input would spend the fuzzing time in PCRE2's JIT.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoteex.h"

#define N_CONFIGS 256

static qx_extractor *extractors[N_CONFIGS];
static qx_state *states[N_CONFIGS];

static void require(int ok, const char *what) {
    if (!ok) {
        fprintf(stderr, "fuzz_extract: broken promise: %s\n", what);
        abort();
    }
}

static qx_extractor *extractor_for(unsigned config) {
    if (extractors[config])
        return extractors[config];
    qx_options *o = qx_options_new(NULL);
    require(o != NULL, "qx_options_new");
    uint32_t flags = config & 0x7f; /* every QX_FLAG_* combination */
    require(qx_options_set_flags(o, flags) == QX_OK, "set_flags");
    if (config & 0x80)
        require(qx_options_set_max_quote_len(o, 40) == QX_OK, "set_max_quote_len");
    qx_error err;
    extractors[config] = qx_extractor_new(o, &err);
    qx_options_free(o);
    require(extractors[config] != NULL, "qx_extractor_new with built-in rules");
    return extractors[config];
}

static int span_ok(qx_span s, size_t len) {
    if (s.start == QX_UNSET)
        return s.end == QX_UNSET;
    return s.start <= s.end && s.end <= len;
}

static void check_result(const qx_result *res, const char *text, size_t len, int lenient) {
    size_t n = qx_result_count(res);
    require(qx_result_get(res, n) == NULL, "get past the end is NULL");
    for (size_t i = 0; i < n; i++) {
        const qx_quote *q = qx_result_get(res, i);
        require(q != NULL, "record");
        require(q->kind >= QX_KIND_DIRECT && q->kind <= QX_KIND_INDIRECT, "kind");
        require(q->n_segments >= 1 && q->segments != NULL, "segments");
        size_t prev = 0;
        for (size_t k = 0; k < q->n_segments; k++) {
            const qx_segment *s = &q->segments[k];
            require(span_ok(s->outer, len) && s->outer.start != QX_UNSET, "outer span");
            require(span_ok(s->inner, len) && s->inner.start != QX_UNSET, "inner span");
            require(s->outer.start <= s->inner.start && s->inner.end <= s->outer.end,
                    "inner within outer");
            require(s->outer.start >= prev, "segments in text order");
            prev = s->outer.end;
        }
        require(span_ok(q->speaker_mention, len) && span_ok(q->role, len) && span_ok(q->cue, len),
                "speaker, role, cue spans");
        require(q->confidence >= 0.0 && q->confidence <= 1.0, "confidence in [0, 1]");
        require(q->rule != NULL, "rule name");
        if (q->speaker)
            require(strlen(q->speaker) < 100000, "speaker string terminated");
        if (q->cue_lemma)
            require(strlen(q->cue_lemma) < 1000, "cue lemma terminated");
        if (!lenient) {
            /* What the Python binding does with every record of str input. */
            size_t offs[2] = {q->segments[0].outer.start, q->segments[0].outer.end};
            require(qx_utf8_offsets_to_codepoints(text, len, offs, 2) == QX_OK,
                    "byte offsets convert to code points");
        }
    }
    for (size_t i = 0; i < qx_result_diagnostic_count(res); i++) {
        const qx_diagnostic *dg = qx_result_get_diagnostic(res, i);
        require(dg != NULL && dg->message != NULL && dg->offset <= len, "diagnostic");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    unsigned config = data[0] % N_CONFIGS;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    qx_extractor *ex = extractor_for(config);
    qx_result *res = NULL;
    qx_error err;
    memset(&err, 0, sizeof err);
    qx_status rc = qx_extract(ex, NULL, text, len, &res, &err);
    int lenient = (config & QX_FLAG_LENIENT_UTF8) != 0;
    if (rc == QX_OK) {
        require(res != NULL, "result on success");
        check_result(res, text, len, lenient);
        /* A state reused across inputs must give the records a fresh one gives. */
        if (!states[config]) {
            states[config] = qx_state_new(ex);
            require(states[config] != NULL, "qx_state_new");
        }
        qx_result *again = NULL;
        require(qx_extract(ex, states[config], text, len, &again, NULL) == QX_OK,
                "second run succeeds");
        require(qx_result_count(again) == qx_result_count(res), "same count on rerun");
        for (size_t i = 0; i < qx_result_count(res); i++) {
            const qx_quote *x = qx_result_get(res, i), *y = qx_result_get(again, i);
            require(x->n_segments == y->n_segments && x->flags == y->flags &&
                        x->segments[0].outer.start == y->segments[0].outer.start &&
                        x->speaker_mention.start == y->speaker_mention.start &&
                        !strcmp(x->rule, y->rule) &&
                        ((!x->speaker && !y->speaker) ||
                         (x->speaker && y->speaker && !strcmp(x->speaker, y->speaker))),
                    "same records on rerun with a reused state");
        }
        qx_result_free(again);
    } else {
        require(res == NULL, "no result on failure");
        require(rc == QX_E_BAD_UTF8 || rc == QX_E_LIMIT, "only bad UTF-8 or a limit fail");
        require(!lenient || rc != QX_E_BAD_UTF8, "lenient mode never fails on UTF-8");
        require(err.code == rc && err.offset <= len, "error filled");
        require(memchr(err.message, '\0', sizeof err.message) != NULL, "message terminated");
    }
    qx_result_free(res);
    return 0;
}
