/* Benchmark inputs. JSONL is parsed just enough to pull out the top-level
 * "text" string of each line (the eval-data format); the generated inputs are
 * the worst cases the issue names, built deterministically from short
 * phrases written here. */
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct growbuf {
    char *data;
    size_t len, cap;
} growbuf;

static int gb_put(growbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p)
            return -1;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static int gb_puts(growbuf *b, const char *s) { return gb_put(b, s, strlen(s)); }

static int put_utf8(growbuf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return gb_put(b, u, n);
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

static int hex4(const char *p, unsigned long *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        *v = *v * 16 + (unsigned long)d;
    }
    return 0;
}

/* Decodes the JSON string at p (at its opening quote) into out (may be NULL
 * to skip); returns the position after the closing quote, or NULL. A lone
 * surrogate escape becomes U+FFFD, as the Python side's loader does. */
static const char *json_string(const char *p, growbuf *out)
{
    if (*p++ != '"')
        return NULL;
    for (;;) {
        const char *q = p;
        while (*q && *q != '"' && *q != '\\')
            q++;
        if (out && q > p && gb_put(out, p, (size_t)(q - p)) < 0)
            return NULL;
        p = q;
        if (*p == '"')
            return p + 1;
        if (*p != '\\')
            return NULL;
        p++;
        const char *simple = strchr("\"\\/bfnrt", *p);
        if (*p && simple) {
            static const char map[] = "\"\\/\b\f\n\r\t";
            if (out && gb_put(out, &map[simple - "\"\\/bfnrt"], 1) < 0)
                return NULL;
            p++;
            continue;
        }
        if (*p != 'u')
            return NULL;
        unsigned long cp, lo;
        if (hex4(p + 1, &cp) < 0)
            return NULL;
        p += 5;
        if (cp >= 0xD800 && cp <= 0xDBFF && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, &lo) == 0 &&
            lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (out && put_utf8(out, cp) < 0)
            return NULL;
    }
}

/* Skips any JSON value; NULL when malformed. */
static const char *json_skip(const char *p)
{
    p = skip_ws(p);
    if (*p == '"')
        return json_string(p, NULL);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = skip_ws(p + 1);
        if (*p == close)
            return p + 1;
        for (;;) {
            if (close == '}') {
                p = json_string(skip_ws(p), NULL);
                if (!p || *(p = skip_ws(p)) != ':')
                    return NULL;
                p++;
            }
            p = json_skip(p);
            if (!p)
                return NULL;
            p = skip_ws(p);
            if (*p == ',') {
                p++;
                continue;
            }
            return *p == close ? p + 1 : NULL;
        }
    }
    while (*p && !strchr(",}] \t\r\n", *p))
        p++;
    return p;
}

/* The top-level "text" of one JSON object line into out; 1 found, 0 not, -1 bad. */
static int line_text(const char *p, growbuf *out)
{
    p = skip_ws(p);
    if (*p++ != '{')
        return -1;
    p = skip_ws(p);
    if (*p == '}')
        return 0;
    for (;;) {
        const char *key = skip_ws(p);
        p = json_string(key, NULL);
        if (!p)
            return -1;
        int is_text = p - key == 6 && !strncmp(key, "\"text\"", 6);
        if (*(p = skip_ws(p)) != ':')
            return -1;
        p = skip_ws(p + 1);
        if (is_text && *p == '"')
            return json_string(p, out) ? 1 : -1;
        if (!(p = json_skip(p)))
            return -1;
        p = skip_ws(p);
        if (*p == ',') {
            p++;
            continue;
        }
        return *p == '}' ? 0 : -1;
    }
}

static char *dup_name(const char *s)
{
    char *r = malloc(strlen(s) + 1);
    if (r)
        strcpy(r, s);
    return r;
}

static int push_doc(bench_corpus *c, size_t *cap, growbuf *text)
{
    if (c->n_docs == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        bench_doc *d = realloc(c->docs, n * sizeof *d);
        if (!d)
            return -1;
        c->docs = d;
        *cap = n;
    }
    c->docs[c->n_docs].text = text->data ? text->data : calloc(1, 1);
    c->docs[c->n_docs].len = text->len;
    if (!c->docs[c->n_docs].text)
        return -1;
    c->n_docs++;
    c->bytes += text->len;
    memset(text, 0, sizeof *text);
    return 0;
}

