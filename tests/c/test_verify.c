/* qx_verify: every verdict and match kind, name forms, the first-name-only
 * refusal, quote keys, calibration and min_confidence. Texts are our own. */
#include <stdio.h>
#include <string.h>

#include "harness.h"

static qx_extractor *g_ex;

static const char k_article[] =
    "Ambassador Rahm Emanuel spoke at the harbour on Monday.\n\n"
    "“The new bridge will carry trains by the spring of next year,” Emanuel said.\n\n"
    "“We have waited long enough,” said Rahm Emanuel, “and the money is already there.”\n\n"
    "The mayor, Lotte Brandt, disagreed. “Nobody has shown me a single invoice for the steel,” "
    "Brandt said.\n\n"
    "Workers hung a banner with “Keep the harbour open for everyone who works here” on the gate.\n";

static qx_verification *verify(const char *claim, const char *speaker)
{
    qx_verification *v = NULL;
    qx_error err;
    qx_status rc = qx_verify(g_ex, NULL, k_article, strlen(k_article), claim, strlen(claim),
                             speaker, speaker ? strlen(speaker) : 0, &v, &err);
    if (!OK(rc == QX_OK))
        fprintf(stderr, "  qx_verify: %s\n", err.message);
    return v;
}

static void expect(const char *claim, const char *speaker, qx_verdict verdict, qx_match match)
{
    qx_verification *v = verify(claim, speaker);
    if (!v)
        return;
    if (!INT_EQ(qx_verification_verdict(v), verdict) || !INT_EQ(qx_verification_match(v), match))
        fprintf(stderr, "  claim: %s / speaker: %s\n", claim, speaker ? speaker : "(none)");
    qx_verification_free(v);
}

static void test_exact_and_evidence(void)
{
    qx_verification *v = verify("The new bridge will carry trains by the spring of next year",
                                "Rahm Emanuel");
    if (!v)
        return;
    INT_EQ(qx_verification_verdict(v), QX_VERDICT_ATTRIBUTED);
    INT_EQ(qx_verification_match(v), QX_MATCH_EXACT);
    const qx_quote *q = qx_verification_quote(v);
    if (OK(q != NULL)) {
        STR_EQ(q->speaker, "Rahm Emanuel");
        SPAN_EQ(k_article, q->speaker_mention, "Emanuel");
        SPAN_EQ(k_article, q->cue, "said");
        OK(q->rule != NULL && strcmp(q->rule, "none") != 0);
    }
    SPAN_EQ(k_article, qx_verification_span(v),
            "The new bridge will carry trains by the spring of next year");
    STR_EQ(qx_verification_speaker(v), "Rahm Emanuel");
    OK(qx_verification_confidence(v) > 0.0 && qx_verification_confidence(v) <= 1.0);
    SIZE_EQ(qx_verification_difference_count(v), 0);
    qx_verification_free(v);
}

static void test_reformatted_is_exact(void)
{
    /* case, straight marks, punctuation */
    expect("\"the NEW bridge will carry trains, by the spring of next year!\"", "Emanuel",
           QX_VERDICT_ATTRIBUTED, QX_MATCH_EXACT);
    /* a split quote given whole: the interruption is not part of it */
    expect("We have waited long enough and the money is already there", "Rahm Emanuel",
           QX_VERDICT_ATTRIBUTED, QX_MATCH_EXACT);
}

static void test_partial(void)
{
    expect("will carry trains by the spring", "Emanuel", QX_VERDICT_ATTRIBUTED, QX_MATCH_PARTIAL);
    expect("The new bridge … by the spring of next year", "Emanuel", QX_VERDICT_ATTRIBUTED,
           QX_MATCH_PARTIAL);
    expect("The new bridge... next year", "Emanuel", QX_VERDICT_ATTRIBUTED, QX_MATCH_PARTIAL);
    /* the article's quote is a fragment of the claim */
    expect("Nobody has shown me a single invoice for the steel and I will not sign anything",
           "Lotte Brandt", QX_VERDICT_ATTRIBUTED, QX_MATCH_PARTIAL);
}

