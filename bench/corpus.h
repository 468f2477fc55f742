/* Benchmark inputs: documents read from JSONL files at run time, or
 * generated (adversarial texts), held in memory before any timing starts. */
#ifndef QX_BENCH_CORPUS_H
#define QX_BENCH_CORPUS_H

#include <stddef.h>

typedef struct bench_doc {
    char *text;
    size_t len;
} bench_doc;

typedef struct bench_corpus {
    char *name;
    bench_doc *docs;
    size_t n_docs;
    size_t bytes; /* sum of the documents' lengths */
} bench_corpus;

/* Reads the "text" string of every JSON object line of path (one document
 * each). Returns 0 on success; on failure prints why to stderr. */
int corpus_read_jsonl(bench_corpus *c, const char *path);

/* One document: the documents of src joined by blank lines, repeated times
 * times, so that cost is measured on one growing document. */
int corpus_concat(bench_corpus *c, const bench_corpus *src, unsigned times);

/* One generated document of about size bytes. kind is one of
 * corpus_generators (NULL-terminated). Returns 0 on success. */
int corpus_generate(bench_corpus *c, const char *kind, size_t size);
extern const char *const corpus_generators[];

/* An input named as on qx_bench's command line: jsonl:PATH, concat:K:PATH
 * or gen:KIND:BYTES. Returns 0 on success; on failure prints why. */
int corpus_load(bench_corpus *c, const char *spec);

void corpus_free(bench_corpus *c);

#endif
