/* Whether a claimed speaker and the speaker an article gives are the same
 * person. People write a name in many forms (Emanuel, Rahm Emanuel,
 * Ambassador Emanuel, Mr. Emanuel, "Rep. Adam Schiff, the top Democrat on
 * ..."), so each side is reduced to the words of its name: titles and role
 * words dropped, a possessive or a modifier ("Republican presidential
 * candidate") not taken for a name. Two names agree when their last words
 * agree and the first name of one, when both give one, occurs in the other.
 * A shared first name alone never confirms: a wrong confirmation is the worst
 * error a fact-checking tool can make. */
#include "internal.h"

#define MAX_WORDS 12

typedef struct word {
    uint64_t hash;
    uint32_t first; /* first folded letter */
    size_t n;       /* letters and digits */
} word;

typedef struct name {
    word w[MAX_WORDS];
    size_t n;
    int is_name; /* 0: a description ("a spokeswoman"), compared word for word */
} name;

typedef struct raw {
    const char *s;
    size_t n;
    int stop;       /* ends in , ; : or ) -- nothing after it belongs to the name */
    int possessive; /* ends in 's */
    int opens, closes; /* a parenthesis before or after it */
} raw;

static int ascii_lower_eq(const char *s, size_t n, const char *lit) {
    size_t k = strlen(lit);
    if (n != k)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
        if (c != lit[i])
            return 0;
    }
    return 1;
}

static int in_list(const char *s, size_t n, const char *const *list) {
    for (; *list; list++)
        if (ascii_lower_eq(s, n, *list))
            return 1;
    return 0;
}

static const char *const determiners[] = {"the", "a", "an", NULL};
static const char *const particles[] = {"de", "da", "del", "della", "der", "den", "van", "von",
                                        "la", "le", "du", "di", "bin", "ibn", "al", "el", "ben", NULL};
static const char *const suffixes[] = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", NULL};
/* Lower-case words that may follow a name without making it a modifier. */
static const char *const after_name[] = {"of", "who", "whose", "which", "that", "said", "says",
                                         "and", "at", "in", "from", "for", "with", "on", "to",
                                         "told", "according", "as", "is", "was", "has", "had",
                                         "added", "wrote", "by", NULL};

static int is_title(const qx__lexicons *lx, const char *s, size_t n) {
    char buf[64];
    if (n == 0 || n + 2 > sizeof buf)
        return 0;
    if (qx__words_has(&lx->titles, s, n))
        return 1;
    memcpy(buf, s, n);
    buf[n] = '.';
    if (qx__words_has(&lx->titles, buf, n + 1))
        return 1;
    /* role nouns are stored lower-case; "Spokeswoman", "Ambassador" */
    size_t m = n;
    while (m && buf[m - 1] == '.')
        m--;
    for (size_t i = 0; i < m; i++)
        if (buf[i] >= 'A' && buf[i] <= 'Z')
            buf[i] = (char)(buf[i] + 32);
    if (m && qx__words_has(&lx->roles, buf, m))
        return 1;
    return m > 1 && buf[m - 1] == 's' && qx__words_has(&lx->roles, buf, m - 1);
}

static int is_pronoun(const qx__lexicons *lx, const raw *r) {
    return qx__pronoun_find(lx, r->s, r->n) != NULL;
}

static int starts_upper(const char *s, size_t n) {
    size_t k;
    return n && qx__is_upper(qx__utf8_at(s, n, 0, &k));
}

static size_t split(const char *s, size_t len, raw *out, size_t max) {
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '(' ||
                           s[i] == '"'))
            i++;
        size_t b = i;
        while (i < len && s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
            i++;
        if (i == b)
            break;
        raw *r = &out[n];
        r->s = s + b;
        r->n = i - b;
        r->stop = r->possessive = r->closes = 0;
        r->opens = b > 0 && s[b - 1] == '(';
        while (r->n && strchr(",;:)\"", r->s[r->n - 1])) {
            r->closes |= r->s[r->n - 1] == ')';
            r->stop |= r->s[r->n - 1] != '"' && r->s[r->n - 1] != ')';
            r->n--;
        }
        if (r->n > 2 && r->s[r->n - 1] == 's' && r->s[r->n - 2] == '\'') {
            r->possessive = 1;
            r->n -= 2;
        } else if (r->n > 4 && r->s[r->n - 1] == 's' && !memcmp(r->s + r->n - 4, "\xE2\x80\x99", 3)) {
            r->possessive = 1;
            r->n -= 4;
        }
        if (r->n)
            n++;
    }
    return n;
}

static void add_word(name *nm, const raw *r) {
    if (nm->n >= MAX_WORDS)
        return;
    word *w = &nm->w[nm->n];
    w->hash = qx__word_hash(r->s, r->n, &w->first, &w->n);
    if (w->n)
        nm->n++;
}

