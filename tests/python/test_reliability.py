"""Reliability: bad input, limits, adversarial texts, reference leaks."""
import gc
import tracemalloc

import pytest

import quoteex
from samples import LONG, NON_ASCII, SIMPLE


@pytest.fixture(scope="module")
def ex():
    return quoteex.Extractor()


def _key(q):
    return (q.kind, tuple(q.segments), q.speaker, q.rule, q.continued, q.unclosed, q.pronoun)


# ---- bad input, clear answers ----

@pytest.mark.parametrize(
    "data, start",
    [
        (b"abc\x80", 3),                    # stray continuation byte
        (b"ab\xc3\x28z", 2),                # bad continuation
        (b"\xc0\xaf", 0),                   # overlong
        (b"ok \xed\xa0\x80", 3),            # encoded surrogate
        (b"\xf4\x90\x80\x80", 0),           # past U+10FFFF
        (b"x\xe2\x80\x9c\xf0\x9f\x98", 4),  # truncated at the end
    ],
)
def test_strict_utf8_start(ex, data, start):
    with pytest.raises(UnicodeDecodeError) as info:
        ex.extract(data)
    assert info.value.start == start
    assert info.value.object == data


def test_lenient_offsets_into_original_bytes():
    lenient = quoteex.Extractor(lenient_utf8=True)
    quote = SIMPLE.encode()
    data = b"\xff\xfe\xc3 " + quote + b" \xed\xa0\x80 tail \x80"
    (q,) = lenient.extract(data)
    (want,) = lenient.extract(quote)
    shift = 4
    assert list(q.segments) == [(s + shift, e + shift) for s, e in want.segments]
    assert q.speaker == "Alma Reyes"
    s, e = q.segments[0]
    assert data[s:e].startswith(b"We will rebuild")


@pytest.mark.parametrize("kind", [str, bytes])
def test_nul_bytes_read_as_spaces(ex, kind):
    text = "Intro\x00line.\n\n" + SIMPLE.replace(" said", "\x00said")
    spaced = text.replace("\x00", " ")
    conv = (lambda t: t) if kind is str else (lambda t: t.encode())
    got = ex.extract(conv(text))
    assert got and [_key(q) for q in got] == [_key(q) for q in ex.extract(conv(spaced))]
    assert got[0].speaker == "Alma Reyes"


def test_lone_surrogates(ex):
    for text in ["\udc80", "a \ud83d b", SIMPLE + "\udfff"]:
        with pytest.raises(UnicodeEncodeError):
            ex.extract(text)


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", " \t\r\n\r\n", "\u00a0\u2003\n", b"", b" \n"])
def test_empty_and_whitespace(ex, text):
    assert ex.extract(text) == []


@pytest.mark.parametrize("bad", [42, None, 3.5, ["x"], {"text": "x"}, object()])
def test_wrong_types(ex, bad):
    with pytest.raises(TypeError):
        ex.extract(bad)
    with pytest.raises(TypeError):
        quoteex.extract(bad)


@pytest.mark.parametrize(
    "kwargs, exc",
    [
        ({"max_quote_len": 1}, ValueError),
        ({"max_quote_len": 0}, ValueError),
        ({"match_limit": 0}, ValueError),
        ({"heap_limit_kib": 0}, ValueError),
        ({"match_limit": 2**40}, OverflowError),
        ({"match_limit": "many"}, TypeError),
        ({"nonsense": True}, TypeError),
        ({"lexicons": {"verbs": "x"}}, ValueError),
        ({"lexicons": ["cue"]}, TypeError),
        ({"rules": 5}, TypeError),
    ],
)
def test_invalid_options(kwargs, exc):
    with pytest.raises(exc):
        quoteex.Extractor(**kwargs)


@pytest.mark.parametrize(
    "text, line, problem",
    [
        ("rule a.b after 0.5\n  \\Gx\n\nrule c.d after 2\n  \\Gy\n", 4, "confidence"),
        ("  \\Gx\n", 1, "outside"),
        ("rule a.b after 0.5\n", 1, "no pattern"),
    ],
)
def test_malformed_rules_file(tmp_path, text, line, problem):
    path = tmp_path / "my_rules.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(quoteex.PatternError) as info:
        quoteex.Extractor(rules_file=path)
    assert info.value.line == line
    assert "my_rules.txt" in str(info.value)
    assert problem in str(info.value)


