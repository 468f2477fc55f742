/*
 * _quoteex.c: the CPython binding of libquote.
 *
 * The binding only moves text and offsets; every decision about quotes is
 * made in libquote. Shape (see docs of CPython's Modules/_zstd for the model):
 * multi-phase init, per-module state, heap types, one set_error().
 *
 * Offsets: libquote speaks UTF-8 bytes. For str input every offset handed to
 * Python is a str index; for bytes input it is a byte offset. Non-ASCII str
 * is encoded into a temporary bytes object rather than through
 * PyUnicode_AsUTF8AndSize, which would keep a UTF-8 copy inside the caller's
 * str for the str's whole life.
 *
 * Threads: the C work (state, extraction, offset mapping) runs with the GIL
 * released on memory from PyMem_RawMalloc, which needs no GIL. An Extractor
 * never changes after construction, so it needs no lock even without a GIL.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX < 0x030C0000
#include <structmember.h>
#define Py_T_OBJECT_EX T_OBJECT_EX
#define Py_READONLY READONLY
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoteex.h"

/* ------------------------------------------------------------------ state */

typedef struct {
    PyTypeObject *Extractor_type;
    PyTypeObject *Quote_type;
    PyObject *QuoteexError;
    PyObject *PatternError;
    PyObject *LexiconError;
    PyObject *ResourceLimitError;
    PyObject *kind_names[4]; /* indexed by qx_kind; [0] for values we do not know */
} modstate;

static inline modstate *get_modstate(PyObject *module)
{
    return (modstate *)PyModule_GetState(module);
}

/* Neither type allows subclasses, so the instance's type is ours. */
static inline modstate *state_of(PyObject *self)
{
    return (modstate *)PyType_GetModuleState(Py_TYPE(self));
}

/* ------------------------------------------------------------- allocator */

static void *raw_malloc(void *ctx, size_t size)
{
    (void)ctx;
    return PyMem_RawMalloc(size);
}

static void *raw_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    return PyMem_RawRealloc(ptr, size);
}

static void raw_free(void *ctx, void *ptr)
{
    (void)ctx;
    PyMem_RawFree(ptr);
}

/* PyMem_Raw* is safe without the GIL, which the extraction runs without. */
static const qx_allocator raw_allocator = {raw_malloc, raw_realloc, raw_free, NULL};

/* ---------------------------------------------------------------- errors */

typedef enum { WHERE_INPUT, WHERE_LEXICON, WHERE_RULES, WHERE_COMPILE } err_where;

typedef struct {
    err_where where;
    const char *what;   /* lexicon or argument name, for messages */
    PyObject *path;     /* the file's name (str or bytes), or NULL */
    PyObject *data;     /* the bytes given to qx_extract, for UnicodeDecodeError */
    int saved_errno;    /* errno right after a failed file read */
} err_ctx;

static const char *err_text(qx_status code, const qx_error *err)
{
    return err && err->message[0] ? err->message : qx_strerror(code);
}

/* Raise type(msg) with extra attributes given as name/value pairs ending in NULL.
 * The values are borrowed. Returns NULL. */
static PyObject *raise_with(PyObject *type, PyObject *msg, ...)
{
    PyObject *exc = NULL;
    if (msg == NULL)
        return NULL;
    exc = PyObject_CallOneArg(type, msg);
    Py_DECREF(msg);
    if (exc == NULL)
        return NULL;
    va_list ap;
    va_start(ap, msg);
    const char *name;
    while ((name = va_arg(ap, const char *)) != NULL) {
        PyObject *value = va_arg(ap, PyObject *);
        if (PyObject_SetAttrString(exc, name, value) < 0) {
            va_end(ap);
            Py_DECREF(exc);
            return NULL;
        }
    }
    va_end(ap);
    PyErr_SetObject(type, exc);
    Py_DECREF(exc);
    return NULL;
}

static PyObject *size_or_none(size_t v)
{
    return v == QX_UNSET ? Py_NewRef(Py_None) : PyLong_FromSize_t(v);
}

/* Configuration errors name their source; libquote's message gives the line. */
static PyObject *config_message(const err_ctx *ctx, const char *text)
{
    if (ctx->path != NULL)
        return PyUnicode_FromFormat("%S: %s", ctx->path, text);
    return PyUnicode_FromFormat("%s: %s", ctx->what, text);
}

/* The one place where a libquote status becomes a Python exception. Returns NULL. */
static PyObject *set_error(modstate *st, qx_status code, const qx_error *err, const err_ctx *ctx)
{
    const char *text = err_text(code, err);
    PyObject *line = NULL, *offset = NULL;

    switch (code) {
    case QX_E_NOMEM:
        return PyErr_NoMemory();

    case QX_E_BAD_UTF8:
        if (ctx->where == WHERE_INPUT && ctx->data != NULL && PyBytes_Check(ctx->data)) {
            Py_ssize_t len = PyBytes_GET_SIZE(ctx->data);
            Py_ssize_t start = err ? (Py_ssize_t)err->offset : 0;
            if (start < 0 || start >= len)
                start = len > 0 ? len - 1 : 0;
            PyObject *exc = PyUnicodeDecodeError_Create(
                "utf-8", PyBytes_AS_STRING(ctx->data), len, start, start + 1,
                "invalid utf-8 (pass lenient_utf8=True to read such bytes as spaces)");
            if (exc != NULL) {
                PyErr_SetObject(PyExc_UnicodeDecodeError, exc);
                Py_DECREF(exc);
            }
            return NULL;
        }
        if (ctx->where == WHERE_LEXICON)
            return raise_with(st->LexiconError, config_message(ctx, text), "line", Py_None,
                              "path", ctx->path ? ctx->path : Py_None, NULL);
        if (ctx->where == WHERE_RULES)
            return raise_with(st->PatternError, config_message(ctx, text), "offset", Py_None,
                              "line", Py_None, NULL);
        break; /* a str is always valid UTF-8: a library bug, reported below */

    case QX_E_PATTERN:
    case QX_E_SYNTAX:
        if (ctx->where == WHERE_INPUT)
            break;
        line = err && err->line > 0 ? PyLong_FromSize_t(err->line) : Py_NewRef(Py_None);
        if (line == NULL)
            return NULL;
        if (code == QX_E_SYNTAX && ctx->where == WHERE_LEXICON) {
            raise_with(st->LexiconError, config_message(ctx, text), "line", line, "path",
                       ctx->path ? ctx->path : Py_None, NULL);
        } else {
            offset = code == QX_E_PATTERN && err ? size_or_none(err->offset) : Py_NewRef(Py_None);
            if (offset != NULL)
                raise_with(st->PatternError, config_message(ctx, text), "offset", offset, "line",
                           line, NULL);
            Py_XDECREF(offset);
        }
        Py_DECREF(line);
        return NULL;

    case QX_E_LIMIT:
        PyErr_SetString(st->ResourceLimitError, text);
        return NULL;

    case QX_E_IO:
        if (ctx->saved_errno != 0 && ctx->path != NULL) {
            errno = ctx->saved_errno;
            return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, ctx->path);
        }
        return PyErr_Format(PyExc_OSError, "%S: %s", ctx->path ? ctx->path : Py_None, text);

    case QX_E_INVALID_ARG:
        if (ctx->where != WHERE_INPUT)
            return PyErr_Format(PyExc_ValueError, "%s: %s", ctx->what, text);
        break;

    default:
        break;
    }
    return PyErr_Format(st->QuoteexError, "libquote: %s (status %d)", text, (int)code);
}

/* ----------------------------------------------------------------- Quote */

enum {
    F_TEXT, F_START, F_END, F_SEGMENTS, F_OUTER_SEGMENTS, F_KIND,
    F_SPEAKER, F_SPEAKER_MENTION, F_SPEAKER_TEXT, F_ROLE, F_ROLE_TEXT,
    F_CUE, F_CUE_TEXT, F_CUE_LEMMA, F_RULE, F_CONFIDENCE,
    F_CONTINUED, F_UNCLOSED, F_PRONOUN, F_INHERITED, F_NESTED, F_KEY,
    N_FIELDS
};

/* Every attribute is stored as an object so eq/hash/as_dict/pickling are one loop. */
typedef struct {
    PyObject_HEAD
    PyObject *f[N_FIELDS];
} QuoteObject;

#define QFIELD(name, idx, doc)                                                                    \
    {name, Py_T_OBJECT_EX, offsetof(QuoteObject, f) + (idx) * sizeof(PyObject *), Py_READONLY,    \
     PyDoc_STR(doc)}

static PyMemberDef Quote_members[] = {
    QFIELD("text", F_TEXT, "The quoted words: the inner text of each segment, joined by a space."),
    QFIELD("start", F_START, "Start of the first segment, quote mark included."),
    QFIELD("end", F_END, "End of the last segment, quote mark included."),
    QFIELD("segments", F_SEGMENTS, "Tuple of (start, end) spans of the quoted words, marks excluded."),
    QFIELD("outer_segments", F_OUTER_SEGMENTS, "Tuple of (start, end) spans, marks included."),
    QFIELD("kind", F_KIND, "'direct', 'mixed' or 'indirect'."),
    QFIELD("speaker", F_SPEAKER, "Resolved speaker name, or None."),
    QFIELD("speaker_mention", F_SPEAKER_MENTION, "(start, end) of the mention the speaker rests on, or None."),
    QFIELD("speaker_text", F_SPEAKER_TEXT, "Text of speaker_mention, or None."),
    QFIELD("role", F_ROLE, "(start, end) of the speaker's role or title phrase, or None."),
    QFIELD("role_text", F_ROLE_TEXT, "Text of role, or None."),
    QFIELD("cue", F_CUE, "(start, end) of the cue words ('said', 'told reporters'), or None."),
    QFIELD("cue_text", F_CUE_TEXT, "Text of cue, or None."),
    QFIELD("cue_lemma", F_CUE_LEMMA, "Lemma of the cue ('say', 'according to'), or None."),
    QFIELD("rule", F_RULE, "Name of the rule that attributed the quote, or 'none'."),
    QFIELD("confidence", F_CONFIDENCE, "Confidence of the attribution, in [0, 1]."),
    QFIELD("continued", F_CONTINUED, "True when the quote runs over paragraphs."),
    QFIELD("unclosed", F_UNCLOSED, "True when a segment ended without its closing mark."),
    QFIELD("pronoun", F_PRONOUN, "True when the speaker mention is a pronoun."),
    QFIELD("inherited", F_INHERITED, "True when the speaker was carried over from earlier speech."),
    QFIELD("nested", F_NESTED, "True when the quote sits inside another quote."),
    QFIELD("key", F_KEY, "Canonical key of the quoted words (16 hex digits): equal for the same "
                         "quote in reprinted copies that differ in marks, punctuation or case."),
    {NULL},
};

