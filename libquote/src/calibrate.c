/* Calibrated confidence. A rule's CONF in rules.txt is a prior guess; the
 * calibration table (libquote/data/calibration.txt, fitted on a development
 * set by tools/calibrate.py) replaces it with the measured fraction of right
 * speakers, per rule and per kind of speaker mention, so that a confidence c
 * means "right about c of the time". Then records under the extractor's
 * min_confidence are dropped: the caller's trade of recall for precision. */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

static const char *const feature_names[] = {"name", "pronoun", "desc"};

static int feature_of(const char *s, size_t n) {
    for (int i = 0; i < 3; i++)
        if (strlen(feature_names[i]) == n && !memcmp(feature_names[i], s, n))
            return i;
    return -2;
}

/* One line: "RULE [FEATURE] CONFIDENCE". Returns 0 on a syntax error. */
static int parse_line(const qx__line *ln, const char **rule, size_t *rule_len, int *feature,
                      double *conf) {
    const char *f[4];
    size_t fl[4], n = 0, i = 0;
    while (i < ln->len && n < 4) {
        while (i < ln->len && (ln->s[i] == ' ' || ln->s[i] == '\t'))
            i++;
        if (i >= ln->len)
            break;
        f[n] = ln->s + i;
        while (i < ln->len && ln->s[i] != ' ' && ln->s[i] != '\t')
            i++;
        fl[n] = (size_t)(ln->s + i - f[n]);
        n++;
    }
    if (n < 2 || n > 3 || fl[n - 1] >= 32)
        return 0;
    *rule = f[0];
    *rule_len = fl[0];
    *feature = n == 3 ? feature_of(f[1], fl[1]) : -1;
    if (*feature == -2)
        return 0;
    char num[32];
    memcpy(num, f[n - 1], fl[n - 1]);
    num[fl[n - 1]] = '\0';
    char *end;
    *conf = strtod(num, &end);
    return !*end && *conf >= 0.0 && *conf <= 1.0;
}

static qx_status bad_line(qx_error *err, size_t line) {
    qx_status rc = qx__fail(err, QX_E_SYNTAX, 0,
                            "line %zu: expected 'RULE [name|pronoun|desc] CONFIDENCE' with "
                            "CONFIDENCE in [0, 1]",
                            line);
    if (err)
        err->line = line;
    return rc;
}

qx_status qx__calibration_validate(const char *text, size_t len, qx_error *err) {
    size_t pos = 0, lineno = 0;
    qx__line ln;
    while (qx__next_line(text, len, &pos, &lineno, &ln, 0)) {
        const char *rule;
        size_t rl;
        int feat;
        double conf;
        if (!parse_line(&ln, &rule, &rl, &feat, &conf))
            return bad_line(err, ln.lineno);
    }
    return QX_OK;
}

void qx__calibration_free(qx__calib *c, size_t n, const qx_allocator *a) {
    if (!c)
        return;
    for (size_t i = 0; i < n; i++)
        qx__free(a, c[i].rule);
    qx__free(a, c);
}

qx_status qx__calibration_build(qx__calib **out, size_t *n_out, const char *text, size_t len,
                                const qx_allocator *a, qx_error *err) {
    *out = NULL;
    *n_out = 0;
    qx_status rc = qx__calibration_validate(text, len, err);
    if (rc != QX_OK)
        return rc;
    size_t pos = 0, lineno = 0, n = 0;
    qx__line ln;
    while (qx__next_line(text, len, &pos, &lineno, &ln, 0))
        n++;
    if (!n)
        return QX_OK;
    qx__calib *c = qx__malloc(a, n * sizeof *c);
    if (!c)
        return qx__fail(err, QX_E_NOMEM, 0, NULL);
    memset(c, 0, n * sizeof *c);
    pos = lineno = 0;
    for (size_t k = 0; k < n && qx__next_line(text, len, &pos, &lineno, &ln, 0); k++) {
        const char *rule;
        size_t rl;
        parse_line(&ln, &rule, &rl, &c[k].feature, &c[k].conf);
        c[k].rule = qx__strndup(a, rule, rl);
        if (!c[k].rule) {
            qx__calibration_free(c, n, a);
            return qx__fail(err, QX_E_NOMEM, 0, NULL);
        }
    }
    *out = c;
    *n_out = n;
    return QX_OK;
}