static int starts_letter(const raw *r) {
    unsigned char c = (unsigned char)r->s[0];
    return (c & 0x80) || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Words that may follow a name in a source phrase without being its head
 * noun: "Pollak of Breitbart", "Reid (D-Nev.)", "Obama said". */
static int neutral(const raw *r) {
    return in_list(r->s, r->n, after_name) || in_list(r->s, r->n, determiners) || !starts_letter(r);
}

static void parse(const qx__lexicons *lx, const char *s, size_t len, name *out) {
    raw all[48], words[48];
    size_t n_all = split(s, len, all, 48), n = 0;
    /* a name typed all in lower case ("rahm emanuel") has no capitals to go by */
    int no_caps = 1;
    for (size_t i = 0; i < n_all && no_caps; i++)
        for (size_t k = 0; k < all[i].n; k++)
            no_caps &= !(all[i].s[k] >= 'A' && all[i].s[k] <= 'Z') && (unsigned char)all[i].s[k] < 0x80;
    /* The head region: up to the first comma or relative pronoun, without
     * parentheses ("Harry Reid (D-Nev.)"). */
    int paren = 0;
    for (size_t i = 0; i < n_all; i++) {
        const raw *r = &all[i];
        if (r->opens)
            paren = 1;
        if (!paren) {
            if (in_list(r->s, r->n, (const char *const[]){"who", "whose", "which", "that", NULL}))
                break;
            words[n++] = *r;
        }
        if (paren && r->closes)
            paren = 0;
        if (!paren && r->stop)
            break;
    }
    /* Name words: capitalised, initials, particles inside a name. */
    int is_nw[48] = {0};
    for (size_t i = 0; i < n; i++) {
        const raw *r = &words[i];
        int upper = starts_upper(r->s, r->n);
        if (no_caps)
            upper = starts_letter(r) && !in_list(r->s, r->n, determiners) &&
                    !in_list(r->s, r->n, after_name) && !is_pronoun(lx, r);
        is_nw[i] = upper;
    }
    for (size_t i = 0; i + 1 < n; i++) /* "de Blasio", "Ludwig van Beethoven" */
        if (!is_nw[i] && in_list(words[i].s, words[i].n, particles) && is_nw[i + 1])
            is_nw[i] = 1;
    /* "Joel Pollak of Breitbart": the name is before "of" ... unless what is
     * before it is a role: "Former Secretary of State Hillary Clinton". */
    size_t end = n;
    for (size_t i = 1; i + 1 < n; i++) {
        if (!in_list(words[i].s, words[i].n, (const char *const[]){"of", "in", "at", "from", "for", "with", "on", NULL}))
            continue;
        if (!is_title(lx, words[i - 1].s, words[i - 1].n))
            end = i;
        break;
    }
    /* The last run of name words is the name, unless a head noun follows it
     * ("Republican presidential candidate") or it is a possessor. */
    memset(out, 0, sizeof *out);
    size_t rb = end, re = end;
    for (size_t i = end; i-- > 0;) {
        if (is_nw[i]) {
            re = i + 1;
            rb = i;
            while (rb > 0 && is_nw[rb - 1] && !words[rb - 1].possessive)
                rb--;
            break;
        }
    }
    int head_noun = 0;
    for (size_t i = re; i < end; i++)
        head_noun |= !neutral(&words[i]);
    if (rb < re && !head_noun && !words[re - 1].possessive) {
        /* titles and roles in front are dropped, never the last word: "Mr. King" */
        while (rb + 1 < re && is_title(lx, words[rb].s, words[rb].n))
            rb++;
        for (size_t i = rb; i < re; i++)
            if (!in_list(words[i].s, words[i].n, suffixes) || i == rb)
                add_word(out, &words[i]);
        out->is_name = out->n > 0;
        if (out->is_name)
            return;
    }
    /* No name: a description, compared word for word. */
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++)
        if (!in_list(words[i].s, words[i].n, determiners))
            add_word(out, &words[i]);
}

static int has_word(const name *nm, size_t upto, const word *w) {
    for (size_t i = 0; i < upto; i++) {
        const word *x = &nm->w[i];
        if (x->hash == w->hash)
            return 1;
        /* an initial: "R. Emanuel" */
        if ((x->n == 1 || w->n == 1) && x->first == w->first)
            return 1;
    }
    return 0;
}

int qx__same_speaker(const qx__lexicons *lx, const char *claimed, size_t clen, const char *given,
                     size_t glen) {
    name a, b;
    if (!claimed || !given)
        return 0;
    parse(lx, claimed, clen, &a);
    parse(lx, given, glen, &b);
    if (!a.n || !b.n || a.is_name != b.is_name)
        return 0;
    if (!a.is_name) {
        if (a.n != b.n)
            return 0;
        for (size_t i = 0; i < a.n; i++)
            if (a.w[i].hash != b.w[i].hash)
                return 0;
        return 1;
    }
    if (a.w[a.n - 1].hash != b.w[b.n - 1].hash)
        return 0;
    if (a.n == 1 || b.n == 1)
        return 1; /* a surname: "Emanuel", "Mr. Emanuel" */
    return has_word(&b, b.n - 1, &a.w[0]) || has_word(&a, a.n - 1, &b.w[0]);
}
