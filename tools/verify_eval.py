#!/usr/bin/env python3
"""Acceptance measurement of quoteex.verify on a gold file (default PolNeAR dev).

    python3 tools/verify_eval.py [GOLD.jsonl] [--use-installed] [--show N]

For every gold quote with a named source, the claim is the gold quote's words
(its segments joined by " … ", as a reader marks left-out words between
quoted pieces; --join ' ' joins them with a space instead) and:
  * confirm rate: verify(text, claim, gold source) == "attributed";
  * wrong-confirmation rate: verify(text, claim, S) == "attributed" for every
    other named source S of the same document that is a different person
    (a different surname; sources sharing a surname, or with surnames spelt
    nearly alike, are skipped: the gold cannot tell whether they are one person).
The gold source is passed as annotated (PolNeAR sources are noun phrases such
as "Rep. Adam Schiff, the top Democrat on the committee,"); verify reduces it
to its name. A source is "named" when the head of its first noun phrase (the
words before the first comma, " of ", " in ", " at ", " who ") starts with a
capital and is not a possessive: "Joel Pollak of Breitbart" and "NBC News"
are named, "Republican officials", "he" and "John Kerry's partners" are not.
Reads the gold file at run time only. Builds this checkout first (see
tools/devbuild.py) unless --use-installed.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devbuild import ROOT, load_quoteex  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "eval-data" / "polnear-dev.jsonl"
_CUT = re.compile(r",|;|\(|\s(?:of|in|at|who|which|from|for|with|on)\s")
_POSSESSIVE = re.compile(r"['’]s?$")


def head_phrase(source: str) -> str:
    return _CUT.split(source, 1)[0].strip()


def surname(source: str) -> str | None:
    """The casefolded head word of a named source, else None."""
    words = head_phrase(source).split()
    if not words:
        return None
    head = words[-1]
    if not head[:1].isupper() or _POSSESSIVE.search(head):
        return None
    return re.sub(r"[^\w]", "", head.casefold()) or None


def same_person(sur: str, src: str, osur: str, other: str) -> bool:
    """Sources the gold may use for one person: a shared surname, one inside
    the other, or the same surname spelt slightly differently (Kiedis/Keidis)."""
    return (osur == sur or osur in src.casefold() or sur in other.casefold()
            or SequenceMatcher(None, sur, osur).ratio() >= 0.8)


JOIN = " … "


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--use-installed", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print N failures of each kind")
    ap.add_argument("--join", default=" … ",
                    help="joins the segments of a gold quote into the claim (default ' … ', "
                         "how a reader marks left-out words; try ' ')")
    ap.add_argument("--min-confidence", type=float, default=0.0,
                    help="Extractor min_confidence for verify (0.5: a stricter verifier)")
    args = ap.parse_args()
    global JOIN
    JOIN = args.join
    qx = load_quoteex(args.use_installed)
    ex = qx.Extractor(min_confidence=args.min_confidence)

    n_docs = n_quotes = n_named = 0
    confirm = Counter()
    match = Counter()
    n_pairs = wrong = 0
    quotes_with_wrong = 0
    skipped_same = 0
    shown = Counter()
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            n_docs += 1
            text = doc["text"]
            named = []
            for q in doc["quotes"]:
                n_quotes += 1
                src = q.get("speaker")
                if not src or q.get("mention_type") != "nominal" or surname(src) is None:
                    continue
                claim = JOIN.join(text[s:e] for s, e in q["segments"])
                if claim.strip():
                    named.append((claim, src, surname(src)))
            if not named:
                continue
            sources = {}
            for _, src, sur in named:
                sources.setdefault(src, sur)
            checks, owner = [], []
            for k, (claim, src, sur) in enumerate(named):
                checks.append((claim, src))
                owner.append((k, None))
                for other, osur in sources.items():
                    if other == src:
                        continue
                    if same_person(sur, src, osur, other):
                        skipped_same += 1
                        continue
                    checks.append((claim, other))
                    owner.append((k, other))
            results = qx.verify_many(text, checks, extractor=ex)
            wrong_here = set()
            for (k, other), r in zip(owner, results):
                claim, src, _ = named[k]
                if other is None:
                    n_named += 1
                    confirm[r.verdict] += 1
                    match[r.match] += 1
                    if r.verdict != "attributed" and shown[r.verdict] < args.show:
                        shown[r.verdict] += 1
                        print(f"[{r.verdict}/{r.match}] {doc['id']}: gold {src!r}; article gives "
                              f"{r.speaker!r} (rule {r.rule}); claim {claim[:80]!r}")
                else:
                    n_pairs += 1
                    if r.verdict == "attributed":
                        wrong += 1
                        wrong_here.add(k)
                        if shown["wrong"] < args.show:
                            shown["wrong"] += 1
                            print(f"[WRONG CONFIRMATION] {doc['id']}: claimed {other!r}, gold "
                                  f"{src!r}, article gives {r.speaker!r} (rule {r.rule}); "
                                  f"claim {claim[:80]!r}")
            quotes_with_wrong += len(wrong_here)

    att = confirm["attributed"]
    print(f"\ngold: {args.gold}: {n_docs} documents, {n_quotes} gold quotes, "
          f"{n_named} with a named source; claims joined by {JOIN!r}, "
          f"min_confidence {args.min_confidence}")
    print(f"confirm rate: verify(text, quote, gold source) == attributed for "
          f"{att}/{n_named} = {att / max(1, n_named):.2%}  (target >= 85%)")
    print("  verdicts: " + ", ".join(f"{k} {v} ({v / max(1, n_named):.1%})"
                                     for k, v in confirm.most_common()))
    print("  match:    " + ", ".join(f"{k} {v}" for k, v in match.most_common()))
    print(f"wrong-confirmation rate: verify(text, quote, another source of the document) == "
          f"attributed for {wrong}/{n_pairs} pairs = {wrong / max(1, n_pairs):.2%}  (target <= 1%)")
    print(f"  quotes with at least one wrong confirmation: {quotes_with_wrong}/{n_named} = "
          f"{quotes_with_wrong / max(1, n_named):.2%}; pairs skipped as a possible same person "
          f"(shared surname): {skipped_same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
