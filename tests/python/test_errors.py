"""Error mapping: wrong types, bad UTF-8, bad lexicons and rules."""
import pytest

import quoteex


@pytest.fixture(scope="module")
def ex():
    return quoteex.Extractor()


@pytest.mark.parametrize("bad", [42, None, ["a list"], 3.5, object()])
def test_wrong_type(ex, bad):
    with pytest.raises(TypeError):
        ex.extract(bad)


def test_invalid_utf8_offset(ex):
    with pytest.raises(UnicodeDecodeError) as info:
        ex.extract(b"ab\xff")
    err = info.value
    assert (err.encoding, err.start, err.end, err.object) == ("utf-8", 2, 3, b"ab\xff")


def test_invalid_utf8_later_in_text(ex):
    data = "\u201cWe will win,\u201d she said. ".encode() + b"\xc3\x28 and more"
    with pytest.raises(UnicodeDecodeError) as info:
        ex.extract(data)
    assert info.value.start == data.index(b"\xc3\x28")


def test_lenient_utf8():
    lenient = quoteex.Extractor(lenient_utf8=True)
    assert lenient.extract(b"ab\xff") == []
    data = b"\xff\xfe " + "\u201cWe will rebuild the old bridge this year,\u201d said Alma Reyes.".encode()
    (q,) = lenient.extract(data)
    assert q.segments[0][0] == data.index(b"We will")


def test_lone_surrogate_str(ex):
    with pytest.raises(UnicodeEncodeError):
        ex.extract("before \ud800 after")


def test_exception_hierarchy():
    assert issubclass(quoteex.PatternError, quoteex.QuoteexError)
    assert issubclass(quoteex.PatternError, ValueError)
    assert issubclass(quoteex.LexiconError, quoteex.QuoteexError)
    assert issubclass(quoteex.LexiconError, ValueError)
    assert issubclass(quoteex.ResourceLimitError, quoteex.QuoteexError)
    assert not issubclass(quoteex.ResourceLimitError, ValueError)


def test_bad_lexicon_text():
    with pytest.raises(quoteex.LexiconError) as info:
        quoteex.Extractor(lexicons={"pronoun": "he m\nshe q\n"})
    assert info.value.line == 2
    assert info.value.path is None


def test_bad_cue_line():
    with pytest.raises(quoteex.LexiconError) as info:
        quoteex.Extractor(cue_verbs=["harrumph = harrumphed", "= orphaned"])
    assert info.value.line == 2


def test_bad_lexicon_file(tmp_path):
    path = tmp_path / "marks.txt"
    path.write_text("\u00ab \u00bb\n\u00ab \u00bb sideways\n", encoding="utf-8")
    with pytest.raises(quoteex.LexiconError) as info:
        quoteex.Extractor(lexicon_files={"marks": path})
    assert info.value.line == 2
    assert info.value.path == str(path)


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(OSError):
        quoteex.Extractor(lexicon_files={"cue": tmp_path / "nope.txt"})


def test_unknown_lexicon_name():
    with pytest.raises(ValueError, match="unknown lexicon"):
        quoteex.Extractor(lexicons={"verbs": "say = said"})


def test_cue_verbs_must_not_be_a_string():
    with pytest.raises(TypeError):
        quoteex.Extractor(cue_verbs="harrumphed")
    with pytest.raises(TypeError):
        quoteex.Extractor(cue_verbs=["ok", 3])


def test_bad_rule_pattern():
    with pytest.raises(quoteex.PatternError) as info:
        quoteex.Extractor(rules="rule test.broken after 0.5\n  \\G(?<cue>said\n")
    assert "test.broken" in str(info.value)
    assert isinstance(info.value.offset, int)


def test_bad_rule_header():
    with pytest.raises(quoteex.PatternError):
        quoteex.Extractor(rules="rule test.nowhere sideways 0.5\n  \\Gsaid\n")


def test_missing_rules_file(tmp_path):
    with pytest.raises(OSError):
        quoteex.Extractor(rules_file=tmp_path / "none.txt")


def test_keyword_only_and_types():
    with pytest.raises(TypeError):
        quoteex.Extractor(True)  # options are keyword-only
    with pytest.raises(TypeError):
        quoteex.Extractor(max_quote_len="long")
    with pytest.raises(OverflowError):
        quoteex.Extractor(match_limit=-1)