/* Takes ownership of the references in fields, also on failure. */
static PyObject *quote_from_fields(PyTypeObject *tp, PyObject **fields)
{
    QuoteObject *q = (QuoteObject *)tp->tp_alloc(tp, 0);
    if (q == NULL) {
        for (int i = 0; i < N_FIELDS; i++)
            Py_XDECREF(fields[i]);
        return NULL;
    }
    for (int i = 0; i < N_FIELDS; i++)
        q->f[i] = fields[i];
    return (PyObject *)q;
}

static void Quote_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    QuoteObject *q = (QuoteObject *)self;
    for (int i = 0; i < N_FIELDS; i++)
        Py_CLEAR(q->f[i]);
    tp->tp_free(self);
    Py_DECREF(tp);
}

static PyObject *Quote_fields_tuple(QuoteObject *q)
{
    PyObject *t = PyTuple_New(N_FIELDS);
    if (t == NULL)
        return NULL;
    for (int i = 0; i < N_FIELDS; i++)
        PyTuple_SET_ITEM(t, i, Py_NewRef(q->f[i]));
    return t;
}

static PyObject *Quote_repr(PyObject *self)
{
    QuoteObject *q = (QuoteObject *)self;
    PyObject *text = q->f[F_TEXT], *shown;
    const Py_ssize_t keep = 30;
    if (PyUnicode_Check(text) && PyUnicode_GET_LENGTH(text) > keep) {
        PyObject *head = PyUnicode_Substring(text, 0, keep - 1);
        PyObject *ellipsis = PyUnicode_DecodeUTF8("\xe2\x80\xa6", 3, NULL);
        shown = head && ellipsis ? PyUnicode_Concat(head, ellipsis) : NULL;
        Py_XDECREF(head);
        Py_XDECREF(ellipsis);
        if (shown == NULL)
            return NULL;
    } else {
        shown = Py_NewRef(text);
    }
    PyObject *r = PyUnicode_FromFormat("<Quote %S %R speaker=%R rule=%R>", q->f[F_KIND], shown,
                                       q->f[F_SPEAKER], q->f[F_RULE]);
    Py_DECREF(shown);
    return r;
}

static Py_hash_t Quote_hash(PyObject *self)
{
    PyObject *t = Quote_fields_tuple((QuoteObject *)self);
    if (t == NULL)
        return -1;
    Py_hash_t h = PyObject_Hash(t);
    Py_DECREF(t);
    return h;
}

static PyObject *Quote_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || Py_TYPE(a) != Py_TYPE(b))
        Py_RETURN_NOTIMPLEMENTED;
    QuoteObject *x = (QuoteObject *)a, *y = (QuoteObject *)b;
    int equal = 1;
    for (int i = 0; i < N_FIELDS && equal; i++) {
        equal = PyObject_RichCompareBool(x->f[i], y->f[i], Py_EQ);
        if (equal < 0)
            return NULL;
    }
    return PyBool_FromLong(op == Py_EQ ? equal : !equal);
}

