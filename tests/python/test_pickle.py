"""Extractor pickles as its configuration and is rebuilt (recompiled) on load,
which is how it reaches Spark and Dask workers."""
import pickle

import pytest

import quoteex
from samples import HARRUMPH, SIMPLE


def roundtrip(ex):
    return pickle.loads(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL))


def test_default_extractor_roundtrip():
    ex = quoteex.Extractor()
    back = roundtrip(ex)
    assert back is not ex
    assert back.rules == ex.rules
    assert back.extract(SIMPLE) == ex.extract(SIMPLE)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_every_protocol(protocol):
    ex = quoteex.Extractor(keep_pronouns=True, indirect=False, max_quote_len=5000)
    back = pickle.loads(pickle.dumps(ex, protocol=protocol))
    assert back.config == ex.config
    assert back.config["keep_pronouns"] is True and back.config["indirect"] is False
    assert back.config["max_quote_len"] == 5000


def test_user_lexicon_survives_and_iterators_are_kept():
    ex = quoteex.Extractor(cue_verbs=iter(["harrumph = harrumphed"]))
    assert ex.config["cue_verbs"] == ("harrumph = harrumphed",)
    (q,) = roundtrip(ex).extract(HARRUMPH)
    assert q.speaker == "Ida Fenwick"
    assert quoteex.Extractor().extract(HARRUMPH)[0].speaker is None


def test_files_travel_as_text(tmp_path):
    """A worker need not see the driver's files: their text is pickled."""
    lex = tmp_path / "cues.txt"
    lex.write_text("harrumph = harrumphed\n", encoding="utf-8")
    rules = tmp_path / "rules.txt"
    rules.write_text("rule after.grumble after 0.5\n  \\G,?\\s+(?<cue>grumbled)\\s+"
                     "(?<speaker>\\p{Lu}\\p{L}+)\n", encoding="utf-8")
    ex = quoteex.Extractor(lexicon_files={"cue": lex}, rules_file=rules)
    data = pickle.dumps(ex)
    lex.unlink()
    rules.unlink()
    back = pickle.loads(data)
    assert back.rules == ex.rules and "after.grumble" in back.rules
    assert back.extract(HARRUMPH) == ex.extract(HARRUMPH)
    assert "lexicon_files" not in back.config and "rules_file" not in back.config


def test_config_rebuilds_equivalent_extractor():
    ex = quoteex.Extractor(titles=["Chancellor"], lexicons={"role": "harbourmaster\n"},
                           replace_lexicons=["nonname"], jit=False)
    again = quoteex.Extractor(**ex.config)
    assert again.config == ex.config
    assert again.rules == ex.rules and again.uses_jit is False
