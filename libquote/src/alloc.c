/* Every allocation of the library goes through the caller's allocator. */
#include <stdlib.h>

#include "internal.h"

static void *sys_malloc(void *ctx, size_t n) {
    QX__UNUSED(ctx);
    return malloc(n ? n : 1);
}
static void *sys_realloc(void *ctx, void *p, size_t n) {
    QX__UNUSED(ctx);
    return realloc(p, n ? n : 1);
}
static void sys_free(void *ctx, void *p) {
    QX__UNUSED(ctx);
    free(p);
}

static const qx_allocator sys_allocator = {sys_malloc, sys_realloc, sys_free, NULL};

const qx_allocator *qx__default_allocator(void) { return &sys_allocator; }

void *qx__malloc(const qx_allocator *a, size_t n) { return a->malloc(a->ctx, n); }
void *qx__realloc(const qx_allocator *a, void *p, size_t n) { return a->realloc(a->ctx, p, n); }
void qx__free(const qx_allocator *a, void *p) {
    if (p)
        a->free(a->ctx, p);
}

char *qx__strndup(const qx_allocator *a, const char *s, size_t n) {
    char *r = qx__malloc(a, n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

void qx__vec_init(qx__vec *v, size_t item) {
    v->data = NULL;
    v->len = v->cap = 0;
    v->item = item;
}

int qx__vec_reserve(qx__vec *v, const qx_allocator *a, size_t n) {
    if (n <= v->cap)
        return 1;
    size_t cap = v->cap ? v->cap : 8;
    while (cap < n) {
        if (cap > ((size_t)-1) / 2 / v->item)
            return 0;
        cap *= 2;
    }
    void *p = qx__realloc(a, v->data, cap * v->item);
    if (!p)
        return 0;
    v->data = p;
    v->cap = cap;
    return 1;
}

void *qx__vec_push(qx__vec *v, const qx_allocator *a) {
    if (!qx__vec_reserve(v, a, v->len + 1))
        return NULL;
    char *slot = (char *)v->data + v->len * v->item;
    memset(slot, 0, v->item);
    v->len++;
    return slot;
}

void qx__vec_free(qx__vec *v, const qx_allocator *a) {
    qx__free(a, v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}

int qx__buf_append(qx__buf *b, const qx_allocator *a, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = qx__realloc(a, b->data, cap);
        if (!p)
            return 0;
        b->data = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 1;
}

int qx__buf_appends(qx__buf *b, const qx_allocator *a, const char *s) {
    return qx__buf_append(b, a, s, strlen(s));
}

void qx__buf_free(qx__buf *b, const qx_allocator *a) {
    qx__free(a, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
