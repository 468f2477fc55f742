/*
 * extract_file: print the quotes in a UTF-8 text file as JSON lines.
 *
 *     extract_file [FILE]        reads standard input without FILE or with "-"
 *
 * One JSON object per quote on standard output; diagnostics and errors go to
 * standard error. Offsets are bytes into the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoteex.h"

/* Reads all of f; returns NULL when out of memory or on a read error. */
static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, used = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
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

/* JSON string escaping. The library has validated the input as UTF-8, so
 * bytes >= 0x80 pass through unchanged. */
static void put_json_string(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\b': fputs("\\b", stdout); break;
        case '\f': fputs("\\f", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (c < 0x20)
                printf("\\u%04x", c);
            else
                putchar(c);
        }
    }
    putchar('"');
}

static void put_json_cstring(const char *s)
{
    if (s)
        put_json_string(s, strlen(s));
    else
        fputs("null", stdout);
}

/* text[span] as a JSON string, or null for an absent span. */
static void put_json_span(const char *text, qx_span span)
{
    if (span.start == QX_UNSET)
        fputs("null", stdout);
    else
        put_json_string(text + span.start, span.end - span.start);
}

static const char *kind_name(uint32_t kind)
{
    switch (kind) {
    case QX_KIND_DIRECT: return "direct";
    case QX_KIND_MIXED: return "mixed";
    case QX_KIND_INDIRECT: return "indirect";
    default: return "unknown";
    }
}

/* err.message already names offsets and rules; the status text is the fallback. */
static void report(const char *where, const qx_error *err)
{
    fprintf(stderr, "%s: %s\n", where, err->message[0] ? err->message : qx_strerror(err->code));
}

static void print_quote(const char *text, const qx_quote *q)
{
    printf("{\"kind\":\"%s\",\"flags\":%u,\"segments\":[", kind_name(q->kind),
           (unsigned)q->flags);
    for (size_t j = 0; j < q->n_segments; j++) {
        const qx_segment *s = &q->segments[j];
        printf("%s{\"start\":%zu,\"end\":%zu,\"text\":", j ? "," : "", s->inner.start,
               s->inner.end);
        put_json_span(text, s->inner);
        putchar('}');
    }
    fputs("],\"speaker\":", stdout);
    put_json_cstring(q->speaker);
    fputs(",\"mention\":", stdout);
    put_json_span(text, q->speaker_mention);
    fputs(",\"role\":", stdout);
    put_json_span(text, q->role);
    fputs(",\"cue\":", stdout);
    put_json_span(text, q->cue);
    fputs(",\"cue_lemma\":", stdout);
    put_json_cstring(q->cue_lemma);
    fputs(",\"rule\":", stdout);
    put_json_cstring(q->rule);
    printf(",\"confidence\":%.3f}\n", q->confidence);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "-";
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    qx_extractor *ex = NULL;
    qx_result *res = NULL;
    qx_error err;
    size_t len = 0;
    char *text;
    int status = 1;

    if (argc > 2 || (argc == 2 && strcmp(argv[1], "-h") == 0)) {
        fprintf(stderr, "usage: %s [FILE]\n", argv[0]);
        return 2;
    }
    if (!f) {
        perror(path);
        return 1;
    }
    text = read_all(f, &len);
    if (f != stdin)
        fclose(f);
    if (!text) {
        fprintf(stderr, "%s: could not read the input\n", path);
        return 1;
    }

    ex = qx_extractor_new(NULL, &err);
    if (!ex) {
        report("extract_file", &err);
        goto done;
    }
    if (qx_extract(ex, NULL, text, len, &res, &err) != QX_OK) {
        report(path, &err);
        goto done;
    }
    for (size_t i = 0; i < qx_result_diagnostic_count(res); i++) {
        const qx_diagnostic *d = qx_result_get_diagnostic(res, i);
        fprintf(stderr, "%s: byte %zu: %s\n", path, d->offset, d->message);
    }
    for (size_t i = 0; i < qx_result_count(res); i++)
        print_quote(text, qx_result_get(res, i));
    status = fflush(stdout) == 0 ? 0 : 1;

done:
    qx_result_free(res);
    qx_extractor_free(ex);
    free(text);
    return status;
}
