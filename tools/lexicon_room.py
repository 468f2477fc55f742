"""How many words a user can add to one lexicon before the compiled rules
outgrow PCRE2's pattern size (README, "Rules and lexicons are data").

    python3 tools/lexicon_room.py [--max N]

Adds words of nine random letters (fixed seed; no shared prefixes for the
prefix trees to fold) to the role nouns, the titles or the cue verbs, one
lexicon at a time, and prints the largest count that still compiles.
Needs the package installed (pip install .).
"""
from __future__ import annotations

import argparse
import random
import string

import quoteex


def words(rng: random.Random, n: int, capitalised: bool) -> list[str]:
    out = ["".join(rng.choice(string.ascii_lowercase) for _ in range(9)) for _ in range(n)]
    return [w.capitalize() for w in out] if capitalised else out


def fits(kind: str, added: list[str]) -> bool:
    try:
        quoteex.Extractor(**{kind: added})
    except quoteex.PatternError:
        return False
    return True


def room(kind: str, pool: list[str]) -> int:
    lo, hi = 0, len(pool)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(kind, pool[:mid]):
            lo = mid
        else:
            hi = mid - 1
    return lo


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--max", type=int, default=3000, help="largest count tried (default: %(default)s)")
    args = p.parse_args()
    for kind, caps in (("roles", False), ("titles", True), ("cue_verbs", False)):
        n = room(kind, words(random.Random(1), args.max, caps))
        print(f"{kind}: {n}" + (" (the most tried)" if n == args.max else ""))


if __name__ == "__main__":
    main()
