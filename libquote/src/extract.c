/* qx_extract: validate once, then run the stages over one document. */
#include "internal.h"

/* Text wrapped at a fixed width (books, mail, plain-text archives) breaks
 * lines inside a paragraph: "asked Mr. Beachfield\nDavis, who". To the rules
 * and names such a break is a space. The copy has the same length, so every
 * offset still points into the caller's text. Returns QX_OK with *out NULL
 * when no paragraph holds a line break. */
static qx_status unwrap(qx__doc *d, char **out) {
    *out = NULL;
    for (size_t pi = 0; pi < d->paras->len; pi++) {
        const qx__para *p = &QX__AT(*d->paras, qx__para, pi);
        const char *nl = p->end > p->start ? memchr(d->text + p->start, '\n', p->end - p->start) : NULL;
        if (!nl)
            continue;
        if (!*out) {
            *out = qx__malloc(d->a, d->len + 1);
            if (!*out)
                return QX_E_NOMEM;
            memcpy(*out, d->text, d->len);
            (*out)[d->len] = '\0';
        }
        for (size_t i = (size_t)(nl - d->text); i < p->end; i++)
            if ((*out)[i] == '\n')
                (*out)[i] = ' ';
    }
    return QX_OK;
}

static qx_status run(qx__doc *d, char **unwrapped) {
    qx_status rc;
    if ((rc = qx__wordstat_build(&d->words, d)) != QX_OK ||
        (rc = qx__find_paragraphs(d)) != QX_OK || (rc = qx__find_quotes(d)) != QX_OK ||
        (rc = qx__find_sentences(d)) != QX_OK || (rc = unwrap(d, unwrapped)) != QX_OK)
        return rc;
    if (*unwrapped)
        d->text = *unwrapped;
    if ((rc = qx__detect_dialogue(d)) != QX_OK ||
        (rc = qx__attribute(d)) != QX_OK ||
        (rc = qx__find_indirect(d)) != QX_OK || (rc = qx__discourse(d)) != QX_OK ||
        (rc = qx__resolve_speakers(d)) != QX_OK || (rc = qx__calibrate(d)) != QX_OK)
        return rc;
    return QX_OK;
}

qx_status qx_extract(const qx_extractor *ex, qx_state *st, const char *text, size_t len,
                     qx_result **out, qx_error *err) {
    if (out)
        *out = NULL;
    if (!ex || !out || (!text && len))
        return qx__fail(err, QX_E_INVALID_ARG, 0, "extractor, text and out are required");
    if (st && st->ex != ex)
        return qx__fail(err, QX_E_INVALID_ARG, 0, "state belongs to another extractor");
    const qx_allocator *a = &ex->alloc;
    char *clean = NULL;
    size_t bad = qx__utf8_check(text ? text : "", len);
    if (bad != len && !(ex->flags & QX_FLAG_LENIENT_UTF8))
        return qx__fail(err, QX_E_BAD_UTF8, bad, "invalid UTF-8 at byte %zu", bad);
    /* NUL bytes (debris of UTF-16 or binary data) read as spaces, as invalid
     * bytes do in lenient mode: the rules never see a character that is
     * neither text nor space, and offsets still point into the caller's text. */
    const char *nul = len ? memchr(text, '\0', len) : NULL;
    if (bad != len || nul) {
        clean = qx__malloc(a, len + 1);
        if (!clean)
            return qx__fail(err, QX_E_NOMEM, 0, NULL);
        memcpy(clean, text, len);
        size_t i = bad;
        while (i < len) {
            clean[i++] = ' ';
            i += qx__utf8_check(clean + i, len - i);
        }
        for (i = nul ? (size_t)(nul - text) : len; i < len; i++)
            if (!clean[i])
                clean[i] = ' ';
        text = clean;
    }
    qx_state *own = NULL;
    if (!st) {
        st = own = qx_state_new(ex);
        if (!st) {
            qx__free(a, clean);
            return qx__fail(err, QX_E_NOMEM, 0, NULL);
        }
    }
    qx__doc d;
    memset(&d, 0, sizeof d);
    d.ex = ex;
    d.st = st;
    d.a = a;
    d.text = d.lines = text ? text : "";
    d.len = len;
    d.paras = &st->paras;
    d.sents = &st->sents;
    d.marks = &st->marks;
    d.cands = &st->cands;
    d.names = &st->names;
    qx__vec_init(&d.recs, sizeof(qx__rec));
    qx__vec_init(&d.segs, sizeof(qx_segment));
    qx__vec_init(&d.diags, sizeof(qx_diagnostic));
    d.err = err;
    char *unwrapped = NULL;
    qx_status rc = run(&d, &unwrapped);
    if (rc == QX_OK)
        rc = qx__result_build(&d, out);
    if (rc == QX_E_NOMEM)
        qx__fail(err, rc, 0, NULL);
    qx__vec_free(&d.recs, a);
    qx__vec_free(&d.segs, a);
    qx__vec_free(&d.diags, a);
    qx__buf_free(&d.strings, a);
    qx__wordstat_free(&d.words, a);
    qx_state_free(own);
    qx__free(a, unwrapped);
    qx__free(a, clean);
    return rc;
}

qx_status qx_extract_once(const char *text, size_t len, qx_result **out, qx_error *err) {
    qx_extractor *ex = qx_extractor_new(NULL, err);
    if (!ex)
        return err ? err->code : QX_E_NOMEM;
    qx_status rc = qx_extract(ex, NULL, text, len, out, err);
    qx_extractor_free(ex);
    return rc;
}
