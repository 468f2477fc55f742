"""The thin Python layer: versions, the cached extract(), records and DataFrames."""
import re

import pytest

import quoteex
from samples import SIMPLE


def test_versions():
    assert re.fullmatch(r"\d+\.\d+\.\d+", quoteex.__version__)
    assert quoteex.libquote_version == quoteex.__version__
    assert quoteex.pcre2_version[:2].isdigit()


def test_extract_uses_cached_extractor():
    quoteex._cached_extractor.cache_clear()
    first = quoteex.extract(SIMPLE)
    assert quoteex.extract(SIMPLE) == first
    assert quoteex._cached_extractor.cache_info().hits >= 1
    assert first == quoteex.Extractor().extract(SIMPLE)


def test_extract_with_options():
    plain = quoteex.extract(SIMPLE, jit=False)
    with_cues = quoteex.extract(SIMPLE, cue_verbs=["harrumph = harrumphed"],
                                lexicons={"title": "Chancellor\n"})
    assert plain == with_cues == quoteex.extract(SIMPLE)


def test_extract_with_iterator_option_values():
    assert quoteex.extract(SIMPLE, cue_verbs=iter(["harrumph = harrumphed"])) == quoteex.extract(SIMPLE)


def test_to_records():
    quotes = quoteex.extract(SIMPLE)
    records = quoteex.to_records(quotes)
    assert records == [q.as_dict() for q in quotes]


def test_to_dataframe():
    quotes = quoteex.extract(SIMPLE)
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match=r"quoteex\[pandas\]"):
            quoteex.to_dataframe(quotes)
        return
    df = quoteex.to_dataframe(quotes)
    assert list(df.columns) == list(quoteex.QUOTE_FIELDS)
    assert len(df) == len(quotes)


def test_public_names_have_docstrings():
    for name in quoteex.__all__:
        obj = getattr(quoteex, name)
        if callable(obj):
            assert obj.__doc__, name


def test_public_members_have_docstrings():
    """Classes, their public methods and properties, and public modules."""
    import inspect

    import quoteex.cli
    import quoteex.document
    import quoteex.progress
    import quoteex.rows
    missing = []
    for mod in (quoteex, quoteex.cli, quoteex.document, quoteex.progress, quoteex.rows):
        if not mod.__doc__:
            missing.append(mod.__name__)
    for name in quoteex.__all__:
        obj = getattr(quoteex, name)
        if not inspect.isclass(obj) or issubclass(obj, BaseException):
            continue
        for attr, value in vars(obj).items():
            if attr.startswith("_") and attr not in ("__init__", "_repr_html_"):
                continue
            if attr == "__init__" or attr in getattr(obj, "__slots__", ()):
                continue
            if not getattr(value, "__doc__", None):
                missing.append(f"{name}.{attr}")
    assert not missing, missing