@pytest.mark.parametrize(
    "name, text, line, problem",
    [
        ("pronoun", "he m\nshe q\n", 2, "gender"),
        ("cue", "say = said\n= said\n", 2, "lemma"),
        ("marks", "\u00ab \u00bb\n\u00ab\n", 2, "close"),
    ],
)
def test_malformed_lexicon_file(tmp_path, name, text, line, problem):
    path = tmp_path / f"my_{name}.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(quoteex.LexiconError) as info:
        quoteex.Extractor(lexicon_files={name: path})
    assert info.value.line == line
    assert info.value.path == str(path)
    assert f"my_{name}.txt" in str(info.value)
    assert problem in str(info.value)


# ---- bounded work ----

@pytest.mark.parametrize("jit", [True, False])
def test_tiny_match_limit_raises(jit):
    tiny = quoteex.Extractor(match_limit=1, jit=jit)
    with pytest.raises(quoteex.ResourceLimitError) as info:
        tiny.extract(SIMPLE)
    assert "rule" in str(info.value)
    assert isinstance(info.value, quoteex.QuoteexError)
    assert tiny.extract("") == []  # the extractor is still usable


def test_tiny_heap_limit_raises():
    text = '"Yes," said ' + "Sen. " * 4000 + "Ann Bo.\n"
    tiny = quoteex.Extractor(jit=False, heap_limit_kib=1, match_limit=100_000_000)
    with pytest.raises(quoteex.ResourceLimitError):
        tiny.extract(text)


def _bounded(ex, text, most):
    try:
        quotes = ex.extract(text)
    except quoteex.ResourceLimitError:
        return None
    assert len(quotes) <= most
    for q in quotes:
        for s, e in q.segments:
            assert 0 <= s <= e <= len(text)
    return quotes


def test_adversarial_inputs(ex):
    n = 20_000
    assert _bounded(ex, '"word ' * n, n // 2 + 1) is not None
    assert _bounded(ex, "\u201ca\u201d b " * n, n) is not None
    assert _bounded(ex, "Alma Reyes said that the plan was fine and " * (n // 4), n) is not None
    assert _bounded(ex, "\u201c" * 100_000, 1) is not None
    depth = 5000
    nested = "".join("\u2018x " if i % 2 else "\u201cy " for i in range(depth))
    nested += "".join("\u2019" if i % 2 else "\u201d" for i in reversed(range(depth)))
    assert _bounded(ex, nested + " said Ann Bo.\n", depth) is not None
    quotes = _bounded(ex, '"A," said Tom Lee. ' * 2000, 2000)
    assert quotes is not None and len(quotes) == 2000
    assert all(q.speaker == "Tom Lee" for q in quotes)
    _bounded(ex, "Mr. Dr. Sen. " * n + "Ann Bo said.\n", 1)  # may raise ResourceLimitError


# ---- no leaks ----

def _traced_growth(run, warm, base, more):
    """Bytes traced by tracemalloc after run(warm) + run(base), and after
    run(more) on top: a leak shows as the second far above the first."""
    run(warm)  # warm caches and interned strings
    gc.collect()
    tracemalloc.start()
    try:
        run(base)
        gc.collect()
        first, _ = tracemalloc.get_traced_memory()
        run(more)
        gc.collect()
        second, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return first, second


def test_no_leak_in_extraction_loop(ex):
    inputs = [SIMPLE, NON_ASCII, NON_ASCII.encode(), "", b"\xff"]
    tiny = quoteex.Extractor(match_limit=1)

    def run(rounds):
        for _ in range(rounds):
            for t in inputs:
                try:
                    for q in ex.extract(t):
                        q.as_dict()
                except UnicodeDecodeError:
                    pass
            try:
                tiny.extract(SIMPLE)
            except quoteex.ResourceLimitError:
                pass

    first, second = _traced_growth(run, 20, 20, 300)
    # 300 rounds make ~1,500 calls, 900 Quote objects and 600 exceptions: a
    # leak of one object per call would add far more than this.
    assert second - first < 32 * 1024, (first, second)


def test_no_leak_in_extractor_creation():
    def make(n):
        for _ in range(n):
            quoteex.Extractor(jit=False, cue_verbs=["harrumph = harrumphed"])
            try:
                quoteex.Extractor(rules="rule x after 2\n  \\Gx\n")
            except quoteex.PatternError:
                pass

    first, second = _traced_growth(make, 3, 2, 15)
    assert second - first < 16 * 1024, (first, second)