int corpus_read_jsonl(bench_corpus *c, const char *path)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    const char *base = strrchr(path, '/');
    c->name = dup_name(base ? base + 1 : path);
    growbuf line = {0}, text = {0};
    size_t cap = 0, lineno = 0;
    int rc = c->name ? 0 : -1;
    char chunk[1 << 16];
    while (rc == 0 && fgets(chunk, sizeof chunk, f)) {
        size_t n = strlen(chunk);
        if (gb_put(&line, chunk, n) < 0) {
            rc = -1;
            break;
        }
        if (n && chunk[n - 1] != '\n' && !feof(f))
            continue; /* the line goes on */
        lineno++;
        if (*skip_ws(line.data)) {
            int got = line_text(line.data, &text);
            if (got < 0) {
                fprintf(stderr, "%s:%zu: not a JSON object line\n", path, lineno);
                rc = -1;
            } else if (got > 0 && push_doc(c, &cap, &text) < 0) {
                rc = -1;
            }
        }
        line.len = 0;
    }
    free(line.data);
    free(text.data);
    fclose(f);
    if (rc != 0)
        corpus_free(c);
    return rc;
}

int corpus_concat(bench_corpus *c, const bench_corpus *src, unsigned times)
{
    memset(c, 0, sizeof *c);
    char name[256];
    snprintf(name, sizeof name, "%s x%u (one document)", src->name, times);
    c->name = dup_name(name);
    growbuf b = {0};
    size_t cap = 0;
    for (unsigned t = 0; t < times; t++)
        for (size_t i = 0; i < src->n_docs; i++)
            if (gb_put(&b, src->docs[i].text, src->docs[i].len) < 0 || gb_puts(&b, "\n\n") < 0)
                goto fail;
    if (!c->name || push_doc(c, &cap, &b) < 0)
        goto fail;
    return 0;
fail:
    free(b.data);
    corpus_free(c);
    return -1;
}

/* ---- generated worst cases ---- */

/* Quote marks and words in turn, the marks cycling through every kind in
 * the built-in table, so each mark may open, close or do neither. */
static int gen_alternating(growbuf *b, size_t size)
{
    static const char *const marks[] = {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "'",
                                        "\xE2\x80\x98", "\xE2\x80\x99", "\xC2\xAB", "\xC2\xBB",
                                        "\xE2\x80\x9E", "\xE3\x80\x8C", "\xE3\x80\x8D"};
    static const char *const words[] = {"said", "Anna", "Berg", "told", "the", "minister",
                                        "that", "it", "was", "fine,"};
    size_t i = 0;
    while (b->len < size) {
        if (gb_puts(b, marks[i % (sizeof marks / sizeof *marks)]) < 0 ||
            gb_puts(b, words[(i / 3) % (sizeof words / sizeof *words)]) < 0 ||
            gb_puts(b, i % 97 == 96 ? "\n\n" : " ") < 0)
            return -1;
        i++;
    }
    return 0;
}

/* One sentence that never ends: no newline, no . ! or ?, but names, cue
 * verbs and closed quotes all along, so every rule has work to do. */
static int gen_no_end(growbuf *b, size_t size)
{
    static const char *const parts[] = {
        "and Maria Lopez said that the harbour plan would cost more than the council thought ",
        "while \xE2\x80\x9Cwe cannot wait any longer,\xE2\x80\x9D said Deputy Mayor Tom Berg, ",
        "according to the port authority, whose spokeswoman told reporters on Monday that ",
        "the committee, led by Senator Ruth Okafor, would meet again, adding that ",
    };
    size_t i = 0;
    while (b->len < size)
        if (gb_puts(b, parts[i++ % (sizeof parts / sizeof *parts)]) < 0)
            return -1;
    return 0;
}

