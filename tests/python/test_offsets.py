"""Offsets contract: str input gives str indices, bytes input gives byte offsets."""
import pytest

import quoteex
from samples import NON_ASCII, SIMPLE, SPLIT

MARKS = "\"\u201c\u201d\u2018\u2019'\u00ab\u00bb\u201e"


def spans(q):
    """Every (start, end) pair a quote carries."""
    out = [(q.start, q.end), *q.segments, *q.outer_segments]
    out += [s for s in (q.speaker_mention, q.role, q.cue) if s is not None]
    return out


@pytest.fixture(scope="module")
def ex():
    return quoteex.Extractor()


@pytest.mark.parametrize("text", [SIMPLE, NON_ASCII, SPLIT])
def test_str_offsets_are_str_indices(ex, text):
    quotes = ex.extract(text)
    assert quotes, "expected at least one quote"
    for q in quotes:
        for s, e in spans(q):
            assert 0 <= s <= e <= len(text)
        assert q.text == " ".join(text[s:e] for s, e in q.segments)
        assert text[q.start] in MARKS and text[q.end - 1] in MARKS
        for (os_, oe), (s, e) in zip(q.outer_segments, q.segments):
            assert os_ <= s <= e <= oe
        if q.speaker_mention is not None:
            assert text[slice(*q.speaker_mention)] == q.speaker_text
        if q.cue is not None:
            assert text[slice(*q.cue)] == q.cue_text
        if q.role is not None:
            assert text[slice(*q.role)] == q.role_text


def test_non_ascii_quote_text(ex):
    (q,) = ex.extract(NON_ASCII)
    assert q.text.startswith("We bake every cr\u00eape")
    assert NON_ASCII[q.start:q.end].startswith("\u201cWe bake")


@pytest.mark.parametrize("text", [SIMPLE, NON_ASCII])
def test_bytes_offsets_are_byte_offsets(ex, text):
    data = text.encode("utf-8")
    by_str, by_bytes = ex.extract(text), ex.extract(data)
    assert len(by_str) == len(by_bytes)
    for qs, qb in zip(by_str, by_bytes):
        for (s, e), (bs, be) in zip(spans(qs), spans(qb)):
            assert len(text[:s].encode()) == bs
            assert len(text[:e].encode()) == be
        assert qb.text == qs.text  # text attributes are str for bytes input too
        assert qb.speaker == qs.speaker
        assert data[qb.segments[0][0]:qb.segments[0][1]].decode() == text[slice(*qs.segments[0])]


@pytest.mark.parametrize("wrap", [bytearray, memoryview])
def test_buffers_behave_like_bytes(ex, wrap):
    data = NON_ASCII.encode()
    assert ex.extract(wrap(data)) == ex.extract(data)


def test_ascii_and_non_ascii_agree(ex):
    # the ASCII fast path and the mapped path must give the same structure
    text = SIMPLE
    widened = text.replace("The mayor", "The m\u00e4yor")  # same length in code points
    a, b = ex.extract(text), ex.extract(widened)
    assert [x.segments for x in a] == [y.segments for y in b]


def test_empty_input(ex):
    assert ex.extract("") == []
    assert ex.extract(b"") == []


def test_diagnostic_offsets_in_range(ex):
    text = "Opening: \u201cthis quote never closes and runs on to the end of the text\n"
    quotes, diags = ex.extract_with_diagnostics(text)
    assert isinstance(quotes, list) and isinstance(diags, list)
    for off, msg in diags:
        assert off is None or 0 <= off <= len(text)
        assert isinstance(msg, str)
