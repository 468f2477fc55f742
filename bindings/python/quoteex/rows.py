"""Flat rows of quotes for tables that want scalar columns: Parquet, Spark,
Dask, SQL. One row per quote, every value a str, int, float or None.

    for row in quoteex.to_rows(quotes, doc_id="a.txt"): ...
    spark.createDataFrame(rdd_of_rows, schema=quoteex.ROW_SCHEMA)
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._quoteex import Quote

# Column names in order; ``role`` and ``cue`` are the words, not their spans,
# and start/end are str indices into the document (marks included).
ROW_FIELDS: tuple[str, ...] = (
    "doc_id", "n", "kind", "start", "end", "text", "speaker", "speaker_text", "role",
    "cue", "cue_lemma", "rule", "confidence",
)

# The same columns as a Spark DDL schema string (also readable by humans).
ROW_SCHEMA = (
    "doc_id STRING, n INT, kind STRING, start INT, end INT, text STRING, speaker STRING, "
    "speaker_text STRING, role STRING, cue STRING, cue_lemma STRING, rule STRING, "
    "confidence DOUBLE"
)


def to_rows(quotes: Iterable[Quote], doc_id: str | None = None) -> list[dict[str, Any]]:
    """One flat dict per quote, keys ROW_FIELDS; n numbers the quotes of the
    document from 0."""
    return [{"doc_id": doc_id, "n": n, "kind": q.kind, "start": q.start, "end": q.end,
             "text": q.text, "speaker": q.speaker, "speaker_text": q.speaker_text,
             "role": q.role_text, "cue": q.cue_text, "cue_lemma": q.cue_lemma, "rule": q.rule,
             "confidence": q.confidence}
            for n, q in enumerate(quotes)]
