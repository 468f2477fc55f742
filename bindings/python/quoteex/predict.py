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


def quote_record(q: Quote) -> dict[str, Any] | None:
    """One quote in the prediction format, or None when it has no non-empty segment.

    The scorer rejects a whole file for one empty segment, so those are dropped.
    """
    segments = [[s, e] for s, e in q.segments if s < e]
    if not segments:
        return None
    mention = q.speaker_mention
    return {
        "segments": segments,
        "speaker": q.speaker,
        "speaker_mention": list(mention) if mention and mention[0] < mention[1] else None,
        "kind": q.kind,
        "span": [segments[0][0], segments[-1][1]],
    }


def predict(extractor: Extractor, doc_id: str, text: str,
            quotes: list[Quote] | None = None) -> tuple[dict[str, Any], list[Quote]]:
    """The prediction line for one document, and the quotes behind its records, in order.

    quotes, when given, are extractor's result for text, already computed.
    """
    records, kept = [], []
    for q in extractor.extract(text) if quotes is None else quotes:
        rec = quote_record(q)
        if rec is not None:
            records.append(rec)
            kept.append(q)
    return {"id": doc_id, "quotes": records}, kept


def dumps(record: dict[str, Any]) -> str:
    """One JSON line, non-ASCII kept as is."""
    return json.dumps(record, ensure_ascii=False)
