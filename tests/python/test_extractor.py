"""Extractor construction, options and custom lexicons."""
import pytest

import quoteex
from samples import HARRUMPH, SIMPLE


def test_rules_and_jit():
    ex = quoteex.Extractor()
    assert isinstance(ex.rules, tuple) and ex.rules
    assert all(isinstance(r, str) for r in ex.rules)
    assert isinstance(ex.uses_jit, bool)
    assert quoteex.Extractor(jit=False).uses_jit is False
    assert "Extractor" in repr(ex)


def test_rule_names_in_results():
    ex = quoteex.Extractor()
    for q in ex.extract(SIMPLE):
        assert q.rule == "none" or q.rule in ex.rules


def test_no_jit_gives_same_results():
    assert quoteex.Extractor(jit=False).extract(SIMPLE) == quoteex.Extractor().extract(SIMPLE)


def test_custom_cue_verb_attributes_quote():
    def speaker(ex):
        found = ex.extract(HARRUMPH)
        return found[0].speaker if found else None

    assert speaker(quoteex.Extractor()) is None, "harrumphed should not be a built-in cue"
    ex = quoteex.Extractor(cue_verbs=["harrumph = harrumphed, harrumphs"])
    (q,) = ex.extract(HARRUMPH)
    assert q.speaker == "Ida Fenwick"
    assert q.cue_text == "harrumphed"
    assert q.cue_lemma == "harrumph"


def test_custom_cue_through_lexicons_dict():
    ex = quoteex.Extractor(lexicons={"cue": "harrumph = harrumphed\n"})
    (q,) = ex.extract(HARRUMPH)
    assert q.speaker == "Ida Fenwick"


def test_custom_cue_from_file(tmp_path):
    path = tmp_path / "cues.txt"
    path.write_text("# extra cues\nharrumph = harrumphed\n", encoding="utf-8")
    (q,) = quoteex.Extractor(lexicon_files={"cue": path}).extract(HARRUMPH)
    assert q.speaker == "Ida Fenwick"


def test_added_roles_compile_and_attribute():
    ex = quoteex.Extractor(roles=["wharfinger", "lockkeeper"])
    (q,) = ex.extract('"The tide is late tonight," the wharfinger said.\n')
    assert q.speaker == "the wharfinger"


def test_hundreds_of_added_roles_compile():
    # The role lexicon is written out once per speaker pattern, and the names
    # in a role's phrase once (ROLENAME): a long run-time addition still fits
    # PCRE2's compiled pattern size.
    roles = ["harbour%03dwarden" % i for i in range(499)] + ["wharfinger"]
    (q,) = quoteex.Extractor(roles=roles).extract('"The tide is late tonight," the wharfinger said.\n')
    assert q.speaker == "the wharfinger"


def test_too_many_added_titles_name_the_real_cause():
    # Titles are written into every name pattern, so a very long addition
    # outgrows PCRE2's compiled size; PCRE2 also stops working out the
    # minimum length of such patterns, which is no pattern matching empty.
    titles = ["Harbour%04dWarden" % i for i in range(1500)]
    with pytest.raises(quoteex.PatternError) as e:
        quoteex.Extractor(titles=titles)
    assert "too large" in str(e.value) and "lexicon" in str(e.value)
    assert "empty" not in str(e.value)


def test_replace_rules_without_rules_finds_no_speakers():
    ex = quoteex.Extractor(replace_rules=True, keep_unattributed=True)
    assert ex.rules == ()
    assert all(q.speaker is None for q in ex.extract(SIMPLE))


def test_no_indirect():
    text = "The minister said that the border would stay open all winter.\n"
    for q in quoteex.Extractor(indirect=False).extract(text):
        assert q.kind != "indirect"


def test_options_accept_none():
    quoteex.Extractor(max_quote_len=None, match_limit=None, cue_verbs=None, lexicons=None,
                      rules=None, rules_file=None)


def test_limits_are_accepted():
    ex = quoteex.Extractor(max_quote_len=5000, match_limit=100000, heap_limit_kib=4096)
    assert ex.extract(SIMPLE) == quoteex.Extractor().extract(SIMPLE)


def test_tiny_match_limit_raises_or_works():
    # a very low PCRE2 match limit must surface as ResourceLimitError, never a crash
    try:
        quoteex.Extractor(match_limit=1, jit=False).extract(SIMPLE * 3)
    except quoteex.ResourceLimitError:
        pass


def test_keep_headline():
    text = ('Mayor says "no deal on the bridge tonight"\n\n'
            "The mayor spoke on Monday at the council.\n\n"
            '"There will be no deal on the bridge tonight," Mayor Lena Ortiz said.\n')
    default = [q.text for q in quoteex.Extractor().extract(text)]
    kept = quoteex.Extractor(keep_headline=True)
    assert not any(t.startswith("no deal on the bridge tonight") for t in default)
    assert any(t.startswith("no deal on the bridge tonight") for t in
               (q.text for q in kept.extract(text)))
    # the option travels with the extractor through pickling
    import pickle
    again = pickle.loads(pickle.dumps(kept))
    assert [q.text for q in again.extract(text)] == [q.text for q in kept.extract(text)]


def test_place_lexicon_added_at_run_time():
    # "Plaza ..." opens a place name only once the user says so; the filler
    # makes the text long enough to read as a book.
    text = ("The bus stopped in front of the Plaza Vargas. Vargas came out to meet us, "
            "and he shook hands with Bill. We had stayed at the Plaza Vargas every year.\n\n"
            "\"You are late,\" said Vargas.\n\n"
            + "The rain came down on the roofs of the town and ran in the gutters.\n\n" * 1500)
    (plain,) = [q for q in quoteex.Extractor().extract(text) if q.text.startswith("You are")]
    (placed,) = [q for q in quoteex.Extractor(lexicons={"place": "Plaza ...\n"}).extract(text)
                 if q.text.startswith("You are")]
    assert plain.speaker == "Plaza Vargas"
    assert placed.speaker == "Vargas"