static void test_altered(void)
{
    const char *claim = "The new bridge will carry cars by the spring of next year";
    qx_verification *v = verify(claim, "Emanuel");
    if (!v)
        return;
    INT_EQ(qx_verification_verdict(v), QX_VERDICT_ATTRIBUTED);
    INT_EQ(qx_verification_match(v), QX_MATCH_ALTERED);
    if (SIZE_EQ(qx_verification_difference_count(v), 1)) {
        const qx_difference *d = qx_verification_difference(v, 0);
        SPAN_EQ(claim, d->claimed, "cars");
        SPAN_EQ(k_article, d->found, "trains");
    }
    OK(qx_verification_difference(v, 1) == NULL);
    qx_verification_free(v);
    /* a dropped word */
    expect("The new bridge will carry trains by spring of next year", "Emanuel",
           QX_VERDICT_ATTRIBUTED, QX_MATCH_ALTERED);
}

static void test_other_unattributed_not_found(void)
{
    qx_verification *v = verify("Nobody has shown me a single invoice for the steel", "Rahm Emanuel");
    if (v) {
        INT_EQ(qx_verification_verdict(v), QX_VERDICT_ATTRIBUTED_TO_OTHER);
        STR_EQ(qx_verification_speaker(v), "Lotte Brandt");
        qx_verification_free(v);
    }
    expect("Keep the harbour open for everyone who works here", "Lotte Brandt",
           QX_VERDICT_UNATTRIBUTED, QX_MATCH_EXACT);
    /* words outside any quote are there but nobody is said to have said them */
    expect("spoke at the harbour on Monday", "Rahm Emanuel", QX_VERDICT_UNATTRIBUTED,
           QX_MATCH_EXACT);
    expect("The ferry will stop running after the storm season ends", "Rahm Emanuel",
           QX_VERDICT_NOT_FOUND, QX_MATCH_NONE);
    expect("", "Rahm Emanuel", QX_VERDICT_NOT_FOUND, QX_MATCH_NONE);
}