static PyObject *Quote_as_dict(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    QuoteObject *q = (QuoteObject *)self;
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    for (int i = 0; i < N_FIELDS; i++) {
        if (PyDict_SetItemString(d, Quote_members[i].name, q->f[i]) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

static PyObject *Quote_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *module = PyType_GetModule(Py_TYPE(self));
    if (module == NULL)
        return NULL;
    PyObject *rebuild = PyObject_GetAttrString(module, "_quote_from_state");
    if (rebuild == NULL)
        return NULL;
    PyObject *fields = Quote_fields_tuple((QuoteObject *)self);
    if (fields == NULL) {
        Py_DECREF(rebuild);
        return NULL;
    }
    return Py_BuildValue("(N(N))", rebuild, fields);
}

static PyMethodDef Quote_methods[] = {
    {"as_dict", Quote_as_dict, METH_NOARGS,
     PyDoc_STR("as_dict($self, /)\n--\n\nAll attributes as a plain dict, in attribute order.")},
    {"__reduce__", Quote_reduce, METH_NOARGS, NULL},
    {NULL},
};

PyDoc_STRVAR(Quote_doc,
"A quote and its attribution, as found by Extractor.extract().\n\n"
"Immutable and hashable. Offsets are str indices for str input and byte\n"
"offsets for bytes input; spans are (start, end) tuples, half-open.");

static PyType_Slot Quote_slots[] = {
    {Py_tp_dealloc, Quote_dealloc},
    {Py_tp_repr, Quote_repr},
    {Py_tp_hash, Quote_hash},
    {Py_tp_richcompare, Quote_richcompare},
    {Py_tp_members, Quote_members},
    {Py_tp_methods, Quote_methods},
    {Py_tp_doc, (void *)Quote_doc},
    {0, NULL},
};

static PyType_Spec Quote_spec = {
    .name = "quoteex.Quote",
    .basicsize = sizeof(QuoteObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = Quote_slots,
};

/* Unpickling: Quote has no public constructor, so pickles call this. */
static PyObject *quote_from_state(PyObject *module, PyObject *arg)
{
    modstate *st = get_modstate(module);
    if (!PyTuple_Check(arg) || PyTuple_GET_SIZE(arg) != N_FIELDS)
        return PyErr_Format(PyExc_TypeError, "_quote_from_state expects a tuple of %d fields",
                            N_FIELDS);
    PyObject *fields[N_FIELDS];
    for (int i = 0; i < N_FIELDS; i++)
        fields[i] = Py_NewRef(PyTuple_GET_ITEM(arg, i));
    return quote_from_fields(st->Quote_type, fields);
}

/* ------------------------------------------------------------ extraction */

/* Everything the GIL-free part reads and writes; no Python objects inside. */
typedef struct {
    const char *buf;
    size_t len;
    int map_offsets;  /* non-ASCII str: byte offsets become code-point offsets */
    qx_result *res;
    size_t *pos;      /* every offset of res in slot order (see slot layout), mapped */
    qx_status code;
    qx_error err;
} job;

/* Slot layout of job.pos: per quote, 4 per segment (outer start/end, inner
 * start/end) then 6 (mention, role, cue); then one per diagnostic. */
enum { SLOTS_PER_SEGMENT = 4, SLOTS_PER_QUOTE = 6 };

typedef struct {
    size_t off;
    size_t slot;
} offset_slot;

static int cmp_offset_slot(const void *a, const void *b)
{
    const offset_slot *x = a, *y = b;
    return (x->off > y->off) - (x->off < y->off);
}

/* Byte offsets pos[0, n) into buf to code points, in one pass over the text. */
static qx_status map_offsets(const char *buf, size_t len, size_t *pos, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += pos[i] != QX_UNSET;
    if (m == 0)
        return QX_OK;
    offset_slot *keys = PyMem_RawMalloc(m * sizeof *keys);
    size_t *vals = PyMem_RawMalloc(m * sizeof *vals);
    qx_status rc = QX_E_NOMEM;
    if (keys == NULL || vals == NULL)
        goto done;
    m = 0;
    for (size_t i = 0; i < n; i++)
        if (pos[i] != QX_UNSET)
            keys[m++] = (offset_slot){pos[i], i};
    qsort(keys, m, sizeof *keys, cmp_offset_slot);
    for (size_t i = 0; i < m; i++)
        vals[i] = keys[i].off;
    rc = qx_utf8_offsets_to_codepoints(buf, len, vals, m);
    if (rc == QX_OK)
        for (size_t i = 0; i < m; i++)
            pos[keys[i].slot] = vals[i];
done:
    PyMem_RawFree(keys);
    PyMem_RawFree(vals);
    return rc;
}

static qx_status map_to_codepoints(job *j, size_t n)
{
    return map_offsets(j->buf, j->len, j->pos, n);
}

static qx_status collect_offsets(job *j)
{
    size_t nq = qx_result_count(j->res), nd = qx_result_diagnostic_count(j->res), n = 0;
    for (size_t i = 0; i < nq; i++)
        n += qx_result_get(j->res, i)->n_segments * SLOTS_PER_SEGMENT + SLOTS_PER_QUOTE;
    n += nd;
    j->pos = PyMem_RawMalloc((n ? n : 1) * sizeof *j->pos);
    if (j->pos == NULL)
        return QX_E_NOMEM;

    size_t k = 0;
    for (size_t i = 0; i < nq; i++) {
        const qx_quote *q = qx_result_get(j->res, i);
        for (size_t s = 0; s < q->n_segments; s++) {
            j->pos[k++] = q->segments[s].outer.start;
            j->pos[k++] = q->segments[s].outer.end;
            j->pos[k++] = q->segments[s].inner.start;
            j->pos[k++] = q->segments[s].inner.end;
        }
        j->pos[k++] = q->speaker_mention.start;
        j->pos[k++] = q->speaker_mention.end;
        j->pos[k++] = q->role.start;
        j->pos[k++] = q->role.end;
        j->pos[k++] = q->cue.start;
        j->pos[k++] = q->cue.end;
    }
    for (size_t i = 0; i < nd; i++)
        j->pos[k++] = qx_result_get_diagnostic(j->res, i)->offset;

    for (size_t i = 0; i < n; i++) {
        if (j->pos[i] != QX_UNSET && j->pos[i] > j->len) {
            j->err.code = QX_E_INTERNAL;
            snprintf(j->err.message, sizeof j->err.message,
                     "result offset %zu is past the end of the text (%zu bytes)", j->pos[i], j->len);
            return QX_E_INTERNAL;
        }
    }
    return j->map_offsets ? map_to_codepoints(j, n) : QX_OK;
}

/* Runs without the GIL. st is the calling thread's scratch state. */
static void run_job(const qx_extractor *ex, qx_state *st, job *j)
{
    if (st == NULL) {
        j->code = QX_E_NOMEM;
        return;
    }
    j->code = qx_extract(ex, st, j->buf, j->len, &j->res, &j->err);
    if (j->code == QX_OK)
        j->code = collect_offsets(j);
}

/* What the Python side keeps alive while building results. */
typedef struct {
    PyObject *text;    /* the caller's object if it is a str, else NULL */
    PyObject *owner;   /* owns buf: the caller's str/bytes, or a temporary bytes */
    const size_t *pos;
    size_t k;          /* next slot to read */
    const char *buf;
    size_t len;
} reader;

static PyObject *slice_text(reader *r, size_t s, size_t e)
{
    if (s == QX_UNSET || e == QX_UNSET)
        Py_RETURN_NONE;
    if (e < s)
        e = s;
    if (r->text != NULL)
        return PyUnicode_Substring(r->text, (Py_ssize_t)s, (Py_ssize_t)e);
    /* bytes input: valid UTF-8 unless lenient mode let bad bytes through */
    return PyUnicode_DecodeUTF8(r->buf + s, (Py_ssize_t)(e - s), "replace");
}

static PyObject *span_pair(size_t s, size_t e)
{
    if (s == QX_UNSET || e == QX_UNSET)
        Py_RETURN_NONE;
    return Py_BuildValue("(nn)", (Py_ssize_t)s, (Py_ssize_t)e);
}

static PyObject *c_string(const char *s)
{
    if (s == NULL)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

/* A span field and its text, reading two slots. */
static int read_span(reader *r, PyObject **span, PyObject **text)
{
    size_t s = r->pos[r->k], e = r->pos[r->k + 1];
    r->k += 2;
    *span = span_pair(s, e);
    *text = *span ? slice_text(r, s, e) : NULL;
    return *span && *text ? 0 : -1;
}

static PyObject *build_quote(modstate *st, reader *r, const qx_quote *q)
{
    PyObject *f[N_FIELDS] = {NULL};
    size_t ns = q->n_segments;
    PyObject *pieces = NULL;

    if (ns == 0) {
        PyErr_SetString(st->QuoteexError, "libquote returned a quote without segments");
        return NULL;
    }
    f[F_SEGMENTS] = PyTuple_New((Py_ssize_t)ns);
    f[F_OUTER_SEGMENTS] = PyTuple_New((Py_ssize_t)ns);
    pieces = PyList_New((Py_ssize_t)ns);
    if (!f[F_SEGMENTS] || !f[F_OUTER_SEGMENTS] || !pieces)
        goto fail;
    size_t first_outer = r->pos[r->k], last_outer = 0;
    for (size_t i = 0; i < ns; i++) {
        const size_t *p = r->pos + r->k;
        PyObject *outer = span_pair(p[0], p[1]);
        if (outer == NULL)
            goto fail;
        PyTuple_SET_ITEM(f[F_OUTER_SEGMENTS], (Py_ssize_t)i, outer);
        PyObject *inner = span_pair(p[2], p[3]);
        if (inner == NULL)
            goto fail;
        PyTuple_SET_ITEM(f[F_SEGMENTS], (Py_ssize_t)i, inner);
        PyObject *piece = slice_text(r, p[2], p[3]);
        if (piece == NULL)
            goto fail;
        PyList_SET_ITEM(pieces, (Py_ssize_t)i, piece);
        last_outer = p[1];
        r->k += SLOTS_PER_SEGMENT;
    }
    if (ns == 1) {
        f[F_TEXT] = Py_NewRef(PyList_GET_ITEM(pieces, 0));
    } else {
        PyObject *sep = PyUnicode_FromString(" ");
        if (sep == NULL)
            goto fail;
        f[F_TEXT] = PyUnicode_Join(sep, pieces);
        Py_DECREF(sep);
    }
    Py_CLEAR(pieces);
    f[F_START] = size_or_none(first_outer);
    f[F_END] = size_or_none(last_outer);
    if (!f[F_TEXT] || !f[F_START] || !f[F_END])
        goto fail;

    if (read_span(r, &f[F_SPEAKER_MENTION], &f[F_SPEAKER_TEXT]) < 0 ||
        read_span(r, &f[F_ROLE], &f[F_ROLE_TEXT]) < 0 ||
        read_span(r, &f[F_CUE], &f[F_CUE_TEXT]) < 0)
        goto fail;

    uint32_t kind = q->kind <= QX_KIND_INDIRECT ? q->kind : 0;
    f[F_KIND] = Py_NewRef(st->kind_names[kind]);
    f[F_SPEAKER] = c_string(q->speaker);
    f[F_CUE_LEMMA] = c_string(q->cue_lemma);
    f[F_RULE] = q->rule ? c_string(q->rule) : PyUnicode_FromString("none");
    f[F_CONFIDENCE] = PyFloat_FromDouble(q->confidence);
    f[F_CONTINUED] = PyBool_FromLong(q->flags & QX_QUOTE_CONTINUED);
    f[F_UNCLOSED] = PyBool_FromLong(q->flags & QX_QUOTE_UNCLOSED);
    f[F_PRONOUN] = PyBool_FromLong(q->flags & QX_QUOTE_PRONOUN);
    f[F_INHERITED] = PyBool_FromLong(q->flags & QX_QUOTE_INHERITED);
    f[F_NESTED] = PyBool_FromLong(q->flags & QX_QUOTE_NESTED);
    uint64_t key = 0;
    if (qx_quote_key(r->buf, r->len, q, &key) == QX_OK)
        f[F_KEY] = PyUnicode_FromFormat("%08x%08x", (unsigned)(key >> 32), (unsigned)(key & 0xFFFFFFFFu));
    else /* only for spans outside the text, which libquote never returns */
        PyErr_SetString(st->QuoteexError, "libquote returned a quote outside its text");
    for (int i = 0; i < N_FIELDS; i++)
        if (f[i] == NULL)
            goto fail;
    return quote_from_fields(st->Quote_type, f);

fail:
    Py_XDECREF(pieces);
    for (int i = 0; i < N_FIELDS; i++)
        Py_XDECREF(f[i]);
    return NULL;
}

static PyObject *build_diagnostics(reader *r, const qx_result *res)
{
    size_t nd = qx_result_diagnostic_count(res);
    PyObject *list = PyList_New((Py_ssize_t)nd);
    if (list == NULL)
        return NULL;
    for (size_t i = 0; i < nd; i++) {
        const qx_diagnostic *d = qx_result_get_diagnostic(res, i);
        PyObject *off = size_or_none(r->pos[r->k++]);
        PyObject *msg = off ? c_string(d->message) : NULL;
        PyObject *item = msg ? PyTuple_Pack(2, off, msg) : NULL;
        Py_XDECREF(off);
        Py_XDECREF(msg);
        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

/* ------------------------------------------------------------- Extractor */

typedef struct {
    PyObject_HEAD
    qx_extractor *ex;
    PyObject *rules;  /* tuple of rule names */
    PyObject *config; /* keyword arguments that rebuild it: what pickling sends */
} ExtractorObject;

/* One input: its job for the GIL-free part and what keeps its bytes alive. */
typedef struct {
    job j;
    reader r;
} item;

/* Fills it from a str or bytes-like object (GIL held). what names the
 * argument in a TypeError. */
static int prepare_item(item *it, PyObject *arg, const char *what, Py_ssize_t index)
{
    memset(it, 0, sizeof *it);
    if (PyUnicode_Check(arg)) {
        it->r.text = arg;
        if (PyUnicode_IS_ASCII(arg)) {
            Py_ssize_t n;
            /* zero-copy for ASCII, and byte offsets are already str indices */
            it->j.buf = PyUnicode_AsUTF8AndSize(arg, &n);
            if (it->j.buf == NULL)
                return -1;
            it->j.len = (size_t)n;
            it->r.owner = Py_NewRef(arg);
        } else {
            it->r.owner = PyUnicode_AsUTF8String(arg); /* raises for lone surrogates */
            if (it->r.owner == NULL)
                return -1;
            it->j.map_offsets = 1;
        }
    } else if (PyBytes_Check(arg)) {
        it->r.owner = Py_NewRef(arg);
    } else if (PyObject_CheckBuffer(arg)) {
        /* a mutable buffer could change under the GIL-free scan: copy it */
        it->r.owner = PyBytes_FromObject(arg);
        if (it->r.owner == NULL)
            return -1;
    } else {
        if (index >= 0)
            PyErr_Format(PyExc_TypeError, "%s[%zd]: expected str or a bytes-like object, not %.200s",
                         what, index, Py_TYPE(arg)->tp_name);
        else
            PyErr_Format(PyExc_TypeError, "expected str or a bytes-like object, not %.200s",
                         Py_TYPE(arg)->tp_name);
        return -1;
    }
    if (PyBytes_Check(it->r.owner)) {
        it->j.buf = PyBytes_AS_STRING(it->r.owner);
        it->j.len = (size_t)PyBytes_GET_SIZE(it->r.owner);
    }
    it->r.buf = it->j.buf;
    it->r.len = it->j.len;
    return 0;
}

/* The Python result of a finished item (GIL held): a list of Quote, or
 * (quotes, diagnostics); NULL with the item's error set. */
static PyObject *finish_item(modstate *st, item *it, int with_diagnostics)
{
    PyObject *quotes = NULL, *result = NULL;
    if (it->j.code != QX_OK) {
        err_ctx ctx = {WHERE_INPUT, "text", NULL, it->r.owner, 0};
        return set_error(st, it->j.code, &it->j.err, &ctx);
    }
    it->r.pos = it->j.pos;
    it->r.k = 0;
    size_t nq = qx_result_count(it->j.res);
    quotes = PyList_New((Py_ssize_t)nq);
    if (quotes == NULL)
        return NULL;
    for (size_t i = 0; i < nq; i++) {
        PyObject *q = build_quote(st, &it->r, qx_result_get(it->j.res, i));
        if (q == NULL) {
            Py_DECREF(quotes);
            return NULL;
        }
        PyList_SET_ITEM(quotes, (Py_ssize_t)i, q);
    }
    if (!with_diagnostics)
        return quotes;
    PyObject *diags = build_diagnostics(&it->r, it->j.res);
    if (diags != NULL)
        result = Py_BuildValue("(ON)", quotes, diags);
    Py_DECREF(quotes);
    return result;
}

/* Frees what the item holds; GIL held (it drops a reference). */
static void release_item(item *it)
{
    qx_result_free(it->j.res);
    PyMem_RawFree(it->j.pos);
    Py_CLEAR(it->r.owner);
    it->j.res = NULL;
    it->j.pos = NULL;
}

static PyObject *extract_impl(ExtractorObject *self, PyObject *arg, int with_diagnostics)
{
    modstate *st = state_of((PyObject *)self);
    item it;
    if (self->ex == NULL)
        return PyErr_Format(PyExc_ValueError, "Extractor is not initialised");
    if (prepare_item(&it, arg, "text", -1) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    qx_state *qs = qx_state_new(self->ex);
    run_job(self->ex, qs, &it.j);
    qx_state_free(qs);
    Py_END_ALLOW_THREADS
    PyObject *result = finish_item(st, &it, with_diagnostics);
    release_item(&it);
    return result;
}

/* ------------------------------------------------------------- batches */

/* extract_many: items are claimed in input order by the worker threads and
 * by the calling thread, each with its own qx_state over the one shared,
 * immutable qx_extractor. The calling thread, between claims, turns the
 * finished items into Python objects in input order, so that work (which
 * needs the GIL) overlaps the extraction of later items. threads=N means N
 * threads in all, the caller included. */

#ifndef _WIN32
#include <pthread.h>
#define QX_HAVE_PTHREADS 1
#endif

typedef struct {
    const qx_extractor *ex;
    item *items;
    size_t n;
    size_t next;        /* next item to claim */
    unsigned char *done; /* per item: extraction finished */
#ifdef QX_HAVE_PTHREADS
    pthread_mutex_t lock;
    pthread_cond_t cond;
#endif
} batch;

static void batch_lock(batch *b)
{
#ifdef QX_HAVE_PTHREADS
    pthread_mutex_lock(&b->lock);
#else
    (void)b;
#endif
}

static void batch_unlock(batch *b)
{
#ifdef QX_HAVE_PTHREADS
    pthread_mutex_unlock(&b->lock);
#else
    (void)b;
#endif
}

/* The index of the next unclaimed item, or n. */
static size_t batch_claim(batch *b)
{
    batch_lock(b);
    size_t i = b->next < b->n ? b->next++ : b->n;
    batch_unlock(b);
    return i;
}

/* Runs without the GIL. */
static void batch_run(batch *b, qx_state *st, size_t i)
{
    run_job(b->ex, st, &b->items[i].j);
    batch_lock(b);
    b->done[i] = 1;
#ifdef QX_HAVE_PTHREADS
    pthread_cond_broadcast(&b->cond);
#endif
    batch_unlock(b);
}

#ifdef QX_HAVE_PTHREADS
static void *batch_worker(void *arg)
{
    batch *b = arg;
    qx_state *st = qx_state_new(b->ex); /* NULL: each job then fails with QX_E_NOMEM */
    for (size_t i; (i = batch_claim(b)) < b->n;)
        batch_run(b, st, i);
    qx_state_free(st);
    return NULL;
}
#endif

static PyObject *Extractor_extract_many(PyObject *op, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"texts", "threads", NULL};
    ExtractorObject *self = (ExtractorObject *)op;
    modstate *st = state_of(op);
    PyObject *texts, *seq = NULL, *out = NULL;
    Py_ssize_t threads = 1;
    batch b;
    memset(&b, 0, sizeof b);

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$n:extract_many", kwlist, &texts, &threads))
        return NULL;
    if (self->ex == NULL)
        return PyErr_Format(PyExc_ValueError, "Extractor is not initialised");
    if (threads < 1)
        return PyErr_Format(PyExc_ValueError, "threads must be at least 1, not %zd", threads);
    if (PyUnicode_Check(texts) || PyBytes_Check(texts) || PyByteArray_Check(texts))
        return PyErr_Format(PyExc_TypeError,
                            "texts must be an iterable of str or bytes, not a single %.200s",
                            Py_TYPE(texts)->tp_name);
    seq = PySequence_Fast(texts, "texts must be an iterable of str or bytes");
    if (seq == NULL)
        return NULL;
    b.ex = self->ex;
    b.n = (size_t)PySequence_Fast_GET_SIZE(seq);
    b.items = PyMem_RawCalloc(b.n ? b.n : 1, sizeof *b.items);
    b.done = PyMem_RawCalloc(b.n ? b.n : 1, 1);
    if (b.items == NULL || b.done == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* Every item is checked before any work starts: a bad one costs nothing. */
    for (size_t i = 0; i < b.n; i++)
        if (prepare_item(&b.items[i], PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)i), "texts",
                         (Py_ssize_t)i) < 0)
            goto done;
    out = PyList_New((Py_ssize_t)b.n);
    if (out == NULL)
        goto done;

#ifdef QX_HAVE_PTHREADS
    size_t n_workers = (size_t)threads - 1, started = 0;
    if (n_workers > b.n)
        n_workers = b.n;
    if (n_workers > 255)
        n_workers = 255;
    pthread_t tid[255];
    pthread_mutex_init(&b.lock, NULL);
    pthread_cond_init(&b.cond, NULL);
    Py_BEGIN_ALLOW_THREADS
    for (; started < n_workers; started++)
        if (pthread_create(&tid[started], NULL, batch_worker, &b) != 0)
            break; /* fewer threads: the work still gets done */
    Py_END_ALLOW_THREADS
#endif

    qx_state *own = NULL;
    Py_BEGIN_ALLOW_THREADS
    own = qx_state_new(self->ex);
    Py_END_ALLOW_THREADS
    for (size_t built = 0; built < b.n;) {
        batch_lock(&b);
        int ready = b.done[built];
        batch_unlock(&b);
        if (ready) {
            PyObject *r = finish_item(st, &b.items[built], 0);
            release_item(&b.items[built]);
            if (r == NULL) {
                Py_CLEAR(out);
                break;
            }
            PyList_SET_ITEM(out, (Py_ssize_t)built, r);
            built++;
            continue;
        }
        size_t i = batch_claim(&b);
        Py_BEGIN_ALLOW_THREADS
        if (i < b.n) {
            batch_run(&b, own, i);
        } else {
#ifdef QX_HAVE_PTHREADS
            /* Everything is claimed: wait for the item that comes next. */
            pthread_mutex_lock(&b.lock);
            while (!b.done[built])
                pthread_cond_wait(&b.cond, &b.lock);
            pthread_mutex_unlock(&b.lock);
#endif
        }
        Py_END_ALLOW_THREADS
    }
    /* On an error, no further item is started; the running ones finish. */
    batch_lock(&b);
    b.next = b.n;
    batch_unlock(&b);
#ifdef QX_HAVE_PTHREADS
    Py_BEGIN_ALLOW_THREADS
    for (size_t t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    qx_state_free(own);
    Py_END_ALLOW_THREADS
    pthread_cond_destroy(&b.cond);
    pthread_mutex_destroy(&b.lock);
#else
    qx_state_free(own);
#endif

done:
    if (b.items != NULL)
        for (size_t i = 0; i < b.n; i++)
            release_item(&b.items[i]);
    PyMem_RawFree(b.items);
    PyMem_RawFree(b.done);
    Py_DECREF(seq);
    return out;
}

static PyObject *Extractor_extract(PyObject *self, PyObject *arg)
{
    return extract_impl((ExtractorObject *)self, arg, 0);
}

static PyObject *Extractor_extract_with_diagnostics(PyObject *self, PyObject *arg)
{
    return extract_impl((ExtractorObject *)self, arg, 1);
}


/* --- verification */

/* One claim of Extractor.verify, as UTF-8 borrowed from its str objects. */
typedef struct {
    const char *claim, *speaker;
    size_t claim_len, speaker_len;
    qx_verification *v;
} vclaim;

/* Code-point index of byte offset off in buf (a claim: short). */
static size_t claim_index(const char *buf, size_t off)
{
    size_t cp = 0;
    for (size_t i = 0; i < off; i++)
        cp += ((unsigned char)buf[i] & 0xC0) != 0x80;
    return cp;
}

static PyObject *claim_span(const vclaim *c, qx_span s)
{
    if (s.start == QX_UNSET)
        Py_RETURN_NONE;
    return Py_BuildValue("(nn)", (Py_ssize_t)claim_index(c->claim, s.start),
                         (Py_ssize_t)claim_index(c->claim, s.end));
}

/* (verdict, match, quote index or None, span or None, confidence,
 *  [(claimed span or None, found span or None), ...]) with text spans from
 *  pos, the mapped text offsets of this verification in slot order. */
static PyObject *build_verification(const vclaim *c, const size_t *pos)
{
    const qx_verification *v = c->v;
    size_t nd = qx_verification_difference_count(v), qi = qx_verification_quote_index(v);
    PyObject *diffs = PyList_New((Py_ssize_t)nd);
    if (diffs == NULL)
        return NULL;
    for (size_t i = 0; i < nd; i++) {
        const qx_difference *d = qx_verification_difference(v, i);
        PyObject *cs = claim_span(c, d->claimed);
        PyObject *fs = cs ? span_pair(pos[2 + 2 * i], pos[3 + 2 * i]) : NULL;
        PyObject *item = fs ? PyTuple_Pack(2, cs, fs) : NULL;
        Py_XDECREF(cs);
        Py_XDECREF(fs);
        if (item == NULL) {
            Py_DECREF(diffs);
            return NULL;
        }
        PyList_SET_ITEM(diffs, (Py_ssize_t)i, item);
    }
    PyObject *span = span_pair(pos[0], pos[1]);
    PyObject *index = span ? size_or_none(qi) : NULL;
    PyObject *out = index ? Py_BuildValue("(iiOOdO)", (int)qx_verification_verdict(v),
                                          (int)qx_verification_match(v), index, span,
                                          qx_verification_confidence(v), diffs)
                          : NULL;
    Py_XDECREF(span);
    Py_XDECREF(index);
    Py_DECREF(diffs);
    return out;
}

static int claim_utf8(PyObject *obj, const char *what, int none_ok, const char **s, size_t *n)
{
    if (obj == Py_None && none_ok) {
        *s = NULL;
        *n = 0;
        return 0;
    }
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be str%s, not %.200s", what,
                     none_ok ? " or None" : "", Py_TYPE(obj)->tp_name);
        return -1;
    }
    Py_ssize_t len;
    *s = PyUnicode_AsUTF8AndSize(obj, &len); /* cached in obj: lives as long as it */
    *n = (size_t)len;
    return *s ? 0 : -1;
}

static PyObject *Extractor_verify(PyObject *op, PyObject *args)
{
    ExtractorObject *self = (ExtractorObject *)op;
    modstate *st = state_of(op);
    PyObject *text, *claims, *seq = NULL, *quotes = NULL, *checks = NULL, *result = NULL;
    vclaim *cl = NULL;
    size_t *tpos = NULL;
    reader r = {0};
    job j = {0};

    if (!PyArg_ParseTuple(args, "UO:verify", &text, &claims))
        return NULL;
    if (self->ex == NULL)
        return PyErr_Format(PyExc_ValueError, "Extractor is not initialised");
    seq = PySequence_Fast(claims, "claims must be a sequence of (claim, speaker) pairs");
    if (seq == NULL)
        return NULL;
    Py_ssize_t nc = PySequence_Fast_GET_SIZE(seq);
    cl = PyMem_Calloc(nc ? (size_t)nc : 1, sizeof *cl);
    if (cl == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < nc; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_SetString(PyExc_TypeError, "each claim must be a (claim, speaker) tuple");
            goto done;
        }
        if (claim_utf8(PyTuple_GET_ITEM(item, 0), "claim", 0, &cl[i].claim, &cl[i].claim_len) < 0 ||
            claim_utf8(PyTuple_GET_ITEM(item, 1), "speaker", 1, &cl[i].speaker, &cl[i].speaker_len) < 0)
            goto done;
    }
    r.text = text;
    if (PyUnicode_IS_ASCII(text)) {
        Py_ssize_t n;
        j.buf = PyUnicode_AsUTF8AndSize(text, &n);
        if (j.buf == NULL)
            goto done;
        j.len = (size_t)n;
        r.owner = Py_NewRef(text);
    } else {
        r.owner = PyUnicode_AsUTF8String(text);
        if (r.owner == NULL)
            goto done;
        j.buf = PyBytes_AS_STRING(r.owner);
        j.len = (size_t)PyBytes_GET_SIZE(r.owner);
        j.map_offsets = 1;
    }
    r.buf = j.buf;
    r.len = j.len;

    /* Text offsets of every verification: span, then found span of each difference. */
    size_t ntp = 0;
    Py_BEGIN_ALLOW_THREADS
    qx_state *qs = qx_state_new(self->ex);
    run_job(self->ex, qs, &j);
    qx_state_free(qs);
    for (Py_ssize_t i = 0; i < nc && j.code == QX_OK; i++) {
        j.code = qx_verify_result(self->ex, j.res, j.buf, j.len, cl[i].claim, cl[i].claim_len,
                                  cl[i].speaker, cl[i].speaker_len, &cl[i].v, &j.err);
        if (j.code == QX_OK)
            ntp += 2 + 2 * qx_verification_difference_count(cl[i].v);
    }
    if (j.code == QX_OK) {
        tpos = PyMem_RawMalloc((ntp ? ntp : 1) * sizeof *tpos);
        if (tpos == NULL) {
            j.code = QX_E_NOMEM;
        } else {
            size_t k = 0;
            for (Py_ssize_t i = 0; i < nc; i++) {
                qx_span s = qx_verification_span(cl[i].v);
                tpos[k++] = s.start;
                tpos[k++] = s.end;
                for (size_t d = 0; d < qx_verification_difference_count(cl[i].v); d++) {
                    const qx_difference *df = qx_verification_difference(cl[i].v, d);
                    tpos[k++] = df->found.start;
                    tpos[k++] = df->found.end;
                }
            }
            if (j.map_offsets)
                j.code = map_offsets(j.buf, j.len, tpos, ntp);
        }
    }
    Py_END_ALLOW_THREADS

    if (j.code != QX_OK) {
        err_ctx ctx = {WHERE_INPUT, "text", NULL, r.owner, 0};
        set_error(st, j.code, &j.err, &ctx);
        goto done;
    }
    r.pos = j.pos;
    size_t nq = qx_result_count(j.res);
    quotes = PyList_New((Py_ssize_t)nq);
    checks = quotes ? PyList_New(nc) : NULL;
    if (checks == NULL)
        goto done;
    for (size_t i = 0; i < nq; i++) {
        PyObject *q = build_quote(st, &r, qx_result_get(j.res, i));
        if (q == NULL)
            goto done;
        PyList_SET_ITEM(quotes, (Py_ssize_t)i, q);
    }
    size_t k = 0;
    for (Py_ssize_t i = 0; i < nc; i++) {
        PyObject *item = build_verification(&cl[i], tpos + k);
        if (item == NULL)
            goto done;
        k += 2 + 2 * qx_verification_difference_count(cl[i].v);
        PyList_SET_ITEM(checks, i, item);
    }
    result = PyTuple_Pack(2, quotes, checks);

done:
    if (cl != NULL)
        for (Py_ssize_t i = 0; i < nc; i++)
            qx_verification_free(cl[i].v);
    PyMem_Free(cl);
    PyMem_RawFree(tpos);
    Py_XDECREF(quotes);
    Py_XDECREF(checks);
    qx_result_free(j.res);
    PyMem_RawFree(j.pos);
    Py_XDECREF(r.owner);
    Py_XDECREF(seq);
    return result;
}

/* --- construction */

static const struct {
    const char *name;
    qx_lexicon which;
} lexicon_names[] = {
    {"cue", QX_LEX_CUE},         {"title", QX_LEX_TITLE},     {"role", QX_LEX_ROLE},
    {"pronoun", QX_LEX_PRONOUN}, {"abbrev", QX_LEX_ABBREV},   {"nonname", QX_LEX_NONNAME},
    {"org", QX_LEX_ORG},         {"marks", QX_LEX_MARKS},     {"gender", QX_LEX_GENDER},
    {"place", QX_LEX_PLACE},
};
#define N_LEXICONS (sizeof lexicon_names / sizeof lexicon_names[0])

static int lexicon_from_name(PyObject *name, qx_lexicon *which, const char **cname)
{
    const char *s = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
    if (s != NULL) {
        for (size_t i = 0; i < N_LEXICONS; i++) {
            if (strcmp(s, lexicon_names[i].name) == 0) {
                *which = lexicon_names[i].which;
                *cname = lexicon_names[i].name;
                return 0;
            }
        }
    }
    PyErr_Clear();
    PyErr_Format(PyExc_ValueError,
                 "unknown lexicon %R; expected one of cue, title, role, pronoun, abbrev, "
                 "nonname, org, marks, gender, place",
                 name);
    return -1;
}

static int check_status(modstate *st, qx_status rc, const qx_error *err, const err_ctx *ctx)
{
    if (rc == QX_OK)
        return 0;
    set_error(st, rc, err, ctx);
    return -1;
}

static int add_lexicon_text(modstate *st, qx_options *opts, qx_lexicon which, const char *what,
                            PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s lexicon text must be str, not %.200s", what,
                     Py_TYPE(text)->tp_name);
        return -1;
    }
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(text, &n);
    if (s == NULL)
        return -1;
    qx_error err = {0};
    err_ctx ctx = {WHERE_LEXICON, what, NULL, NULL, 0};
    return check_status(st, qx_options_add_lexicon(opts, which, s, (size_t)n, &err), &err, &ctx);
}

/* cue_verbs=, titles=, roles=: an iterable of str, one lexicon line each. */
static int add_lexicon_lines(modstate *st, qx_options *opts, qx_lexicon which, const char *what,
                             PyObject *lines)
{
    if (lines == Py_None)
        return 0;
    if (PyUnicode_Check(lines) || PyBytes_Check(lines)) {
        PyErr_Format(PyExc_TypeError, "%s must be an iterable of str, not a single string", what);
        return -1;
    }
    PyObject *list = PySequence_List(lines);
    if (list == NULL)
        return -1;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        PyObject *item = PyList_GET_ITEM(list, i);
        if (!PyUnicode_Check(item)) {
            PyErr_Format(PyExc_TypeError, "%s must contain str, not %.200s", what,
                         Py_TYPE(item)->tp_name);
            Py_DECREF(list);
            return -1;
        }
    }
    PyObject *sep = PyUnicode_FromString("\n");
    PyObject *text = sep ? PyUnicode_Join(sep, list) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(list);
    if (text == NULL)
        return -1;
    int rc = add_lexicon_text(st, opts, which, what, text);
    Py_DECREF(text);
    return rc;
}

