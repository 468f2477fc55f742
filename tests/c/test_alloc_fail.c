/*
 * Allocation-failure injection: the test allocator fails the N-th allocation,
 * for every N a test run reaches, and each failure must come back as
 * QX_E_NOMEM (NULL from *_new) with every block freed. Runs until an N is
 * past the last allocation, so new allocation sites are covered without
 * touching this file.
 *
 * Three phases, each swept on its own so the sweep stays fast:
 *  1. options: qx_options_new, user lexicon and rule text, a lexicon file;
 *  2. compile: qx_extractor_new over the built-in data (interpreter, and JIT
 *     over a small rule set, since JIT compilation is slow to repeat);
 *  3. extract: qx_state_new and qx_extract on a text that reaches every
 *     stage (quotes, indirect speech, pronouns, surnames, lenient UTF-8).
 * The summary line prints how many allocations each phase has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#if defined(__GLIBC__)
#include <execinfo.h>
#define QXT_HAVE_BACKTRACE 1
#endif

typedef struct faulty {
    long count;   /* allocations attempted since reset */
    long fail_at; /* 1-based; 0 = never fail */
    long live;    /* blocks handed out and not yet freed */
    int failed;   /* the injected failure happened */
#ifdef QXT_HAVE_BACKTRACE
    int record;   /* collect call sites while counting */
    long seen;    /* allocation indices already recorded in this sweep */
    void *sites[4096][3];
    long n_sites;
#endif
} faulty;

#ifdef QXT_HAVE_BACKTRACE
/* A site is the three callers above the hook: deep enough to tell apart the
 * library functions that share qx__malloc and PCRE2's memctl. */
static void note_site(faulty *f)
{
    void *bt[5] = {0};
    int n = backtrace(bt, 5);
    void *key[3] = {n > 2 ? bt[2] : 0, n > 3 ? bt[3] : 0, n > 4 ? bt[4] : 0};
    for (long i = 0; i < f->n_sites; i++)
        if (!memcmp(f->sites[i], key, sizeof key))
            return;
    if (f->n_sites < 4096)
        memcpy(f->sites[f->n_sites++], key, sizeof key);
}
#endif

static int should_fail(faulty *f)
{
    f->count++;
#ifdef QXT_HAVE_BACKTRACE
    /* Runs of one sweep repeat the same allocations up to the failing one:
     * record each index once, so backtrace() runs once per allocation. */
    if (f->record && f->count > f->seen) {
        f->seen = f->count;
        note_site(f);
    }
#endif
    if (f->fail_at && f->count == f->fail_at) {
        f->failed = 1;
        return 1;
    }
    return 0;
}

static void *f_malloc(void *ctx, size_t size)
{
    faulty *f = ctx;
    if (should_fail(f))
        return NULL;
    void *p = malloc(size ? size : 1);
    if (p)
        f->live++;
    return p;
}

static void *f_realloc(void *ctx, void *ptr, size_t size)
{
    faulty *f = ctx;
    if (should_fail(f))
        return NULL; /* ptr stays valid and owned by the caller */
    void *p = realloc(ptr, size ? size : 1);
    if (p && !ptr)
        f->live++;
    return p;
}

static void f_free(void *ctx, void *ptr)
{
    faulty *f = ctx;
    if (ptr)
        f->live--;
    free(ptr);
}

static void arm(faulty *f, long n)
{
#ifdef QXT_HAVE_BACKTRACE
    if (n == 1)
        f->seen = 0; /* a new sweep */
#endif
    f->count = 0;
    f->fail_at = n;
    f->failed = 0;
}

static const char k_user_rules[] =
    "define SHOUTER \\p{Lu}\\p{L}+\n"
    "rule test.shouted after 0.6 soft-end\n"
    "  \\G\\s*(?<cue>shouted)\\s+(?<speaker>{SHOUTER})\n";

static const char k_small_rules[] =
    "rule test.after after 0.9 soft-end\n"
    "  \\G[\\s,]*(?<cue>{CUE})\\s+(?<speaker>\\p{Lu}\\p{L}+(?:\\s+\\p{Lu}\\p{L}+)?)\n"
    "rule test.clause clause 0.7\n"
    "  (?<speaker>\\p{Lu}\\p{L}+)\\s+(?<cue>{CUE_THAT})\\s+that\\s+(?<content>[^.\\n]{5,})\n"
    "rule test.names names 0.5\n"
    "  \\p{Lu}\\p{L}+\\s+\\p{Lu}\\p{L}+\n";

/* Reaches paragraphs, sentences, marks (curly, straight, guillemets, an
 * unclosed one), after/before/mixed/clause rules, inheritance, pronoun and
 * surname resolution, and lenient UTF-8 (the \xff byte). */
static const char k_text[] =
    "\xe2\x80\x9cWe will rebuild the bridge,\xe2\x80\x9d said former mayor Alma Reyes. "
    "\xe2\x80\x9cIt will take two years.\xe2\x80\x9d\n\n"
    "Reyes told reporters on Monday that the budget would pass, adding that costs rose.\n\n"
    "\"The river is rising fast,\" she said. Tom Becker said: \xc2\xabNo.\xc2\xbb\n\n"
    "\xe2\x80\x9cThe plan works.\xe2\x80\x9d\n\n"
    "He called it \xe2\x80\x9c""a disaster\xe2\x80\x9d on Friday. \xff \xe2\x80\x9cNever closed\n";

