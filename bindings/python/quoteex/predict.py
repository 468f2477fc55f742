"""Gold-style JSONL documents in, prediction records out.

The prediction format is the one the quoteex scorer reads (shared/eval/README.md
§3): one line per document, ``{"id", "quotes": [{"segments", "speaker",
"speaker_mention", "kind", "span"}]}`` with str offsets. The CLI's
``--input jsonl`` and ``python -m quoteex.evaluate`` both go through here, so
what is evaluated is exactly what the CLI prints.
"""
from __future__ import annotations

import json
import re
from typing import IO, Any, Iterator

from ._quoteex import Extractor, Quote

# a str from JSON may hold lone surrogates ("\ud800"), which UTF-8 cannot encode
_SURROGATE = re.compile("[\ud800-\udfff]")


class InputError(Exception):
    """A document line that cannot be read; the message names the file and line."""


def read_documents(stream: IO[str], name: str) -> Iterator[tuple[int, str, str]]:
    """Yield (line number, id, text) for each non-blank JSON line of stream."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{lineno}: invalid JSON ({exc})") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise InputError(f"{name}:{lineno}: expected an object with a string 'text'")
        doc_id = doc.get("id")
        if not isinstance(doc_id, str):
            raise InputError(f"{name}:{lineno}: expected a string 'id'")
        yield lineno, doc_id, doc["text"]


def safe_text(text: str) -> str:
    """text with each lone surrogate replaced by U+FFFD; lengths and offsets are kept."""
    return _SURROGATE.sub("\ufffd", text)


# where a sentence ends: a stop before white space (closing marks between), or a line
# break; not the stop of an initial or a title ("U.S.", "Mr.")
_STOP = "(?<!\\b[A-Z])(?<!\\bMr)(?<!\\bMrs)(?<!\\bMs)(?<!\\bDr)(?<!\\bSt)(?<!\\bJr)(?<!\\bSen)(?<!\\bRep)(?<!\\bGov)[.!?]"
_SENTENCE_END = re.compile(_STOP + "[\"'\u201d\u2019)\\]]*(?=\\s|$)|\n")


def clause_span(text: str, segments: list[list[int]], cue: tuple[int, int] | None) -> list[int]:
    """The reported clause of a mixed quote, which the format's span holds: from just
    after its cue, when the cue comes before the first fragment in the same sentence,
    to the end of the sentence the last fragment ends in ("said [the plan was “dead
    on arrival” in its current form]."), not just the quoted fragments."""
    start, end = segments[0][0], segments[-1][1]
    if cue and cue[1] <= start and not _SENTENCE_END.search(text, cue[1], start):
        start = cue[1]
        while start < segments[0][0] and (text[start].isspace() or text[start] in ",:"):
            start += 1
    if text[end - 1] not in ".!?":  # a fragment ending in a stop ends its sentence
        m = _SENTENCE_END.search(text, end)
        end = m.start() if m else len(text)
    return [start, end]


def quote_record(q: Quote, text: str | None = None) -> dict[str, Any] | None:
    """One quote in the prediction format, or None when it has no non-empty segment.

    The scorer rejects a whole file for one empty segment, so those are dropped.
    With the text, a mixed quote's span is its reported clause (clause_span);
    otherwise, and for other kinds, it runs from the first segment to the last.
    """
    segments = [[s, e] for s, e in q.segments if s < e]
    if not segments:
        return None
    mention = q.speaker_mention
    span = [segments[0][0], segments[-1][1]]
    if q.kind == "mixed" and text is not None:
        span = clause_span(text, segments, q.cue)
    return {
        "segments": segments,
        "speaker": q.speaker,
        "speaker_mention": list(mention) if mention and mention[0] < mention[1] else None,
        "kind": q.kind,
        "span": span,
    }


def predict(extractor: Extractor, doc_id: str, text: str,
            quotes: list[Quote] | None = None) -> tuple[dict[str, Any], list[Quote]]:
    """The prediction line for one document, and the quotes behind its records, in order.

    quotes, when given, are extractor's result for text, already computed.
    """
    records, kept = [], []
    for q in extractor.extract(text) if quotes is None else quotes:
        rec = quote_record(q, text)
        if rec is not None:
            records.append(rec)
            kept.append(q)
    return {"id": doc_id, "quotes": records}, kept


def dumps(record: dict[str, Any]) -> str:
    """One JSON line, non-ASCII kept as is."""
    return json.dumps(record, ensure_ascii=False)