/* Calls fn(st, opts, key, value) for each item of a mapping (None = nothing). */
typedef int (*item_fn)(modstate *, qx_options *, PyObject *, PyObject *);

static int for_each_item(modstate *st, qx_options *opts, PyObject *mapping, const char *what,
                         item_fn fn)
{
    if (mapping == Py_None)
        return 0;
    if (!PyDict_Check(mapping) && !PyObject_HasAttrString(mapping, "items")) {
        PyErr_Format(PyExc_TypeError, "%s must be a dict, not %.200s", what,
                     Py_TYPE(mapping)->tp_name);
        return -1;
    }
    PyObject *items = PyMapping_Items(mapping);
    if (items == NULL)
        return -1;
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(items); i++) {
        PyObject *kv = PyList_GET_ITEM(items, i);
        if (!PyTuple_Check(kv) || PyTuple_GET_SIZE(kv) != 2) {
            PyErr_Format(PyExc_TypeError, "%s items must be (name, value) pairs", what);
            rc = -1;
            break;
        }
        rc = fn(st, opts, PyTuple_GET_ITEM(kv, 0), PyTuple_GET_ITEM(kv, 1));
    }
    Py_DECREF(items);
    return rc;
}

static int add_lexicon_item(modstate *st, qx_options *opts, PyObject *name, PyObject *text)
{
    qx_lexicon which;
    const char *cname;
    if (lexicon_from_name(name, &which, &cname) < 0)
        return -1;
    return add_lexicon_text(st, opts, which, cname, text);
}