/* Opening marks that never close, one per 8 bytes (100k in 800 kB), in
 * long paragraphs; each is followed by a capitalised word so it can open. */
static int gen_unclosed(growbuf *b, size_t size)
{
    size_t i = 0;
    while (b->len < size) {
        if (gb_puts(b, i % 2 ? "\xE2\x80\x9C" "Still " : "\"Never ") < 0 ||
            gb_puts(b, i % 5000 == 4999 ? "\n\n" : "") < 0)
            return -1;
        i++;
    }
    return 0;
}

/* Quotes nested 64 deep (deeper than the mark stack), alternating double
 * and single marks, each level with a few words, then closed in order. */
static int gen_nested(growbuf *b, size_t size)
{
    enum { DEPTH = 64 };
    while (b->len < size) {
        if (gb_puts(b, "Officials said: ") < 0)
            return -1;
        for (int k = 0; k < DEPTH; k++)
            if (gb_puts(b, k % 2 ? "\xE2\x80\x98" "and then " : "\xE2\x80\x9C" "he said ") < 0)
                return -1;
        if (gb_puts(b, "enough") < 0)
            return -1;
        for (int k = DEPTH; k-- > 0;)
            if (gb_puts(b, k % 2 ? ",\xE2\x80\x99 " : ",\xE2\x80\x9D ") < 0)
                return -1;
        if (gb_puts(b, "said Anna Berg.\n\n") < 0)
            return -1;
    }
    return 0;
}

const char *const corpus_generators[] = {"alternating", "no-end", "unclosed", "nested", NULL};

int corpus_generate(bench_corpus *c, const char *kind, size_t size)
{
    static int (*const fns[])(growbuf *, size_t) = {gen_alternating, gen_no_end, gen_unclosed,
                                                     gen_nested};
    memset(c, 0, sizeof *c);
    for (int k = 0; corpus_generators[k]; k++) {
        if (strcmp(kind, corpus_generators[k]) != 0)
            continue;
        char name[128];
        snprintf(name, sizeof name, "gen:%s", kind);
        c->name = dup_name(name);
        growbuf b = {0};
        size_t cap = 0;
        if (!c->name || fns[k](&b, size) < 0 || push_doc(c, &cap, &b) < 0) {
            free(b.data);
            corpus_free(c);
            return -1;
        }
        return 0;
    }
    fprintf(stderr, "unknown generator %s\n", kind);
    return -1;
}

void corpus_free(bench_corpus *c)
{
    for (size_t i = 0; i < c->n_docs; i++)
        free(c->docs[i].text);
    free(c->docs);
    free(c->name);
    memset(c, 0, sizeof *c);
}

int corpus_load(bench_corpus *c, const char *spec)
{
    if (!strncmp(spec, "jsonl:", 6))
        return corpus_read_jsonl(c, spec + 6);
    if (!strncmp(spec, "gen:", 4)) {
        char kind[64];
        unsigned long long bytes = 0;
        const char *colon = strchr(spec + 4, ':');
        if (!colon || (size_t)(colon - spec - 4) >= sizeof kind ||
            sscanf(colon + 1, "%llu", &bytes) != 1) {
            fprintf(stderr, "expected gen:KIND:BYTES, got %s\n", spec);
            return -1;
        }
        memcpy(kind, spec + 4, (size_t)(colon - spec - 4));
        kind[colon - spec - 4] = '\0';
        return corpus_generate(c, kind, (size_t)bytes);
    }
    if (!strncmp(spec, "concat:", 7)) {
        unsigned times = 0;
        const char *colon = strchr(spec + 7, ':');
        if (!colon || sscanf(spec + 7, "%u", &times) != 1 || times == 0) {
            fprintf(stderr, "expected concat:K:PATH, got %s\n", spec);
            return -1;
        }
        bench_corpus src;
        if (corpus_read_jsonl(&src, colon + 1) != 0)
            return -1;
        int rc = corpus_concat(c, &src, times);
        corpus_free(&src);
        return rc;
    }
    fprintf(stderr, "unknown input %s (jsonl:PATH, concat:K:PATH or gen:KIND:BYTES)\n", spec);
    return -1;
}
