"""A text with its quotes, for notebooks: ``quoteex.extract_document(text)``.

In Jupyter the Document shows the article with every quote highlighted in its
speaker's colour and labelled with the speaker's name, then a compact table of
the quotes. In a terminal its repr is one short line.
"""
from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._quoteex import Extractor, Quote

if TYPE_CHECKING:
    import pandas

# Light backgrounds that stay readable under black text and differ from one
# another; speakers past the tenth reuse them in order.
PALETTE = ("#ffe08a", "#a8e6cf", "#ffb3ba", "#bae1ff", "#d7b9f5",
           "#ffd1a9", "#c7f0a3", "#f5b9e4", "#b9f0f0", "#e6d3a3")
# Quotes nobody is said to have said.
UNATTRIBUTED = "#dddddd"
UNKNOWN_LABEL = "unattributed"


class Document:
    """A text and the quotes found in it.

    ``text`` is the text as given and ``quotes`` the list of Quote, whose
    offsets are str indices into ``text``. Build one with
    :func:`quoteex.extract_document`.
    """

    __slots__ = ("text", "quotes")

    def __init__(self, text: str, quotes: Sequence[Quote]) -> None:
        self.text = text
        self.quotes = list(quotes)

    def __repr__(self) -> str:
        head = self.text[:40].replace("\n", " ")
        more = "..." if len(self.text) > 40 else ""
        speakers = ", ".join(f"{name} ({n})" for name, n in self.speaker_counts().most_common(3))
        return (f"<quoteex.Document {len(self.text)} chars, {len(self.quotes)} quotes"
                + (f"; {speakers}" if speakers else "") + f": {head!r}{more}>")

    def speaker_counts(self) -> Counter[str]:
        """How many quotes each named speaker has (unattributed quotes left out)."""
        return Counter(q.speaker for q in self.quotes if q.speaker is not None)

    def speaker_colours(self) -> dict[str | None, str]:
        """The background colour of each speaker, in order of first quote; None
        (no speaker) is grey."""
        colours: dict[str | None, str] = {}
        for q in self.quotes:
            if q.speaker is None:
                colours.setdefault(None, UNATTRIBUTED)
            elif q.speaker not in colours:
                named = sum(1 for k in colours if k is not None)
                colours[q.speaker] = PALETTE[named % len(PALETTE)]
        return colours

    def to_dataframe(self) -> pandas.DataFrame:
        """The quotes as a pandas DataFrame (see :func:`quoteex.to_dataframe`)."""
        from . import to_dataframe
        return to_dataframe(self.quotes)

    def _repr_html_(self) -> str:
        """The highlighted article and a table of the quotes, for Jupyter."""
        return render_html(self.text, self.quotes, self.speaker_colours())


def _pieces(quotes: Sequence[Quote]) -> list[tuple[int, int, Quote, bool]]:
    """(start, end, quote, is_last_piece) for every marked segment, in text
    order, with overlaps clipped so each character is highlighted once (a
    quote nested in another, or reported speech around a direct quote, keeps
    the part not already shown)."""
    raw: list[tuple[int, int, Quote, bool]] = []
    for q in quotes:
        segs = q.outer_segments or ((q.start, q.end),)
        for i, (s, e) in enumerate(segs):
            raw.append((s, e, q, i == len(segs) - 1))
    raw.sort(key=lambda p: (p[0], -p[1]))
    out: list[tuple[int, int, Quote, bool]] = []
    pos = 0
    for s, e, q, last in raw:
        s = max(s, pos)
        if s < e:
            out.append((s, e, q, last))
            pos = e
    return out


def _label(q: Quote) -> str:
    return q.speaker if q.speaker is not None else UNKNOWN_LABEL


def render_html(text: str, quotes: Sequence[Quote], colours: dict[str | None, str]) -> str:
    """HTML of text with each quote in its speaker's colour, labelled with the
    speaker after its last piece, a legend and a table. Every piece of text is
    escaped, so markup in the article shows as text."""
    esc = html.escape
    parts = ['<div class="quoteex-document" style="font-family: Georgia, serif; '
             'line-height: 1.6; max-width: 52em">']
    legend = " ".join(
        f'<span style="background:{c}; padding: 0 .4em; border-radius: 3px">'
        f"{esc(name if name is not None else UNKNOWN_LABEL)}</span>"
        for name, c in colours.items())
    parts.append(f'<div style="font-family: sans-serif; font-size: 90%; margin-bottom: .6em">'
                 f"<b>{len(quotes)} quotes</b> {legend}</div>")
    parts.append('<div style="white-space: pre-wrap">')
    pos = 0
    for s, e, q, last in _pieces(quotes):
        parts.append(esc(text[pos:s]))
        colour = colours.get(q.speaker, UNATTRIBUTED)
        title = f"{_label(q)} \u2014 {q.kind}, {q.rule}, confidence {q.confidence:.2f}"
        border = "dashed" if q.kind == "indirect" else "solid"
        parts.append(f'<mark title="{esc(title)}" style="background:{colour}; '
                     f'border-bottom: 2px {border} #555; padding: 0 1px">{esc(text[s:e])}</mark>')
        if last:
            parts.append(f'<sub style="font-family: sans-serif; font-size: 70%; '
                         f'background:{colour}; padding: 0 .3em; border-radius: 3px; '
                         f'margin-left: 2px; white-space: nowrap">{esc(_label(q))}</sub>')
        pos = e
    parts.append(esc(text[pos:]))
    parts.append("</div>")
    parts.append(_table_html(quotes, colours))
    parts.append("</div>")
    return "".join(parts)


def _table_html(quotes: Sequence[Quote], colours: dict[str | None, str]) -> str:
    esc = html.escape
    cell = 'style="border-top: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top"'
    head = "".join(f"<th {cell}>{h}</th>" for h in
                   ("#", "speaker", "kind", "cue", "quote", "confidence", "rule"))
    rows = []
    for n, q in enumerate(quotes, 1):
        words = q.text if len(q.text) <= 80 else q.text[:77] + "..."
        values: list[Any] = [n, _label(q), q.kind, q.cue_text or "", words,
                             f"{q.confidence:.2f}", q.rule]
        colour = colours.get(q.speaker, UNATTRIBUTED)
        tds = []
        for i, v in enumerate(values):
            bg = f' bgcolor="{colour}" nowrap' if i == 1 else ""
            tds.append(f"<td {cell}{bg}>{esc(str(v))}</td>")
        rows.append(f"<tr>{''.join(tds)}</tr>")
    return (f'<table style="border-collapse: collapse; font-family: sans-serif; '
            f'font-size: 85%; margin-top: 1em"><tr>{head}</tr>{"".join(rows)}</table>')


def extract_document(text: str, extractor: Extractor | None = None, **options: Any) -> Document:
    """Extract the quotes of text into a Document that displays itself in a
    notebook.

    Uses ``extractor`` when given, else the cached Extractor for ``options``
    (the keyword arguments of :class:`quoteex.Extractor`), as
    :func:`quoteex.extract` does.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_document() needs str, not {type(text).__name__}")
    if extractor is not None:
        if options:
            raise TypeError("extract_document(): give either extractor or options, not both")
        return Document(text, extractor.extract(text))
    from . import extract
    return Document(text, extract(text, **options))
