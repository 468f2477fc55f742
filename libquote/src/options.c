/* Options: flags, limits, and the lexicon and rule texts an extractor compiles. */
#include <stdio.h>

#include "internal.h"

qx_options *qx_options_new(const qx_allocator *alloc) {
    if (alloc && (!alloc->malloc || !alloc->realloc || !alloc->free))
        return NULL;
    const qx_allocator *a = alloc ? alloc : qx__default_allocator();
    qx_options *o = qx__malloc(a, sizeof *o);
    if (!o)
        return NULL;
    memset(o, 0, sizeof *o);
    o->alloc = *a;
    o->max_quote_len = 20000;
    o->match_limit = 1000000;
    o->heap_limit_kib = 8192;
    for (int i = 0; i < QX_LEX_COUNT_; i++)
        for (const char *const *line = qx__builtin_lexicon[i]; *line; line++)
            if (!qx__buf_appends(&o->lex[i], a, *line))
                goto oom;
    for (const char *const *line = qx__builtin_rules; *line; line++)
        if (!qx__buf_appends(&o->rules, a, *line))
            goto oom;
    for (const char *const *line = qx__builtin_calibration; *line; line++)
        if (!qx__buf_appends(&o->calibration, a, *line))
            goto oom;
    return o;
oom:
    qx_options_free(o);
    return NULL;
}

void qx_options_free(qx_options *o) {
    if (!o)
        return;
    qx_allocator a = o->alloc;
    for (int i = 0; i < QX_LEX_COUNT_; i++)
        qx__buf_free(&o->lex[i], &a);
    qx__buf_free(&o->rules, &a);
    qx__buf_free(&o->calibration, &a);
    qx__free(&a, o);
}

#define QX__ALL_FLAGS                                                                      \
    (QX_FLAG_NO_JIT | QX_FLAG_LENIENT_UTF8 | QX_FLAG_KEEP_PRONOUNS | QX_FLAG_NO_INDIRECT | \
     QX_FLAG_KEEP_UNATTRIBUTED | QX_FLAG_NO_SINGLE_QUOTES | QX_FLAG_KEEP_HEADLINE)

qx_status qx_options_set_flags(qx_options *o, uint32_t flags) {
    if (!o || (flags & ~QX__ALL_FLAGS))
        return QX_E_INVALID_ARG;
    o->flags = flags;
    return QX_OK;
}

uint32_t qx_options_get_flags(const qx_options *o) { return o ? o->flags : 0; }

qx_status qx_options_set_max_quote_len(qx_options *o, size_t bytes) {
    if (!o || bytes < 2)
        return QX_E_INVALID_ARG;
    o->max_quote_len = bytes;
    return QX_OK;
}

qx_status qx_options_set_match_limit(qx_options *o, uint32_t limit) {
    if (!o || limit == 0)
        return QX_E_INVALID_ARG;
    o->match_limit = limit;
    return QX_OK;
}

qx_status qx_options_set_heap_limit_kib(qx_options *o, uint32_t kib) {
    if (!o || kib == 0)
        return QX_E_INVALID_ARG;
    o->heap_limit_kib = kib;
    return QX_OK;
}

qx_status qx_options_set_min_confidence(qx_options *o, double min_confidence) {
    if (!o || !(min_confidence >= 0.0 && min_confidence <= 1.0))
        return QX_E_INVALID_ARG;
    o->min_confidence = min_confidence;
    return QX_OK;
}

qx_status qx_options_set_calibration(qx_options *o, const char *text, size_t len, qx_error *err) {
    if (!o || (!text && len))
        return qx__fail(err, QX_E_INVALID_ARG, 0, "invalid calibration text");
    if (qx__utf8_check(text ? text : "", len) != len)
        return qx__fail(err, QX_E_BAD_UTF8, qx__utf8_check(text, len),
                        "calibration is not valid UTF-8");
    qx_status rc = qx__calibration_validate(text ? text : "", len, err);
    if (rc != QX_OK)
        return rc;
    /* replaces the table: a table is fitted as a whole, never merged */
    o->calibration.len = 0;
    if (o->calibration.data)
        o->calibration.data[0] = '\0';
    if (len && !qx__buf_append(&o->calibration, &o->alloc, text, len))
        return qx__fail(err, QX_E_NOMEM, 0, NULL);
    return QX_OK;
}

