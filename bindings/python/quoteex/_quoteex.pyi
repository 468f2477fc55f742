"""Stubs for the native module quoteex._quoteex (bindings/python/_quoteex.c)."""
from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any, Final, Literal, final

__version__: Final[str]
libquote_version: Final[str]
pcre2_version: Final[str]
QUOTE_FIELDS: Final[tuple[str, ...]]

_Span = tuple[int, int]
_Path = str | bytes | PathLike[str] | PathLike[bytes]
_Text = str | bytes | bytearray | memoryview
_LexiconName = Literal["cue", "title", "role", "pronoun", "abbrev", "nonname", "org", "marks"]

class QuoteexError(Exception): ...

class PatternError(QuoteexError, ValueError):
    offset: int | None
    line: int | None

class LexiconError(QuoteexError, ValueError):
    line: int | None
    path: str | bytes | None

class ResourceLimitError(QuoteexError): ...

@final
class Quote:
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def segments(self) -> tuple[_Span, ...]: ...
    @property
    def outer_segments(self) -> tuple[_Span, ...]: ...
    @property
    def kind(self) -> Literal["direct", "mixed", "indirect"]: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def speaker_mention(self) -> _Span | None: ...
    @property
    def speaker_text(self) -> str | None: ...
    @property
    def role(self) -> _Span | None: ...
    @property
    def role_text(self) -> str | None: ...
    @property
    def cue(self) -> _Span | None: ...
    @property
    def cue_text(self) -> str | None: ...
    @property
    def cue_lemma(self) -> str | None: ...
    @property
    def rule(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def continued(self) -> bool: ...
    @property
    def unclosed(self) -> bool: ...
    @property
    def pronoun(self) -> bool: ...
    @property
    def inherited(self) -> bool: ...
    @property
    def nested(self) -> bool: ...
    def as_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Extractor:
    def __new__(
        cls,
        *,
        keep_pronouns: bool = False,
        indirect: bool = True,
        keep_unattributed: bool = False,
        single_quotes: bool = True,
        lenient_utf8: bool = False,
        jit: bool = True,
        max_quote_len: int | None = None,
        match_limit: int | None = None,
        heap_limit_kib: int | None = None,
        cue_verbs: Iterable[str] | None = None,
        titles: Iterable[str] | None = None,
        roles: Iterable[str] | None = None,
        lexicons: Mapping[_LexiconName, str] | None = None,
        lexicon_files: Mapping[_LexiconName, _Path] | None = None,
        replace_lexicons: Iterable[_LexiconName] | None = None,
        rules: str | None = None,
        rules_file: _Path | None = None,
        replace_rules: bool = False,
    ) -> Extractor: ...
    @property
    def rules(self) -> tuple[str, ...]: ...
    @property
    def uses_jit(self) -> bool: ...
    def extract(self, text: _Text, /) -> list[Quote]: ...
    def extract_with_diagnostics(
        self, text: _Text, /
    ) -> tuple[list[Quote], list[tuple[int | None, str]]]: ...

def _quote_from_state(state: tuple[Any, ...], /) -> Quote: ...
