/* Status strings and the caller-owned error struct. */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

const char *qx_strerror(qx_status status) {
    switch (status) {
    case QX_OK: return "success";
    case QX_E_NOMEM: return "out of memory";
    case QX_E_INVALID_ARG: return "invalid argument";
    case QX_E_BAD_UTF8: return "invalid UTF-8 in input";
    case QX_E_PATTERN: return "a rule pattern failed to compile";
    case QX_E_LIMIT: return "a pattern-matching resource limit was exceeded";
    case QX_E_IO: return "a file could not be read";
    case QX_E_SYNTAX: return "malformed lexicon or rule text";
    case QX_E_INTERNAL: return "internal error";
    }
    return "unknown status";
}

qx_status qx__fail(qx_error *err, qx_status code, size_t offset, const char *fmt, ...) {
    if (err) {
        err->code = code;
        err->offset = offset;
        err->line = 0;
        if (fmt) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(err->message, sizeof err->message, fmt, ap);
            va_end(ap);
        } else {
            snprintf(err->message, sizeof err->message, "%s", qx_strerror(code));
        }
    }
    return code;
}