/* A novel's dialogue: reaches dialogue detection, turn-taking and the
 * description a pronoun falls back to when no name of its gender is near. */
static const char k_dialogue[] =
    "A tall girl in a grey coat came into the shop. The clerk, Amos Fell, looked up "
    "from his ledger.\n\n"
    "\"Good morning,\" said Amos Fell.\n\n\"Is the post in?\"\n\n\"Not yet.\"\n\n"
    "\"When will it come?\"\n\n\"At noon.\"\n\n\"And on Sundays?\"\n\n\"Never.\"\n\n"
    "The girl looked at the clock.\n\n\"Then I will wait,\" she said.\n";

/* Phase 1. Returns QX_OK, or the first failing status. */
static qx_status build_options(const qx_allocator *a, qx_options **out, const char *lex_path)
{
    qx_error err;
    qx_status rc;
    *out = NULL;
    qx_options *o = qx_options_new(a);
    if (!o)
        return QX_E_NOMEM;
    memset(&err, 0, sizeof err);
    if ((rc = qx_options_set_flags(o, QX_FLAG_LENIENT_UTF8 | QX_FLAG_NO_JIT)) != QX_OK ||
        (rc = qx_options_add_lexicon(o, QX_LEX_CUE, "shout = shouted\n", 16, &err)) != QX_OK ||
        (rc = qx_options_add_rules(o, k_user_rules, sizeof k_user_rules - 1, &err)) != QX_OK ||
        (lex_path && (rc = qx_options_load_lexicon_file(o, QX_LEX_ROLE, lex_path, &err)) != QX_OK)) {
        if (rc == QX_E_NOMEM)
            INT_EQ(err.code, QX_E_NOMEM);
        qx_options_free(o);
        return rc;
    }
    *out = o;
    return QX_OK;
}

static long sweep_options(faulty *f, const qx_allocator *a, const char *lex_path)
{
    long n = 1, bad = 0;
    for (;; n++) {
        qx_options *o;
        arm(f, n);
        qx_status rc = build_options(a, &o, lex_path);
        qx_options_free(o);
        if (!f->failed) {
            INT_EQ(rc, QX_OK);
            break;
        }
        bad += !INT_EQ(rc, QX_E_NOMEM);
        bad += !INT_EQ(f->live, 0);
        if (bad > 5)
            break;
    }
    return n - 1;
}

/* Phase 2: options built with the hook switched off, compile swept. */
static long sweep_compile(faulty *f, const qx_allocator *a, uint32_t flags, const char *rules)
{
    long n = 1, bad = 0;
    arm(f, 0);
    qx_options *o = qx_options_new(a);
    if (!OK(o != NULL))
        return 0;
    INT_EQ(qx_options_set_flags(o, flags), QX_OK);
    if (rules) {
        qx_options_clear_rules(o);
        INT_EQ(qx_options_add_rules(o, rules, strlen(rules), NULL), QX_OK);
    }
    long base_live = f->live;
    /* Every N up to 1000, then steps of N/64: compiling is the slow phase
     * (thousands of allocations, each retry a full compile), and the sweep
     * must stay quadratic-free for CI. QXT_ALLOC_FULL=1 tries every N. */
    int full = getenv("QXT_ALLOC_FULL") != NULL;
    for (;; n += (full || n <= 1000) ? 1 : n / 64) {
        qx_error err;
        memset(&err, 0, sizeof err);
        arm(f, n);
        qx_extractor *ex = qx_extractor_new(o, &err);
        int failed = f->failed;
        arm(f, 0);
        if (!failed) {
            OK(ex != NULL);
            qx_extractor_free(ex);
            break;
        }
        bad += !OK(ex == NULL);
        if (!INT_EQ(err.code, QX_E_NOMEM))
            bad++, printf("  N=%ld: %s\n", n, err.message);
        qx_extractor_free(ex);
        bad += !INT_EQ(f->live, base_live);
        if (bad > 5)
            break;
    }
    qx_options_free(o);
    INT_EQ(f->live, 0);
    return n - 1;
}

typedef struct fp {
    size_t count, first, last_end;
    char speakers[512];
} fp;

static void fingerprint(const qx_result *res, fp *out)
{
    memset(out, 0, sizeof *out);
    out->count = qx_result_count(res);
    for (size_t i = 0; i < out->count; i++) {
        const qx_quote *q = qx_result_get(res, i);
        if (i == 0)
            out->first = q->segments[0].outer.start;
        out->last_end = q->segments[q->n_segments - 1].outer.end;
        size_t used = strlen(out->speakers);
        snprintf(out->speakers + used, sizeof out->speakers - used, "%s|",
                 q->speaker ? q->speaker : "-");
    }
}