static int load_lexicon_item(modstate *st, qx_options *opts, PyObject *name, PyObject *path)
{
    qx_lexicon which;
    const char *cname;
    PyObject *fspath = NULL;
    if (lexicon_from_name(name, &which, &cname) < 0 || !PyUnicode_FSConverter(path, &fspath))
        return -1;
    qx_error err = {0};
    errno = 0;
    qx_status rc = qx_options_load_lexicon_file(opts, which, PyBytes_AS_STRING(fspath), &err);
    int saved_errno = errno;
    PyObject *shown = PyOS_FSPath(path);
    err_ctx ctx = {WHERE_LEXICON, cname, shown ? shown : fspath, NULL, saved_errno};
    PyErr_Clear();
    int ret = check_status(st, rc, &err, &ctx);
    Py_XDECREF(shown);
    Py_DECREF(fspath);
    return ret;
}

static int clear_lexicons(PyObject *names, qx_options *opts)
{
    if (names == Py_None)
        return 0;
    if (PyUnicode_Check(names)) {
        PyErr_SetString(PyExc_TypeError, "replace_lexicons must be an iterable of names");
        return -1;
    }
    PyObject *it = PyObject_GetIter(names), *name;
    if (it == NULL)
        return -1;
    while ((name = PyIter_Next(it)) != NULL) {
        qx_lexicon which;
        const char *cname;
        int rc = lexicon_from_name(name, &which, &cname);
        Py_DECREF(name);
        if (rc < 0 || qx_options_clear_lexicon(opts, which) != QX_OK) {
            if (rc == 0)
                PyErr_NoMemory();
            Py_DECREF(it);
            return -1;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

static int add_rules(modstate *st, qx_options *opts, PyObject *rules, PyObject *rules_file)
{
    qx_error err = {0};
    if (rules != Py_None) {
        if (!PyUnicode_Check(rules)) {
            PyErr_Format(PyExc_TypeError, "rules must be str, not %.200s", Py_TYPE(rules)->tp_name);
            return -1;
        }
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(rules, &n);
        if (s == NULL)
            return -1;
        err_ctx ctx = {WHERE_RULES, "rules", NULL, NULL, 0};
        if (check_status(st, qx_options_add_rules(opts, s, (size_t)n, &err), &err, &ctx) < 0)
            return -1;
    }
    if (rules_file != Py_None) {
        PyObject *fspath = NULL;
        if (!PyUnicode_FSConverter(rules_file, &fspath))
            return -1;
        errno = 0;
        qx_status rc = qx_options_load_rules_file(opts, PyBytes_AS_STRING(fspath), &err);
        int saved_errno = errno;
        PyObject *shown = PyOS_FSPath(rules_file);
        err_ctx ctx = {WHERE_RULES, "rules_file", shown ? shown : fspath, NULL, saved_errno};
        PyErr_Clear();
        int ret = check_status(st, rc, &err, &ctx);
        Py_XDECREF(shown);
        Py_DECREF(fspath);
        return ret;
    }
    return 0;
}

static int set_limit(modstate *st, qx_options *opts, PyObject *value, const char *what,
                     size_t max, qx_status (*set_fn)(qx_options *, size_t))
{
    if (value == Py_None)
        return 0;
    size_t v = PyLong_AsSize_t(value);
    if (v == (size_t)-1 && PyErr_Occurred())
        return -1;
    if (v > max) {
        PyErr_Format(PyExc_OverflowError, "%s is too large (at most %zu)", what, max);
        return -1;
    }
    err_ctx ctx = {WHERE_COMPILE, what, NULL, NULL, 0};
    return check_status(st, set_fn(opts, v), NULL, &ctx);
}

static qx_status set_max_quote_len(qx_options *o, size_t v)
{
    return qx_options_set_max_quote_len(o, v);
}

static qx_status set_match_limit(qx_options *o, size_t v)
{
    return qx_options_set_match_limit(o, (uint32_t)v);
}

static qx_status set_heap_limit(qx_options *o, size_t v)
{
    return qx_options_set_heap_limit_kib(o, (uint32_t)v);
}

static PyObject *rule_names(const qx_extractor *ex)
{
    size_t n = qx_extractor_rule_count(ex);
    PyObject *t = PyTuple_New((Py_ssize_t)n);
    for (size_t i = 0; t != NULL && i < n; i++) {
        PyObject *s = c_string(qx_extractor_rule_name(ex, i));
        if (s == NULL)
            Py_CLEAR(t);
        else
            PyTuple_SET_ITEM(t, (Py_ssize_t)i, s);
    }
    return t;
}


/* ------------------------------------------------- Extractor configuration
 *
 * An Extractor is pickled as the keyword arguments that rebuild it, so it can
 * be shipped to Spark or Dask workers. Files named by lexicon_files= and
 * rules_file= are read here, once, and sent as text: a worker need not see
 * the driver's file system. Loading a file is the same as adding its text
 * (qx_options_load_*_file do exactly that), so the rebuilt Extractor is the
 * same. */

/* An iterable argument as a tuple, so a one-shot iterator can be read twice:
 * once to build the options, once to remember them. str/bytes and None pass
 * through unchanged, for the type checks that follow to report. */
static PyObject *materialize(PyObject *v)
{
    if (v == Py_None || PyUnicode_Check(v) || PyBytes_Check(v))
        return Py_NewRef(v);
    return PySequence_Tuple(v);
}

/* The text of a UTF-8 file, or NULL with no exception set when it cannot be
 * read as such (the path is then kept instead). */
static PyObject *file_text(PyObject *path)
{
    PyObject *io = PyImport_ImportModule("io");
    PyObject *f = io ? PyObject_CallMethod(io, "open", "Os", path, "rb") : NULL;
    Py_XDECREF(io);
    PyObject *data = f ? PyObject_CallMethod(f, "read", NULL) : NULL;
    if (f != NULL) {
        PyObject *r = PyObject_CallMethod(f, "close", NULL);
        Py_XDECREF(r);
        Py_DECREF(f);
    }
    PyObject *text = NULL;
    if (data != NULL && PyBytes_Check(data))
        text = PyUnicode_DecodeUTF8(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), "strict");
    Py_XDECREF(data);
    PyErr_Clear();
    return text;
}

/* a + "\n" + b, or b when a is NULL. New reference or NULL. */
static PyObject *join_text(PyObject *a, PyObject *b)
{
    if (a == NULL || a == Py_None)
        return Py_NewRef(b);
    return PyUnicode_FromFormat("%U\n%U", a, b);
}

static int set_opt(PyObject *d, const char *key, PyObject *v)
{
    if (v == NULL)
        return -1;
    int rc = PyDict_SetItemString(d, key, v);
    Py_DECREF(v);
    return rc;
}

/* The keyword arguments of an Extractor already built from them. */
static PyObject *extractor_config(PyObject *const *flags, PyObject *max_quote_len,
                                  PyObject *match_limit, PyObject *heap_limit,
                                  PyObject *cue_verbs, PyObject *titles, PyObject *roles,
                                  PyObject *lexicons, PyObject *lexicon_files,
                                  PyObject *replace_lexicons, PyObject *rules,
                                  PyObject *rules_file)
{
    static const char *flag_names[] = {"keep_pronouns", "indirect", "keep_unattributed",
                                       "single_quotes", "lenient_utf8", "jit", "replace_rules",
                                       "keep_headline"};
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof flag_names / sizeof *flag_names; i++)
        if (PyDict_SetItemString(d, flag_names[i], flags[i]) < 0)
            goto fail;
    struct { const char *key; PyObject *value; } plain[] = {
        {"max_quote_len", max_quote_len}, {"match_limit", match_limit},
        {"heap_limit_kib", heap_limit}, {"cue_verbs", cue_verbs}, {"titles", titles},
        {"roles", roles}, {"replace_lexicons", replace_lexicons}};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        if (plain[i].value != Py_None && PyDict_SetItemString(d, plain[i].key, plain[i].value) < 0)
            goto fail;

    PyObject *lex = PyDict_New(), *kept_files = PyDict_New();
    if (set_opt(d, "lexicons", Py_XNewRef(lex)) < 0 ||
        set_opt(d, "lexicon_files", Py_XNewRef(kept_files)) < 0) {
        Py_XDECREF(lex);
        Py_XDECREF(kept_files);
        goto fail;
    }
    Py_DECREF(lex);
    Py_DECREF(kept_files);
    if (lexicons != Py_None && PyDict_Update(lex, lexicons) < 0) {
        /* a mapping that is not a dict: copy its items */
        PyErr_Clear();
        PyObject *items = PyMapping_Items(lexicons);
        if (items == NULL || PyDict_MergeFromSeq2(lex, items, 1) < 0) {
            Py_XDECREF(items);
            goto fail;
        }
        Py_DECREF(items);
    }
    if (lexicon_files != Py_None) {
        PyObject *items = PyMapping_Items(lexicon_files);
        if (items == NULL)
            goto fail;
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
            PyObject *name = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 0);
            PyObject *path = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 1);
            PyObject *text = file_text(path);
            int rc;
            if (text == NULL) {
                rc = PyDict_SetItem(kept_files, name, path);
            } else {
                PyObject *joined = join_text(PyDict_GetItemWithError(lex, name), text);
                Py_DECREF(text);
                rc = joined ? PyDict_SetItem(lex, name, joined) : -1;
                Py_XDECREF(joined);
            }
            if (rc < 0) {
                Py_DECREF(items);
                goto fail;
            }
        }
        Py_DECREF(items);
    }
    if (PyDict_GET_SIZE(lex) == 0 && PyDict_DelItemString(d, "lexicons") < 0)
        goto fail;
    if (PyDict_GET_SIZE(kept_files) == 0 && PyDict_DelItemString(d, "lexicon_files") < 0)
        goto fail;

    PyObject *all_rules = Py_NewRef(rules);
    if (rules_file != Py_None) {
        PyObject *text = file_text(rules_file);
        if (text == NULL) {
            if (PyDict_SetItemString(d, "rules_file", rules_file) < 0) {
                Py_DECREF(all_rules);
                goto fail;
            }
        } else {
            Py_SETREF(all_rules, join_text(all_rules, text));
            Py_DECREF(text);
        }
    }
    if (all_rules != Py_None && set_opt(d, "rules", all_rules) < 0)
        goto fail;
    if (all_rules == Py_None)
        Py_DECREF(all_rules);
    return d;

