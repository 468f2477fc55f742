/*
 * libFuzzer target over user rule and lexicon loading.
 *
 * Input: [mode byte][user text][0xFF][document]. The mode's low nibble picks
 * the lexicon to add to (0..7) or, from 8 up, the rule text; bit 4 clears
 * the built-in entries first, bit 5 turns the JIT off. 0xFF can never occur
 * in UTF-8, so it separates the two texts without limiting either. Accepted
 * user text is compiled and run over the document: a rule or lexicon that
 * passes validation must compile or fail with a status, never crash.
 * The built-in rules are replaced by a small set using every placeholder, so
 * that one input costs milliseconds, not a full rule compilation.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoteex.h"

static const char small_rules[] =
    "define NAMEWORD \\p{Lu}\\p{L}+\n"
    "rule after.cue_name after 0.9 soft-end\n"
    "  \\G[\\s,]*(?<cue>{CUE})\\s+(?<role>(?:{TITLE}|{ROLE})\\s+)?(?<speaker>{NAMEWORD}(?:\\s+{NAMEWORD})?)\n"
    "rule after.pronoun after 0.8\n"
    "  \\G[\\s,]*(?<cue>{CUE})\\s+(?<speaker>(?i:{PRONOUN}))\\b\n"
    "rule before.colon before 0.8\n"
    "  (?<speaker>(?!{NONNAME}){NAMEWORD}|the\\s+{ORG})\\s+(?<cue>{CUE}):\\s*\\z\n"
    "rule clause.that clause 0.7\n"
    "  (?<speaker>{NAMEWORD})\\s+(?<cue>{CUE_THAT})\\s+that\\s+(?<content>[^.\\n]{5,})\n"
    "rule names.any names 0.5\n"
    "  (?:{NAMEWORD}\\.?\\s+){1,3}(?!{ABBREV}){NAMEWORD}\n";

static const char default_doc[] =
    "\xe2\x80\x9cWe will rebuild,\xe2\x80\x9d said Mayor Ana Holm. Holm added that the bridge "
    "would open in May.\n\"Not yet,\" she said. The Pentagon said: \xc2\xabNo comment.\xc2\xbb\n";

static void require(int ok, const char *what) {
    if (!ok) {
        fprintf(stderr, "fuzz_rules: broken promise: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    const char *user = (const char *)data + 1;
    const char *sep = memchr(user, 0xff, size - 1);
    size_t user_len = sep ? (size_t)(sep - user) : size - 1;
    const char *doc = sep ? sep + 1 : default_doc;
    size_t doc_len = sep ? size - 1 - user_len - 1 : sizeof default_doc - 1;

    qx_options *o = qx_options_new(NULL);
    require(o != NULL, "qx_options_new");
    if (mode & 0x20)
        require(qx_options_set_flags(o, QX_FLAG_NO_JIT) == QX_OK, "set_flags");
    qx_error err;
    memset(&err, 0, sizeof err);
    qx_status rc;
    unsigned which = mode & 0x0f;
    require(qx_options_clear_rules(o) == QX_OK, "clear_rules");
    if (which < 8) {
        if (mode & 0x10)
            require(qx_options_clear_lexicon(o, (qx_lexicon)which) == QX_OK, "clear_lexicon");
        rc = qx_options_add_lexicon(o, (qx_lexicon)which, user, user_len, &err);
        require(qx_options_add_rules(o, small_rules, sizeof small_rules - 1, NULL) == QX_OK,
                "small rules are valid");
    } else {
        if (!(mode & 0x10))
            require(qx_options_add_rules(o, small_rules, sizeof small_rules - 1, NULL) == QX_OK,
                    "small rules are valid");
        rc = qx_options_add_rules(o, user, user_len, &err);
    }
    if (rc != QX_OK) {
        require(rc == QX_E_SYNTAX || rc == QX_E_BAD_UTF8 || rc == QX_E_PATTERN,
                "rejected text gives a syntax, UTF-8 or pattern status");
        require(err.code == rc, "error filled");
        require(memchr(err.message, '\0', sizeof err.message) != NULL, "message terminated");
        qx_options_free(o);
        return 0;
    }
    memset(&err, 0, sizeof err);
    qx_extractor *ex = qx_extractor_new(o, &err);
    qx_options_free(o);
    if (!ex) {
        require(err.code == QX_E_PATTERN || err.code == QX_E_SYNTAX,
                "accepted text fails to compile only with a pattern or syntax status");
        require(memchr(err.message, '\0', sizeof err.message) != NULL, "message terminated");
        return 0;
    }
    for (size_t i = 0; i < qx_extractor_rule_count(ex); i++)
        require(qx_extractor_rule_name(ex, i) != NULL, "rule name");
    qx_result *res = NULL;
    rc = qx_extract(ex, NULL, doc, doc_len, &res, &err);
    if (rc == QX_OK) {
        for (size_t i = 0; i < qx_result_count(res); i++) {
            const qx_quote *q = qx_result_get(res, i);
            require(q && q->n_segments >= 1, "record has a segment");
            for (size_t k = 0; k < q->n_segments; k++)
                require(q->segments[k].outer.start <= q->segments[k].outer.end &&
                            q->segments[k].outer.end <= doc_len,
                        "segment inside the document");
            require(q->speaker_mention.start == QX_UNSET ||
                        (q->speaker_mention.start <= q->speaker_mention.end &&
                         q->speaker_mention.end <= doc_len),
                    "mention inside the document");
        }
    } else {
        require(res == NULL, "no result on failure");
        require(rc == QX_E_BAD_UTF8 || rc == QX_E_LIMIT, "extraction status");
    }
    qx_result_free(res);
    qx_extractor_free(ex);
    return 0;
}
