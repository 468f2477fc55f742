"""Fact-checking: does an article attribute a quote to a person?

    >>> r = quoteex.verify(article, "we have waited long enough", "Rahm Emanuel")
    >>> r.verdict, r.match, r.speaker, r.confidence
    ('attributed', 'partial', 'Rahm Emanuel', 0.93)
    >>> article[r.start:r.end]          # the article's words that matched
    >>> r.quote.speaker_text, r.quote.cue_text, r.quote.rule   # the evidence

The search and the judgement are libquote's (qx_verify): words are compared
casefolded without punctuation or quote marks, so a claim may be partial,
re-punctuated, differently quoted, elided (``…`` or ``...`` skips article
words) or lightly altered; the speaker is the extractor's attribution of the
record holding the words, and names match in the forms people write
(Emanuel, Rahm Emanuel, Ambassador Emanuel, Mr. Emanuel) but never on a
shared first name alone.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Sequence

from ._quoteex import Extractor, Quote

VERDICTS = ("not_found", "attributed", "attributed_to_other", "unattributed")
MATCHES = (None, "exact", "partial", "altered")


@dataclass(frozen=True)
class Verification:
    """The answer of verify(): a verdict, how the words matched, and the evidence.

    Offsets are str indices: ``text[start:end]`` are the article's words that
    matched the claim; ``quote`` is the extracted record holding them (its
    segments, speaker mention, cue, rule and confidence are the evidence).
    """

    verdict: str                 # attributed | attributed_to_other | unattributed | not_found
    match: str | None            # exact | partial | altered, None when not found
    claim: str
    claimed_speaker: str | None
    speaker: str | None          # the speaker the article gives, or None
    quote: Quote | None
    start: int | None
    end: int | None
    confidence: float            # calibrated; 0 when unattributed or not found
    differences: tuple[tuple[str | None, str | None], ...]  # (claimed word, article word)
    difference_spans: tuple[tuple[tuple[int, int] | None, tuple[int, int] | None], ...]

    @property
    def other(self) -> str | None:
        """The speaker the article names instead, for attributed_to_other."""
        return self.speaker if self.verdict == "attributed_to_other" else None

    @property
    def speaker_mention(self) -> tuple[int, int] | None:
        """(start, end) of the mention the article's attribution rests on, or None."""
        return self.quote.speaker_mention if self.quote else None

    @property
    def cue(self) -> tuple[int, int] | None:
        """(start, end) of the cue words ('said', 'told reporters'), or None."""
        return self.quote.cue if self.quote else None

    @property
    def rule(self) -> str | None:
        """The rule that attributed the record holding the words, or None."""
        return self.quote.rule if self.quote else None

    def __bool__(self) -> bool:
        """True only for the verdict "attributed"."""
        return self.verdict == "attributed"


def _extractor(extractor: Extractor | None, options: dict[str, Any]) -> Extractor:
    if extractor is not None:
        if options:
            raise TypeError("pass either an Extractor or Extractor options, not both")
        return extractor
    from . import _extractor_for
    return _extractor_for(options)


def _build(text: str, claim: str, speaker: str | None, quotes: list[Quote],
           raw: tuple[Any, ...]) -> Verification:
    verdict, match, qi, span, conf, diffs = raw
    quote = quotes[qi] if qi is not None else None
    words = tuple((claim[c[0]:c[1]] if c else None, text[f[0]:f[1]] if f else None)
                  for c, f in diffs)
    return Verification(
        verdict=VERDICTS[verdict], match=MATCHES[match], claim=claim, claimed_speaker=speaker,
        speaker=quote.speaker if quote is not None and verdict in (1, 2) else None,
        quote=quote, start=span[0] if span else None, end=span[1] if span else None,
        confidence=conf, differences=words, difference_spans=tuple(tuple(d) for d in diffs))


def verify_many(text: str, claims: Iterable[tuple[str, str | None]], *,
                extractor: Extractor | None = None, **options: Any) -> list[Verification]:
    """verify() for many (claim, speaker) pairs against one article, extracting it once."""
    pairs = [(c, s) for c, s in claims]
    ex = _extractor(extractor, options)
    quotes, raws = ex.verify(text, pairs)
    return [_build(text, c, s, quotes, raw) for (c, s), raw in zip(pairs, raws)]


def verify(text: str, quote: str, speaker: str | None = None, *,
           extractor: Extractor | None = None, **options: Any) -> Verification:
    """Does text attribute quote to speaker? See the module docstring.

    With speaker None the verdict is "attributed" when the article gives any
    speaker for the words (Verification.speaker names them). options are
    Extractor keyword arguments (a cached Extractor is used), or pass extractor;
    min_confidence=0.5 makes a stricter verifier (weaker records establish no
    speaker: their words are "unattributed").
    """
    return verify_many(text, [(quote, speaker)], extractor=extractor, **options)[0]


def group_quotes(items: Iterable[Any] | Mapping[Hashable, Any], **options: Any,
                 ) -> dict[str, list[tuple[Hashable | None, Quote]]]:
    """Cluster quotes of many articles by Quote.key: the same quote in reprinted copies.

    items may be a mapping {doc_id: text or quotes}, or an iterable of Quote
    objects, of texts (str, extracted with options; doc_id is the position),
    or of (doc_id, text or quotes) pairs. Returns {key: [(doc_id, Quote), ...]}
    in order of first appearance; doc_id is None for bare Quote items.
    """
    pairs: Iterable[Any] = items.items() if isinstance(items, Mapping) else items
    groups: dict[str, list[tuple[Hashable | None, Quote]]] = {}
    ex: Extractor | None = None

    def quotes_of(value: Any) -> Sequence[Quote]:
        nonlocal ex
        if isinstance(value, str):
            if ex is None:
                ex = _extractor(None, options)
            return ex.extract(value)
        return list(value)

    for pos, item in enumerate(pairs):
        qs: Sequence[Quote]
        if isinstance(item, Quote):
            doc, qs = None, [item]
        elif isinstance(item, str):
            doc, qs = pos, quotes_of(item)
        else:
            doc, value = item
            qs = quotes_of(value)
        for q in qs:
            groups.setdefault(q.key, []).append((doc, q))
    return groups