fail:
    Py_DECREF(d);
    return NULL;
}

/* All work happens in __new__, so an Extractor can never be re-initialised
 * while another thread is extracting with it. */
static PyObject *Extractor_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"keep_pronouns", "indirect", "keep_unattributed", "single_quotes",
                             "lenient_utf8", "jit", "max_quote_len", "match_limit",
                             "heap_limit_kib", "cue_verbs", "titles", "roles", "lexicons",
                             "lexicon_files", "replace_lexicons", "rules", "rules_file",
                             "replace_rules", "min_confidence", "calibration", "keep_headline",
                             NULL};
    int keep_pronouns = 0, indirect = 1, keep_unattributed = 0, single_quotes = 1;
    int lenient_utf8 = 0, jit = 1, replace_rules = 0, keep_headline = 0;
    PyObject *max_quote_len = Py_None, *match_limit = Py_None, *heap_limit = Py_None;
    PyObject *cue_verbs = Py_None, *titles = Py_None, *roles = Py_None;
    PyObject *lexicons = Py_None, *lexicon_files = Py_None, *replace_lexicons = Py_None;
    PyObject *rules = Py_None, *rules_file = Py_None;
    double min_confidence = 0.0;
    PyObject *calibration = Py_None;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$ppppppOOOOOOOOOOOpdOp:Extractor", kwlist,
                                     &keep_pronouns, &indirect, &keep_unattributed,
                                     &single_quotes, &lenient_utf8, &jit, &max_quote_len,
                                     &match_limit, &heap_limit, &cue_verbs, &titles, &roles,
                                     &lexicons, &lexicon_files, &replace_lexicons, &rules,
                                     &rules_file, &replace_rules, &min_confidence,
                                     &calibration, &keep_headline))
        return NULL;

    /* Iterators are read once here, so the same items build the options and
     * are remembered for pickling. */
    PyObject *seqs[4] = {materialize(cue_verbs), materialize(titles), materialize(roles),
                         materialize(replace_lexicons)};
    if (!seqs[0] || !seqs[1] || !seqs[2] || !seqs[3]) {
        for (int i = 0; i < 4; i++)
            Py_XDECREF(seqs[i]);
        return NULL;
    }
    cue_verbs = seqs[0], titles = seqs[1], roles = seqs[2], replace_lexicons = seqs[3];

    modstate *st = (modstate *)PyType_GetModuleState(type);
    if (st == NULL)
        return NULL;
    qx_options *opts = qx_options_new(&raw_allocator);
    if (opts == NULL)
        return PyErr_NoMemory();

    ExtractorObject *self = NULL;
    uint32_t flags = (keep_pronouns ? QX_FLAG_KEEP_PRONOUNS : 0) |
                     (indirect ? 0 : QX_FLAG_NO_INDIRECT) |
                     (keep_unattributed ? QX_FLAG_KEEP_UNATTRIBUTED : 0) |
                     (single_quotes ? 0 : QX_FLAG_NO_SINGLE_QUOTES) |
                     (lenient_utf8 ? QX_FLAG_LENIENT_UTF8 : 0) | (jit ? 0 : QX_FLAG_NO_JIT) |
                     (keep_headline ? QX_FLAG_KEEP_HEADLINE : 0);
    err_ctx flags_ctx = {WHERE_COMPILE, "flags", NULL, NULL, 0};
    if (check_status(st, qx_options_set_flags(opts, flags), NULL, &flags_ctx) < 0 ||
        set_limit(st, opts, max_quote_len, "max_quote_len", SIZE_MAX - 1, set_max_quote_len) < 0 ||
        set_limit(st, opts, match_limit, "match_limit", UINT32_MAX, set_match_limit) < 0 ||
        set_limit(st, opts, heap_limit, "heap_limit_kib", UINT32_MAX, set_heap_limit) < 0 ||
        clear_lexicons(replace_lexicons, opts) < 0 ||
        for_each_item(st, opts, lexicons, "lexicons", add_lexicon_item) < 0 ||
        for_each_item(st, opts, lexicon_files, "lexicon_files", load_lexicon_item) < 0 ||
        add_lexicon_lines(st, opts, QX_LEX_CUE, "cue_verbs", cue_verbs) < 0 ||
        add_lexicon_lines(st, opts, QX_LEX_TITLE, "titles", titles) < 0 ||
        add_lexicon_lines(st, opts, QX_LEX_ROLE, "roles", roles) < 0)
        goto fail;
    if (replace_rules && qx_options_clear_rules(opts) != QX_OK) {
        PyErr_NoMemory();
        goto fail;
    }
    if (add_rules(st, opts, rules, rules_file) < 0)
        goto fail;
    if (qx_options_set_min_confidence(opts, min_confidence) != QX_OK) {
        PyObject *bad = PyFloat_FromDouble(min_confidence);
        if (bad != NULL) {
            PyErr_Format(PyExc_ValueError, "min_confidence: must be a number in [0, 1], not %R", bad);
            Py_DECREF(bad);
        }
        goto fail;
    }
    if (calibration != Py_None) {
        Py_ssize_t clen;
        const char *ctext = PyUnicode_Check(calibration) ? PyUnicode_AsUTF8AndSize(calibration, &clen) : NULL;
        if (ctext == NULL) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "calibration: expected str or None, not %.200s",
                             Py_TYPE(calibration)->tp_name);
            goto fail;
        }
        qx_error cerr = {0};
        qx_status crc = qx_options_set_calibration(opts, ctext, (size_t)clen, &cerr);
        if (crc != QX_OK) {
            PyErr_Format(PyExc_ValueError, "calibration: %s", cerr.message);
            goto fail;
        }
    }

    self = (ExtractorObject *)type->tp_alloc(type, 0);
    if (self == NULL)
        goto fail;
    qx_error err = {0};
    Py_BEGIN_ALLOW_THREADS /* PCRE2 compile + JIT can take a while */
    self->ex = qx_extractor_new(opts, &err);
    Py_END_ALLOW_THREADS
    if (self->ex == NULL) {
        err_ctx ctx = {WHERE_COMPILE, "rules", NULL, NULL, 0};
        set_error(st, err.code != QX_OK ? err.code : QX_E_INTERNAL, &err, &ctx);
        goto fail;
    }
    self->rules = rule_names(self->ex);
    if (self->rules == NULL)
        goto fail;
    PyObject *flag_values[] = {Py_False, Py_False, Py_False, Py_False,
                               Py_False, Py_False, Py_False, Py_False};
    int flag_ints[] = {keep_pronouns, indirect, keep_unattributed, single_quotes, lenient_utf8,
                       jit, replace_rules, keep_headline};
    for (int i = 0; i < 8; i++)
        flag_values[i] = flag_ints[i] ? Py_True : Py_False;
    self->config = extractor_config(flag_values, max_quote_len, match_limit, heap_limit,
                                    cue_verbs, titles, roles, lexicons, lexicon_files,
                                    replace_lexicons, rules, rules_file);
    if (self->config == NULL)
        goto fail;
    /* the confidence floor and table travel with the rules they belong to */
    if ((min_confidence != 0.0 &&
         set_opt(self->config, "min_confidence", PyFloat_FromDouble(min_confidence)) < 0) ||
        (calibration != Py_None &&
         PyDict_SetItemString(self->config, "calibration", calibration) < 0))
        goto fail;
    qx_options_free(opts);
    for (int i = 0; i < 4; i++)
        Py_DECREF(seqs[i]);
    return (PyObject *)self;

