"""Short texts written for these tests (never taken from gold data or news)."""

# one direct quote, cue and name after it
SIMPLE = "The mayor spoke at noon.\n\n\u201cWe will rebuild the old bridge this year,\u201d said Alma Reyes.\n"

# the surname-only mention must resolve to the full name given earlier
SURNAME = (
    "Harbor Safety Board spokesperson Delia Marsh told reporters the ferry would stay docked.\n\n"
    "\u201cWe are still checking every hull before anyone sails again,\u201d Marsh said.\n"
)

# a quote interrupted by its attribution: one quote, two segments, role before the name
SPLIT = (
    "\u201cThe port will reopen before the winter storms,\u201d said former U.S. ambassador to "
    "Chile Marta Quiroga. \u201cNobody in the harbor should doubt that.\u201d\n"
)

# non-ASCII before and inside the quote, to tell str indices from byte offsets
NON_ASCII = (
    "Z\u00fcrich \u2014 The caf\u00e9 owner \U0001F375 Zo\u00eb M\u00fcller opened early.\n\n"
    "\u201cWe bake every cr\u00eape from scratch, even on Sundays,\u201d said Zo\u00eb M\u00fcller.\n"
)

# an invented cue verb the built-in lexicon does not know
HARRUMPH = "\u201cThis budget is a disgrace to the whole valley,\u201d harrumphed Ida Fenwick.\n"

# several paragraphs for the thread test
LONG = "\n\n".join([SIMPLE, SURNAME, SPLIT, NON_ASCII] * 5)