/* The same feature tools/calibrate.py computes from a Python Quote: pronoun
 * flag, else a mention starting lower-case ("the spokeswoman"), else a name. */
static int record_feature(const qx__doc *d, const qx__rec *r) {
    if (r->flags & QX_QUOTE_PRONOUN)
        return QX__FEAT_PRONOUN;
    if (r->mention.start != QX_UNSET && r->mention.start < r->mention.end) {
        size_t n;
        if (qx__is_lower(qx__utf8_at(d->text, d->len, r->mention.start, &n)))
            return QX__FEAT_DESC;
    }
    return QX__FEAT_NAME;
}

/* The table's confidence for a rule and feature: the exact cell, else the
 * rule's row, else the rule's own CONF (rules the table has never seen). */
static int lookup(const qx_extractor *ex, const char *rule, int feature, double *conf) {
    int found = 0;
    for (size_t i = 0; i < ex->n_calib; i++) {
        const qx__calib *c = &ex->calib[i];
        if (strcmp(c->rule, rule) != 0)
            continue;
        if (c->feature == feature) {
            *conf = c->conf;
            return 1;
        }
        if (c->feature == -1) {
            *conf = c->conf;
            found = 1;
        }
    }
    return found;
}

/* The last lookups of one document, by rule name pointer and feature: a
 * document's records carry a handful of names (the rules' own strings and
 * the literals of discourse.c and resolve.c), and the table's linear strcmp
 * scan cost more than a record's whole share of resolution. The pointer
 * stands for the text it points to, which does not change during a call. */
#define QX__CALIB_MEMO 8
typedef struct calib_memo {
    const char *rule;
    int feature, found;
    double conf;
} calib_memo;

static int lookup_memo(const qx_extractor *ex, calib_memo *memo, size_t *next, const char *rule,
                       int feature, double *conf) {
    for (size_t i = 0; i < QX__CALIB_MEMO; i++)
        if (memo[i].rule == rule && memo[i].feature == feature) {
            *conf = memo[i].conf;
            return memo[i].found;
        }
    calib_memo *m = &memo[*next];
    *next = (*next + 1) % QX__CALIB_MEMO;
    m->rule = rule;
    m->feature = feature;
    m->conf = 0.0;
    m->found = lookup(ex, rule, feature, &m->conf);
    *conf = m->conf;
    return m->found;
}

qx_status qx__calibrate(qx__doc *d) {
    const qx_extractor *ex = d->ex;
    calib_memo memo[QX__CALIB_MEMO] = {{0}};
    size_t next = 0, o = 0;
    for (size_t k = 0; k < d->recs.len; k++) {
        qx__rec *r = &QX__AT(d->recs, qx__rec, k);
        int has_speaker = r->mention.start != QX_UNSET || r->speaker_off != QX_UNSET;
        if (has_speaker && ex->n_calib) {
            double c;
            if (lookup_memo(ex, memo, &next, r->rule_name ? r->rule_name : "none",
                            record_feature(d, r), &c))
                r->confidence = c;
        }
        /* result.c reports 0 for a record without a speaker */
        double eff = has_speaker ? r->confidence : 0.0;
        if (eff < ex->min_confidence)
            continue;
        /* records are only read by result assembly from here on, so
         * dropping one needs no index fix-up */
        if (o != k)
            QX__AT(d->recs, qx__rec, o) = *r;
        o++;
    }
    d->recs.len = o;
    return QX_OK;
}