fail:
    qx_options_free(opts);
    Py_XDECREF(self);
    for (int i = 0; i < 4; i++)
        Py_DECREF(seqs[i]);
    return NULL;
}

static void Extractor_dealloc(PyObject *op)
{
    ExtractorObject *self = (ExtractorObject *)op;
    PyTypeObject *tp = Py_TYPE(op);
    qx_extractor_free(self->ex);
    Py_CLEAR(self->rules);
    Py_CLEAR(self->config);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyObject *Extractor_get_rules(PyObject *op, void *Py_UNUSED(closure))
{
    ExtractorObject *self = (ExtractorObject *)op;
    return Py_NewRef(self->rules ? self->rules : Py_None);
}

static PyObject *Extractor_get_uses_jit(PyObject *op, void *Py_UNUSED(closure))
{
    ExtractorObject *self = (ExtractorObject *)op;
    return PyBool_FromLong(self->ex != NULL && qx_extractor_uses_jit(self->ex));
}

static PyObject *Extractor_repr(PyObject *op)
{
    ExtractorObject *self = (ExtractorObject *)op;
    Py_ssize_t n = self->rules ? PyTuple_GET_SIZE(self->rules) : 0;
    return PyUnicode_FromFormat("<quoteex.Extractor rules=%zd jit=%s>", n,
                                self->ex && qx_extractor_uses_jit(self->ex) ? "True" : "False");
}

/* Pickled as (rebuild, (config,)): the worker compiles its own rules. */
static PyObject *Extractor_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    ExtractorObject *self = (ExtractorObject *)op;
    PyObject *module = PyType_GetModule(Py_TYPE(op));
    if (module == NULL)
        return NULL;
    PyObject *rebuild = PyObject_GetAttrString(module, "_extractor_from_config");
    if (rebuild == NULL)
        return NULL;
    PyObject *config = PyDict_Copy(self->config);
    if (config == NULL) {
        Py_DECREF(rebuild);
        return NULL;
    }
    return Py_BuildValue("(N(N))", rebuild, config);
}

static PyObject *Extractor_get_config(PyObject *op, void *Py_UNUSED(closure))
{
    return PyDict_Copy(((ExtractorObject *)op)->config);
}

static PyMethodDef Extractor_methods[] = {
    {"__reduce__", Extractor_reduce, METH_NOARGS,
     PyDoc_STR("Pickle as the keyword arguments that rebuild the Extractor.")},
    {"extract", Extractor_extract, METH_O,
     PyDoc_STR("extract($self, text, /)\n--\n\n"
               "Return the list of Quote found in text (str or bytes-like).\n\n"
               "Offsets are str indices for str input and byte offsets otherwise.\n"
               "Raises TypeError for other types, UnicodeDecodeError for invalid\n"
               "UTF-8 bytes (unless lenient_utf8), UnicodeEncodeError for a str\n"
               "with lone surrogates, ResourceLimitError when a PCRE2 limit trips.")},
    {"verify", Extractor_verify, METH_VARARGS,
     PyDoc_STR("verify(text, claims) -> (quotes, results)\n\n"
               "Low-level: extract text once and verify each (claim, speaker) pair of claims "
               "against it. Each result is (verdict, match, quote index, span, confidence, "
               "differences) with libquote's enum values; use quoteex.verify() instead.")},
    {"extract_many", (PyCFunction)(void (*)(void))Extractor_extract_many,
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("extract_many($self, texts, *, threads=1)\n--\n\n"
               "Return one list of Quote per item of texts (an iterable of str or\n"
               "bytes-like objects), in input order; the same as [self.extract(t) for\n"
               "t in texts]. threads > 1 extracts on that many threads in all (the\n"
               "caller's included) with the GIL released, sharing this Extractor;\n"
               "each thread has its own scratch state.\n\n"
               "Every item is type-checked first (TypeError names its index). When\n"
               "an item fails, the error of the first failing item in input order is\n"
               "raised, as extract() would raise it.")},
    {"extract_with_diagnostics", Extractor_extract_with_diagnostics, METH_O,
     PyDoc_STR("extract_with_diagnostics($self, text, /)\n--\n\n"
               "Like extract(), but return (quotes, diagnostics), where diagnostics\n"
               "is a list of (offset, message) warnings, offsets in the same units.")},
    {NULL},
};

