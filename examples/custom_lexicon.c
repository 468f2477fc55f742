/*
 * custom_lexicon: teach the extractor a cue verb and a title it does not
 * know, from lexicon text in the program (qx_options_add_lexicon) or from a
 * file (qx_options_load_lexicon_file), and compare with the built-in lexicons.
 *
 *     custom_lexicon [CUE-LEXICON-FILE]
 *
 * Prints the speaker found in one sentence by the default extractor and by
 * the customised one, and exits 1 unless only the customised one finds it.
 */
#include <stdio.h>
#include <string.h>

#include "quoteex.h"

/* "harrumphed" is no built-in cue verb, and "Warden" no built-in title. */
static const char TEXT[] =
    "\xE2\x80\x9CThis budget is a disgrace to the whole valley,\xE2\x80\x9D "
    "harrumphed Warden Ida Fenwick.\n";

/* Cue lexicon format: "lemma = form, form, ..." one entry per line. */
static const char CUES[] = "harrumph = harrumph, harrumphs, harrumphed, harrumphing\n";
static const char TITLES[] = "Warden\n";

/* Prints the first quote's speaker; returns 1 when there is one, 0 when not,
 * -1 on error. */
static int show(const char *label, const qx_extractor *ex)
{
    qx_result *res;
    qx_error err;
    if (qx_extract(ex, NULL, TEXT, sizeof TEXT - 1, &res, &err) != QX_OK) {
        fprintf(stderr, "%s: %s\n", label, err.message);
        return -1;
    }
    const qx_quote *q = qx_result_get(res, 0);
    int found = q && q->speaker;
    printf("%-8s speaker: %s  cue lemma: %s  rule: %s\n", label, found ? q->speaker : "(none)",
           q && q->cue_lemma ? q->cue_lemma : "-", q ? q->rule : "-");
    qx_result_free(res);
    return found;
}

int main(int argc, char **argv)
{
    qx_error err;
    int status = 1;
    qx_extractor *plain = qx_extractor_new(NULL, &err);
    qx_options *opts = qx_options_new(NULL); /* starts with the built-in lexicons */
    qx_extractor *custom = NULL;

    if (!plain || !opts) {
        fprintf(stderr, "setup failed\n");
        goto done;
    }
    qx_status rc = argc > 1
        ? qx_options_load_lexicon_file(opts, QX_LEX_CUE, argv[1], &err)
        : qx_options_add_lexicon(opts, QX_LEX_CUE, CUES, strlen(CUES), &err);
    if (rc == QX_OK)
        rc = qx_options_add_lexicon(opts, QX_LEX_TITLE, TITLES, strlen(TITLES), &err);
    if (rc != QX_OK) {
        /* syntax errors name the line: err.line */
        fprintf(stderr, "lexicon: %s (line %zu)\n", err.message, err.line);
        goto done;
    }
    custom = qx_extractor_new(opts, &err); /* opts may be freed right after */
    if (!custom) {
        fprintf(stderr, "qx_extractor_new: %s\n", err.message);
        goto done;
    }
    int a = show("built-in", plain);
    int b = show("custom", custom);
    status = (a == 0 && b == 1) ? 0 : 1;

done:
    qx_extractor_free(custom);
    qx_options_free(opts);
    qx_extractor_free(plain);
    return status;
}
