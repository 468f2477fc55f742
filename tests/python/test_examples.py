"""The two motivating shapes of speaker resolution (sentences written for this test)."""
import quoteex
from samples import SIMPLE, SPLIT, SURNAME


def test_simple_after_quote():
    (q,) = quoteex.extract(SIMPLE)
    assert q.kind == "direct"
    assert q.text == "We will rebuild the old bridge this year,"
    assert q.speaker == "Alma Reyes"
    assert q.cue_lemma == "say"


def test_surname_resolves_to_full_name():
    quotes = [q for q in quoteex.extract(SURNAME) if q.kind != "indirect"]
    (q,) = quotes
    assert q.text.startswith("We are still checking every hull")
    assert q.speaker == "Delia Marsh"
    assert q.speaker_text == "Marsh"


def test_split_quote_with_role_before_name():
    (q,) = [q for q in quoteex.extract(SPLIT) if q.kind != "indirect"]
    assert len(q.segments) == 2
    first, second = (SPLIT[s:e] for s, e in q.segments)
    assert first.startswith("The port will reopen")
    assert second.startswith("Nobody in the harbor")
    assert q.speaker == "Marta Quiroga"
    assert q.role_text == "former U.S. ambassador to Chile"
    assert q.speaker_text == "Marta Quiroga"
