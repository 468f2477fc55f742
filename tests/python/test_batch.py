"""extract_many: the serial results, in input order, on any number of threads."""
import pytest

import quoteex
from samples import LONG, NON_ASCII, SIMPLE, SPLIT, SURNAME


def _inputs():
    # str (ASCII and not), bytes, bytearray and an empty text, repeated so
    # that every thread gets several items
    base = [LONG, NON_ASCII, SIMPLE.encode(), bytearray(SPLIT.encode()), "", SURNAME]
    return base * 7


@pytest.mark.parametrize("threads", [1, 2, 3, 8, 100])
def test_same_as_serial_in_order(threads):
    ex = quoteex.Extractor()
    texts = _inputs()
    expected = [ex.extract(t) for t in texts]
    got = ex.extract_many(texts, threads=threads)
    assert got == expected
    assert any(got) and [] in got


def test_any_iterable_and_empty():
    ex = quoteex.Extractor()
    texts = [SIMPLE, NON_ASCII, SPLIT]
    assert ex.extract_many(t for t in texts) == [ex.extract(t) for t in texts]
    assert ex.extract_many((), threads=2) == []


def test_module_function_takes_options():
    texts = [SIMPLE, "\u201cThis budget is a disgrace to the whole valley,\u201d harrumphed Ida Fenwick.\n"]
    got = quoteex.extract_many(texts, threads=2, cue_verbs=["harrumph = harrumphed"])
    assert got == [quoteex.extract(t, cue_verbs=["harrumph = harrumphed"]) for t in texts]
    assert got[1] and got[1][0].speaker == "Ida Fenwick"


def test_str_indices_per_item():
    (quotes,) = quoteex.extract_many([NON_ASCII], threads=2)
    q = quotes[0]
    assert NON_ASCII[q.segments[0][0]:q.segments[0][1]] == q.text


def test_bad_item_type_names_its_index():
    with pytest.raises(TypeError, match=r"texts\[2\].*int"):
        quoteex.Extractor().extract_many([SIMPLE, b"x", 3, SIMPLE], threads=2)


def test_single_string_is_refused():
    with pytest.raises(TypeError, match="iterable"):
        quoteex.Extractor().extract_many(SIMPLE)
    with pytest.raises(TypeError):
        quoteex.Extractor().extract_many(42)


def test_threads_must_be_positive():
    with pytest.raises(ValueError, match="threads"):
        quoteex.Extractor().extract_many([SIMPLE], threads=0)


@pytest.mark.parametrize("threads", [1, 2])
def test_first_failing_item_raises_like_extract(threads):
    texts = [SIMPLE, b"ok \xff bad", LONG, b"\xfe also bad"]
    with pytest.raises(UnicodeDecodeError) as info:
        quoteex.Extractor().extract_many(texts, threads=threads)
    assert info.value.start == 3  # the first bad item's offset, as extract() reports it
    lenient = quoteex.Extractor(lenient_utf8=True)
    assert lenient.extract_many(texts, threads=threads) == [lenient.extract(t) for t in texts]


def test_lone_surrogate_is_refused_before_work():
    with pytest.raises(UnicodeEncodeError):
        quoteex.Extractor().extract_many([SIMPLE, "bad \ud800 text"], threads=2)
