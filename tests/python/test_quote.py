"""The Quote type: attributes, as_dict, repr, equality, hashing, pickling."""
import pickle

import pytest

import quoteex
from samples import SIMPLE, SPLIT


@pytest.fixture(scope="module")
def quote():
    quotes = quoteex.Extractor().extract(SIMPLE)
    assert quotes
    return quotes[0]


def test_attribute_types(quote):
    assert isinstance(quote.text, str)
    assert isinstance(quote.start, int) and isinstance(quote.end, int)
    assert all(isinstance(s, tuple) and len(s) == 2 for s in quote.segments)
    assert len(quote.outer_segments) == len(quote.segments)
    assert quote.kind in ("direct", "mixed", "indirect")
    assert quote.speaker is None or isinstance(quote.speaker, str)
    assert isinstance(quote.rule, str) and quote.rule
    assert 0.0 <= quote.confidence <= 1.0
    for flag in ("continued", "unclosed", "pronoun", "inherited", "nested"):
        assert isinstance(getattr(quote, flag), bool)


def test_as_dict(quote):
    d = quote.as_dict()
    assert tuple(d) == quoteex.QUOTE_FIELDS
    for name, value in d.items():
        assert getattr(quote, name) == value
    assert quoteex.to_records([quote]) == [d]


def test_repr(quote):
    r = repr(quote)
    assert r.startswith(f"<Quote {quote.kind} ")
    assert f"rule={quote.rule!r}" in r
    assert f"speaker={quote.speaker!r}" in r
    assert len(r) < 200


def test_repr_shortens_long_text():
    (q,) = quoteex.Extractor().extract(SPLIT)
    assert "\u2026" in repr(q)


def test_equality_and_hash(quote):
    again = quoteex.Extractor().extract(SIMPLE)[0]
    assert again == quote and not (again != quote)
    assert hash(again) == hash(quote)
    assert len({quote, again}) == 1
    assert quote != "not a quote"


def test_immutable(quote):
    with pytest.raises(AttributeError):
        quote.text = "changed"
    with pytest.raises(TypeError):
        quoteex.Quote()
    with pytest.raises(TypeError):
        class Sub(quoteex.Quote):  # noqa: F841 - subclassing is refused
            pass


def test_pickle_round_trip(quote):
    assert pickle.loads(pickle.dumps(quote)) == quote