static PyGetSetDef Extractor_getset[] = {
    {"rules", Extractor_get_rules, NULL, PyDoc_STR("Names of the compiled rules, in order."), NULL},
    {"uses_jit", Extractor_get_uses_jit, NULL, PyDoc_STR("True when every rule runs JIT-compiled."),
     NULL},
    {"config", Extractor_get_config, NULL,
     PyDoc_STR("The keyword arguments that rebuild this Extractor (a new dict each time).\n\n"
               "Files given as lexicon_files / rules_file appear as their text under\n"
               "lexicons / rules, so Extractor(**ex.config) works where those files\n"
               "do not exist. This is what pickling sends."),
     NULL},
    {NULL},
};

PyDoc_STRVAR(Extractor_doc,
"Extractor(*, keep_pronouns=False, indirect=True, keep_unattributed=False,\n"
"          single_quotes=True, lenient_utf8=False, jit=True, max_quote_len=None,\n"
"          match_limit=None, heap_limit_kib=None, cue_verbs=None, titles=None,\n"
"          roles=None, lexicons=None, lexicon_files=None, replace_lexicons=None,\n"
"          rules=None, rules_file=None, replace_rules=False, min_confidence=0.0,\n"
"          calibration=None, keep_headline=False)\n"
"--\n\n"
"Compiled quote rules: build once, then call extract() from any thread.\n\n"
"cue_verbs, titles and roles are iterables of lexicon lines added to the\n"
"built-in cue, title and role lexicons. lexicons maps a lexicon name (cue,\n"
"title, role, pronoun, abbrev, nonname, org, marks, gender, place) to\n"
"text to add;\n"
"lexicon_files maps a name to a file to add; replace_lexicons names\n"
"lexicons whose built-in entries are dropped first. rules / rules_file add\n"
"rules; replace_rules=True drops the built-in rules first.\n\n"
"min_confidence drops records whose calibrated confidence is below it\n"
"(higher precision, lower recall). calibration replaces the built-in\n"
"confidence table (\"RULE [name|pronoun|desc] CONFIDENCE\" lines); \"\" turns\n"
"calibration off, so records carry their rules' own CONF.\n\n"
"keep_headline=True keeps the quotes of a headline line (a short first line\n"
"and a blank line), which are left out by default: they repeat the article's.\n\n"
"Raises LexiconError or PatternError for bad lexicons or rules, OSError for\n"
"unreadable files. The object is immutable and safe to share between threads.");

static PyType_Slot Extractor_slots[] = {
    {Py_tp_new, Extractor_new},
    {Py_tp_dealloc, Extractor_dealloc},
    {Py_tp_repr, Extractor_repr},
    {Py_tp_methods, Extractor_methods},
    {Py_tp_getset, Extractor_getset},
    {Py_tp_doc, (void *)Extractor_doc},
    {0, NULL},
};

static PyType_Spec Extractor_spec = {
    .name = "quoteex.Extractor",
    .basicsize = sizeof(ExtractorObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = Extractor_slots,
};

/* ---------------------------------------------------------------- module */

static PyObject *new_exception(const char *name, const char *doc, PyObject *bases,
                               const char *attr1, const char *attr2)
{
    PyObject *dict = PyDict_New();
    if (dict == NULL)
        return NULL;
    if ((attr1 && PyDict_SetItemString(dict, attr1, Py_None) < 0) ||
        (attr2 && PyDict_SetItemString(dict, attr2, Py_None) < 0)) {
        Py_DECREF(dict);
        return NULL;
    }
    PyObject *exc = PyErr_NewExceptionWithDoc(name, doc, bases, dict);
    Py_DECREF(dict);
    return exc;
}

static int add_ref(PyObject *m, const char *name, PyObject *value)
{
    return value == NULL ? -1 : PyModule_AddObjectRef(m, name, value);
}

static int add_new(PyObject *m, const char *name, PyObject *value)
{
    int rc = add_ref(m, name, value);
    Py_XDECREF(value);
    return rc;
}

static int module_exec(PyObject *m)
{
    modstate *st = get_modstate(m);
    PyObject *bases;

    st->QuoteexError = new_exception("quoteex.QuoteexError",
                                     "Base class of the errors raised by quoteex.", NULL, NULL,
                                     NULL);
    if (st->QuoteexError == NULL)
        return -1;
    bases = PyTuple_Pack(2, st->QuoteexError, PyExc_ValueError);
    if (bases == NULL)
        return -1;
    st->PatternError = new_exception(
        "quoteex.PatternError",
        "A rule is malformed or failed to compile. .offset is the offset in the\n"
        "expanded pattern and .line the line of the rule text, when known.",
        bases, "offset", "line");
    st->LexiconError = new_exception(
        "quoteex.LexiconError",
        "A lexicon entry is malformed. .line is its 1-based line, .path the file\n"
        "it came from (None for lexicon text given directly).",
        bases, "line", "path");
    Py_DECREF(bases);
    st->ResourceLimitError = new_exception(
        "quoteex.ResourceLimitError",
        "A PCRE2 match, heap or JIT-stack limit was exceeded on this input.",
        st->QuoteexError, NULL, NULL);
    if (!st->PatternError || !st->LexiconError || !st->ResourceLimitError)
        return -1;

    st->Quote_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &Quote_spec, NULL);
    st->Extractor_type = (PyTypeObject *)PyType_FromModuleAndSpec(m, &Extractor_spec, NULL);
    if (!st->Quote_type || !st->Extractor_type)
        return -1;

    static const char *const kinds[4] = {"unknown", "direct", "mixed", "indirect"};
    for (int i = 0; i < 4; i++) {
        st->kind_names[i] = PyUnicode_InternFromString(kinds[i]);
        if (st->kind_names[i] == NULL)
            return -1;
    }

    PyObject *fields = PyTuple_New(N_FIELDS);
    for (int i = 0; fields != NULL && i < N_FIELDS; i++) {
        PyObject *s = PyUnicode_FromString(Quote_members[i].name);
        if (s == NULL)
            Py_CLEAR(fields);
        else
            PyTuple_SET_ITEM(fields, i, s);
    }

    if (add_ref(m, "QuoteexError", st->QuoteexError) < 0 ||
        add_ref(m, "PatternError", st->PatternError) < 0 ||
        add_ref(m, "LexiconError", st->LexiconError) < 0 ||
        add_ref(m, "ResourceLimitError", st->ResourceLimitError) < 0 ||
        add_ref(m, "Quote", (PyObject *)st->Quote_type) < 0 ||
        add_ref(m, "Extractor", (PyObject *)st->Extractor_type) < 0 ||
        add_new(m, "QUOTE_FIELDS", fields) < 0 ||
        PyModule_AddStringConstant(m, "__version__", QX_VERSION_STRING) < 0 ||
        PyModule_AddStringConstant(m, "libquote_version", qx_version_string()) < 0 ||
        PyModule_AddStringConstant(m, "pcre2_version", qx_pcre2_version()) < 0)
        return -1;
    return 0;
}

static int module_traverse(PyObject *m, visitproc visit, void *arg)
{
    modstate *st = get_modstate(m);
    Py_VISIT(st->Extractor_type);
    Py_VISIT(st->Quote_type);
    Py_VISIT(st->QuoteexError);
    Py_VISIT(st->PatternError);
    Py_VISIT(st->LexiconError);
    Py_VISIT(st->ResourceLimitError);
    for (int i = 0; i < 4; i++)
        Py_VISIT(st->kind_names[i]);
    return 0;
}

static int module_clear(PyObject *m)
{
    modstate *st = get_modstate(m);
    Py_CLEAR(st->Extractor_type);
    Py_CLEAR(st->Quote_type);
    Py_CLEAR(st->QuoteexError);
    Py_CLEAR(st->PatternError);
    Py_CLEAR(st->LexiconError);
    Py_CLEAR(st->ResourceLimitError);
    for (int i = 0; i < 4; i++)
        Py_CLEAR(st->kind_names[i]);
    return 0;
}

static void module_free(void *m)
{
    module_clear((PyObject *)m);
}

static PyObject *extractor_from_config(PyObject *module, PyObject *config)
{
    if (!PyDict_Check(config))
        return PyErr_Format(PyExc_TypeError, "config must be a dict, not %.200s",
                            Py_TYPE(config)->tp_name);
    modstate *st = get_modstate(module);
    PyObject *args = PyTuple_New(0);
    if (args == NULL)
        return NULL;
    PyObject *ex = PyObject_Call((PyObject *)st->Extractor_type, args, config);
    Py_DECREF(args);
    return ex;
}

static PyMethodDef module_methods[] = {
    {"_quote_from_state", quote_from_state, METH_O, PyDoc_STR("Rebuild a pickled Quote.")},
    {"_extractor_from_config", extractor_from_config, METH_O,
     PyDoc_STR("Rebuild a pickled Extractor from its config dict.")},
    {NULL},
};

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

PyDoc_STRVAR(module_doc,
"Native core of quoteex: quote extraction and attribution on libquote.\n\n"
"Use the quoteex package rather than this module directly.");

static struct PyModuleDef quoteex_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "quoteex._quoteex",
    .m_doc = module_doc,
    .m_size = sizeof(modstate),
    .m_methods = module_methods,
    .m_slots = module_slots,
    .m_traverse = module_traverse,
    .m_clear = module_clear,
    .m_free = module_free,
};

PyMODINIT_FUNC PyInit__quoteex(void)
{
    return PyModuleDef_Init(&quoteex_module);
}
