"""quoteex: find quotes in news text and say who said them.

Offsets: for ``str`` input every position is a ``str`` index, so
``text[q.start:q.end]`` is the quote with its marks; for ``bytes`` input every
position is a byte offset into the UTF-8 data.

    >>> import quoteex
    >>> ex = quoteex.Extractor()                 # compile once, share between threads
    >>> for q in ex.extract(text):
    ...     print(q.text, q.speaker, q.rule)
    >>> quoteex.extract(text)                    # the same through a cached Extractor
    >>> quoteex.extract_many(texts, threads=2)   # a batch, in order, on two threads

The work is done by libquote, a C library on PCRE2, compiled into
``quoteex._quoteex``; this package only adds conveniences.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._quoteex import (
    QUOTE_FIELDS,
    Extractor,
    LexiconError,
    PatternError,
    Quote,
    QuoteexError,
    ResourceLimitError,
    __version__,
    libquote_version,
    pcre2_version,
)
from .document import Document, extract_document
from .rows import ROW_FIELDS, ROW_SCHEMA, to_rows

from .verify import Verification, group_quotes, verify, verify_many

if TYPE_CHECKING:
    import pandas

__all__ = [
    "QUOTE_FIELDS", "ROW_FIELDS", "ROW_SCHEMA", "Document", "Extractor", "LexiconError",
    "PatternError", "Quote", "QuoteexError", "ResourceLimitError", "Verification", "__version__",
    "extract", "extract_document", "extract_many", "group_quotes", "libquote_version",
    "pcre2_version", "to_dataframe", "to_records", "to_rows", "verify", "verify_many",
]

_DICT = ("<dict>",)  # marks a frozen dict, so it cannot collide with a frozen list of pairs


def _freeze(value: Any) -> Any:
    """A hashable equivalent of an option value (iterators are consumed into tuples)."""
    if isinstance(value, dict):
        return (_DICT, tuple(sorted((k, _freeze(v)) for k, v in value.items())))
    if isinstance(value, (str, bytes, os.PathLike)) or not isinstance(value, Iterable):
        return value
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(value))
    return tuple(_freeze(v) for v in value)


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and value[0] is _DICT:
        return {k: _thaw(v) for k, v in value[1]}
    return value


# Each cached Extractor holds its compiled rules (a few MiB with JIT at most),
# so at most 16 option sets are kept.
@functools.lru_cache(maxsize=16)
def _cached_extractor(frozen: tuple[tuple[str, Any], ...]) -> Extractor:
    return Extractor(**{k: _thaw(v) for k, v in frozen})


def _extractor_for(options: dict[str, Any]) -> Extractor:
    """The cached Extractor for these options (a fresh one if they are unhashable)."""
    frozen = tuple(sorted((k, _freeze(v)) for k, v in options.items()))
    try:
        hash(frozen)
    except TypeError:  # an unhashable option value: build an Extractor just for this call
        return Extractor(**{k: _thaw(v) for k, v in frozen})
    return _cached_extractor(frozen)


def extract(text: str | bytes, **options: Any) -> list[Quote]:
    """Extract quotes from text with an Extractor built from options.

    The Extractor is cached per distinct set of options (up to 16), so repeated
    calls do not recompile the rules. options are Extractor's keyword arguments,
    e.g. ``min_confidence=0.8`` to keep only records whose calibrated
    confidence is at least 0.8 (higher precision, lower recall).
    """
    return _extractor_for(options).extract(text)


def extract_many(texts: Iterable[str | bytes], threads: int = 1,
                 **options: Any) -> list[list[Quote]]:
    """Extract quotes from each text, on threads threads, with a cached Extractor.

    Returns one list of Quote per text, in input order, exactly as
    ``[extract(t, **options) for t in texts]`` would; see Extractor.extract_many.
    """
    return _extractor_for(options).extract_many(texts, threads=threads)


def to_records(quotes: Iterable[Quote]) -> list[dict[str, Any]]:
    """The quotes as a list of plain dicts (Quote.as_dict()), e.g. for JSON."""
    return [q.as_dict() for q in quotes]


def to_dataframe(quotes: Iterable[Quote]) -> pandas.DataFrame:
    """The quotes as a pandas DataFrame, one row per quote, columns QUOTE_FIELDS.

    pandas is imported only here; install it with ``pip install quoteex[pandas]``.
    """
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            "quoteex.to_dataframe() needs pandas; install it with: pip install quoteex[pandas]"
        ) from exc
    return pandas.DataFrame.from_records(to_records(quotes), columns=list(QUOTE_FIELDS))