/* Phase 3: a compiled extractor, extraction swept, with a fresh state (its
 * creation swept too) and with a reused one. */
static long sweep_extract(faulty *f, const qx_allocator *a, uint32_t flags, int reuse_state,
                          const char *text, size_t len)
{
    long n = 1, bad = 0;
    arm(f, 0);
    qx_options *o = qx_options_new(a);
    if (!OK(o != NULL))
        return 0;
    qx_options_set_flags(o, flags);
    qx_extractor *ex = qx_extractor_new(o, NULL);
    qx_options_free(o);
    if (!OK(ex != NULL))
        return 0;
    qx_result *want_res = NULL;
    if (!INT_EQ(qx_extract(ex, NULL, text, len, &want_res, NULL), QX_OK)) {
        qx_extractor_free(ex);
        return 0;
    }
    fp want, got;
    fingerprint(want_res, &want);
    qx_result_free(want_res);
    OK(want.count >= 5);
    qx_state *st = reuse_state ? qx_state_new(ex) : NULL;
    long base_live = f->live;
    for (;; n++) {
        qx_error err;
        qx_result *res = (qx_result *)&err; /* must be set to NULL on failure */
        memset(&err, 0, sizeof err);
        arm(f, n);
        qx_status rc = qx_extract(ex, st, text, len, &res, &err);
        int failed = f->failed;
        arm(f, 0);
        if (!failed) {
            INT_EQ(rc, QX_OK);
            if (OK(res != NULL)) {
                fingerprint(res, &got);
                OK(!memcmp(&got, &want, sizeof got));
            }
            qx_result_free(res);
            break;
        }
        bad += !INT_EQ(rc, QX_E_NOMEM);
        bad += !INT_EQ(err.code, QX_E_NOMEM);
        bad += !OK(res == NULL);
        if (rc == QX_OK)
            qx_result_free(res);
        if (!reuse_state && !INT_EQ(f->live, base_live)) {
            bad++;
            printf("  extract: allocation %ld failed, %ld blocks leaked\n", n, f->live - base_live);
        }
        /* after a failure the same state must still give the full result */
        if (reuse_state && n % 7 == 0) {
            qx_result *again = NULL;
            if (INT_EQ(qx_extract(ex, st, text, len, &again, NULL), QX_OK)) {
                fingerprint(again, &got);
                bad += !OK(!memcmp(&got, &want, sizeof got));
            }
            qx_result_free(again);
        }
        if (bad > 5)
            break;
    }
    qx_state_free(st);
    qx_extractor_free(ex);
    INT_EQ(f->live, 0);
    return n - 1;
}

static faulty g_f;

static void test_fault_injection(void)
{
    faulty *f = &g_f;
    qx_allocator a = {f_malloc, f_realloc, f_free, f};
    char path[512];
    snprintf(path, sizeof path, "%s_roles.txt", QXT_TMP_PREFIX);
    FILE *fh = fopen(path, "w");
    if (!OK(fh != NULL))
        return;
    fputs("harbourmaster\nbeekeeper\n", fh);
    fclose(fh);

#ifdef QXT_HAVE_BACKTRACE
    f->record = 1;
#endif
    long n_opts = sweep_options(f, &a, path);
    long n_compile = sweep_compile(f, &a, QX_FLAG_NO_JIT, NULL);
    long n_jit = sweep_compile(f, &a, 0, k_small_rules);
    long n_extract = sweep_extract(f, &a, QX_FLAG_LENIENT_UTF8 | QX_FLAG_NO_JIT, 0, k_text,
                                   sizeof k_text - 1);
    long n_reuse = sweep_extract(f, &a, QX_FLAG_LENIENT_UTF8, 1, k_text, sizeof k_text - 1);
    long n_dialogue = sweep_extract(f, &a, QX_FLAG_NO_JIT, 0, k_dialogue, sizeof k_dialogue - 1);
    remove(path);
    OK(n_opts > 0 && n_compile > 0 && n_jit > 0 && n_extract > 0 && n_reuse > 0 && n_dialogue > 0);
    printf("fault injection: failed allocation N = 1..%ld (options), 1..%ld (compile, built-in "
           "rules), 1..%ld (compile, JIT), 1..%ld (extract, new state), 1..%ld (extract, reused "
           "state), 1..%ld (extract, dialogue); compile phases every N to 1000 then steps of N/64%s\n",
           n_opts, n_compile, n_jit, n_extract, n_reuse, n_dialogue,
           getenv("QXT_ALLOC_FULL") ? " (QXT_ALLOC_FULL: every N)" : "");
#ifdef QXT_HAVE_BACKTRACE
    printf("fault injection: %ld distinct allocation call stacks (3 callers deep)\n", f->n_sites);
    /* QXT_PRINT_SITES=1 lists them for addr2line -f -e <this binary>. */
    if (getenv("QXT_PRINT_SITES"))
        for (long i = 0; i < f->n_sites; i++)
            printf("site %p %p %p\n", f->sites[i][0], f->sites[i][1], f->sites[i][2]);
#endif
}

int main(void)
{
    RUN(test_fault_injection);
    return qxt_summary();
}