/* Appends text as new lines of buf, so entries never run together. */
static qx_status append_text(qx__buf *b, const qx_allocator *a, const char *text, size_t len) {
    if ((b->len && b->data[b->len - 1] != '\n' && !qx__buf_append(b, a, "\n", 1)) ||
        !qx__buf_append(b, a, text, len) || !qx__buf_append(b, a, "\n", 1))
        return QX_E_NOMEM;
    return QX_OK;
}

qx_status qx_options_add_lexicon(qx_options *o, qx_lexicon which, const char *text, size_t len,
                                 qx_error *err) {
    if (!o || (unsigned)which >= QX_LEX_COUNT_ || (!text && len))
        return qx__fail(err, QX_E_INVALID_ARG, 0, "invalid lexicon or text");
    qx_status rc = qx__lexicon_validate(which, text, len, err);
    if (rc != QX_OK)
        return rc;
    rc = append_text(&o->lex[which], &o->alloc, text, len);
    return rc == QX_OK ? QX_OK : qx__fail(err, rc, 0, NULL);
}

qx_status qx_options_clear_lexicon(qx_options *o, qx_lexicon which) {
    if (!o || (unsigned)which >= QX_LEX_COUNT_)
        return QX_E_INVALID_ARG;
    o->lex[which].len = 0;
    if (o->lex[which].data)
        o->lex[which].data[0] = '\0';
    return QX_OK;
}

qx_status qx_options_add_rules(qx_options *o, const char *text, size_t len, qx_error *err) {
    if (!o || (!text && len))
        return qx__fail(err, QX_E_INVALID_ARG, 0, "invalid rule text");
    if (qx__utf8_check(text, len) != len)
        return qx__fail(err, QX_E_BAD_UTF8, qx__utf8_check(text, len), "rules are not valid UTF-8");
    qx_status rc = qx__rules_validate(text, len, &o->alloc, err);
    if (rc != QX_OK)
        return rc;
    rc = append_text(&o->rules, &o->alloc, text, len);
    return rc == QX_OK ? QX_OK : qx__fail(err, rc, 0, NULL);
}

qx_status qx_options_clear_rules(qx_options *o) {
    if (!o)
        return QX_E_INVALID_ARG;
    o->rules.len = 0;
    if (o->rules.data)
        o->rules.data[0] = '\0';
    return QX_OK;
}

/* Reads a whole file through the options' allocator. */
static qx_status read_file(const qx_options *o, const char *path, qx__buf *out, qx_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return qx__fail(err, QX_E_IO, 0, "%s: cannot open", path);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (!qx__buf_append(out, &o->alloc, chunk, n)) {
            fclose(f);
            return qx__fail(err, QX_E_NOMEM, 0, NULL);
        }
    }
    int bad = ferror(f);
    fclose(f);
    return bad ? qx__fail(err, QX_E_IO, 0, "%s: read error", path) : QX_OK;
}

/* Prefixes the file name to an error about its contents. */
static void name_file(qx_error *err, const char *path) {
    if (!err)
        return;
    char msg[sizeof err->message];
    snprintf(msg, sizeof msg, "%.100s: %.150s", path, err->message);
    memcpy(err->message, msg, sizeof msg);
}

qx_status qx_options_load_lexicon_file(qx_options *o, qx_lexicon which, const char *path,
                                       qx_error *err) {
    if (!o || !path || (unsigned)which >= QX_LEX_COUNT_)
        return qx__fail(err, QX_E_INVALID_ARG, 0, "invalid lexicon or path");
    qx__buf b = {0};
    qx_status rc = read_file(o, path, &b, err);
    if (rc == QX_OK) {
        rc = qx_options_add_lexicon(o, which, b.data ? b.data : "", b.len, err);
        if (rc != QX_OK)
            name_file(err, path);
    }
    qx__buf_free(&b, &o->alloc);
    return rc;
}

qx_status qx_options_load_rules_file(qx_options *o, const char *path, qx_error *err) {
    if (!o || !path)
        return qx__fail(err, QX_E_INVALID_ARG, 0, "invalid path");
    qx__buf b = {0};
    qx_status rc = read_file(o, path, &b, err);
    if (rc == QX_OK) {
        rc = qx_options_add_rules(o, b.data ? b.data : "", b.len, err);
        if (rc != QX_OK)
            name_file(err, path);
    }
    qx__buf_free(&b, &o->alloc);
    return rc;
}