static void test_name_forms(void)
{
    static const char *const same[] = {"Emanuel", "Rahm Emanuel", "Ambassador Emanuel",
                                       "Mr. Emanuel", "rahm emanuel", "R. Emanuel",
                                       "Ambassador Rahm Emanuel, the former mayor,"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        expect("We have waited long enough", same[i], QX_VERDICT_ATTRIBUTED, QX_MATCH_PARTIAL);
    /* a first name alone, or another person with the same surname or first name */
    static const char *const other[] = {"Rahm", "Ari Emanuel", "Rahm Brandt", "Brandt"};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        expect("We have waited long enough", other[i], QX_VERDICT_ATTRIBUTED_TO_OTHER,
               QX_MATCH_PARTIAL);
    /* no speaker claimed: the article's speaker is reported */
    expect("We have waited long enough", NULL, QX_VERDICT_ATTRIBUTED, QX_MATCH_PARTIAL);
}

static void test_verify_result_and_errors(void)
{
    qx_result *res = NULL;
    qx_verification *v = NULL;
    qx_error err;
    size_t len = strlen(k_article);
    if (!OK(qx_extract(g_ex, NULL, k_article, len, &res, &err) == QX_OK))
        return;
    const char *claim = "money is already there";
    if (OK(qx_verify_result(g_ex, res, k_article, len, claim, strlen(claim), "Emanuel", 7, &v,
                            &err) == QX_OK)) {
        INT_EQ(qx_verification_verdict(v), QX_VERDICT_ATTRIBUTED);
        OK(qx_verification_quote(v) == qx_result_get(res, qx_verification_quote_index(v)));
    }
    qx_verification_free(v);
    INT_EQ(qx_verify_result(g_ex, NULL, k_article, len, claim, 3, NULL, 0, &v, &err),
           QX_E_INVALID_ARG);
    OK(v == NULL);
    INT_EQ(qx_verify_result(g_ex, res, k_article, len, "\xff", 1, NULL, 0, &v, &err),
           QX_E_BAD_UTF8);
    qx_result_free(res);
    qx_verification_free(NULL);
    INT_EQ(qx_verification_verdict(NULL), QX_VERDICT_NOT_FOUND);
}

static void test_keys(void)
{
    static const char a[] = "“It is over,” she said. “We go home.”";
    static const char b[] = "\"it is OVER\", she said, \"we go home!\"";
    qx_result *ra = NULL, *rb = NULL;
    uint64_t ka = 0, kb = 0, kt = 0;
    if (!OK(qx_extract(g_ex, NULL, a, strlen(a), &ra, NULL) == QX_OK) ||
        !OK(qx_extract(g_ex, NULL, b, strlen(b), &rb, NULL) == QX_OK))
        goto done;
    if (OK(qx_result_count(ra) == 1 && qx_result_count(rb) == 1)) {
        OK(qx_quote_key(a, strlen(a), qx_result_get(ra, 0), &ka) == QX_OK);
        OK(qx_quote_key(b, strlen(b), qx_result_get(rb, 0), &kb) == QX_OK);
        OK(ka == kb);
        OK(qx_text_key("It is over ... we go home", 25, &kt) == QX_OK);
        OK(kt == ka);
        OK(qx_text_key("It is over, we went home", 24, &kt) == QX_OK);
        OK(kt != ka);
    }
    INT_EQ(qx_text_key("\xff", 1, &kt), QX_E_BAD_UTF8);
    INT_EQ(qx_quote_key(NULL, 0, NULL, &kt), QX_E_INVALID_ARG);
done:
    qx_result_free(ra);
    qx_result_free(rb);
}

static double first_confidence(qx_options *o, const char *text)
{
    qx_error err;
    qx_extractor *ex = qx_extractor_new(o, &err);
    qx_result *res = NULL;
    double c = -1.0;
    if (ex && qx_extract(ex, NULL, text, strlen(text), &res, &err) == QX_OK && qx_result_count(res))
        c = qx_result_get(res, 0)->confidence;
    else if (ex && res)
        c = -2.0; /* no record */
    qx_result_free(res);
    qx_extractor_free(ex);
    return c;
}

static void test_calibration_and_floor(void)
{
    static const char text[] = "“The pier will reopen in May,” said Anna Berg.";
    qx_options *o = qx_options_new(NULL);
    qx_error err;
    if (!OK(o != NULL))
        return;
    /* the rule's own CONF without a table */
    OK(qx_options_set_calibration(o, "", 0, &err) == QX_OK);
    double raw = first_confidence(o, text);
    OK(raw > 0.0);
    static const char table[] = "# test\nafter.cue_name 0.5\nafter.cue_name name 0.625\n";
    OK(qx_options_set_calibration(o, table, strlen(table), &err) == QX_OK);
    OK(first_confidence(o, text) == 0.625);
    static const char rule_only[] = "after.cue_name 0.5\n";
    OK(qx_options_set_calibration(o, rule_only, strlen(rule_only), &err) == QX_OK);
    OK(first_confidence(o, text) == 0.5);
    INT_EQ(qx_options_set_calibration(o, "x nosuch 0.5\n", 13, &err), QX_E_SYNTAX);
    SIZE_EQ(err.line, 1);
    INT_EQ(qx_options_set_calibration(o, "x 1.5\n", 6, &err), QX_E_SYNTAX);
    /* the floor drops records under it */
    OK(qx_options_set_min_confidence(o, 0.5) == QX_OK);
    OK(first_confidence(o, text) == 0.5);
    OK(qx_options_set_min_confidence(o, 0.51) == QX_OK);
    OK(first_confidence(o, text) == -2.0);
    /* a verifier on that extractor finds the words but no speaker */
    qx_extractor *strict = qx_extractor_new(o, &err);
    qx_verification *v = NULL;
    if (OK(strict != NULL) &&
        OK(qx_verify(strict, NULL, text, strlen(text), "The pier will reopen", 20, "Anna Berg", 9,
                     &v, &err) == QX_OK)) {
        INT_EQ(qx_verification_verdict(v), QX_VERDICT_UNATTRIBUTED);
        OK(qx_verification_quote(v) == NULL);
    }
    qx_verification_free(v);
    qx_extractor_free(strict);
    INT_EQ(qx_options_set_min_confidence(o, 1.5), QX_E_INVALID_ARG);
    INT_EQ(qx_options_set_min_confidence(o, -0.1), QX_E_INVALID_ARG);
    INT_EQ(qx_options_set_min_confidence(NULL, 0.5), QX_E_INVALID_ARG);
    qx_options_free(o);
}

int main(void)
{
    qx_error err;
    g_ex = qx_extractor_new(NULL, &err);
    if (!OK(g_ex != NULL))
        return qxt_summary();
    RUN(test_exact_and_evidence);
    RUN(test_reformatted_is_exact);
    RUN(test_partial);
    RUN(test_altered);
    RUN(test_other_unattributed_not_found);
    RUN(test_name_forms);
    RUN(test_verify_result_and_errors);
    RUN(test_keys);
    RUN(test_calibration_and_floor);
    qx_extractor_free(g_ex);
    return qxt_summary();
}
