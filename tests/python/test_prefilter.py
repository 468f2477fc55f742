"""Rules run behind shortcuts (a required literal, a required group, start
bytes; libquote/src/prefilter.c). They must never hide a match: these user
rules are written so that a careless shortcut would."""
import pytest

import quoteex

TEXT = "Harbour news.\n\nMaria Lopez ANNOUNCED that the old ferry pier will close in May.\n"

RULES = {
    # the literal is case-insensitive: "announced" must not be required as written
    "caseless": r"(?<speaker>Maria\s+Lopez)\s+(?<cue>(?i:announced))\s+(?<content>that\s.*\S)",
    # an optional letter ends the literal run before it
    "optional": r"(?<speaker>Maria\s+Lopez)\s+(?<cue>ANNOUNCEDX?)\s+(?<content>that\s.*\S)",
    # alternatives at the top: neither branch's literal is required
    "alternatives": r"(?<speaker>Maria\s+Lopez)\s+(?<cue>ANNOUNCED)\s+(?<content>that\s.*\S)|zzzz",
    # the match starts with a lower-case letter reached through an optional prefix
    "lower_start": r"(?:Mr\.\s+)?(?<speaker>[a-z]*Maria\s+Lopez)\s+(?<cue>[A-Z]+)\s+(?<content>that\s.*\S)",
    # a required group inside (?i:...) must be matched caselessly
    "group_in_caseless": r"(?<speaker>Maria\s+Lopez)\s+(?i:(?<cue>announced))\s+(?<content>that\s.*\S)",
    # a lookbehind before the window's start and a class with a range
    "lookbehind": r"(?<=\n)(?<speaker>[L-N]aria\s+Lopez)\s+(?<cue>\p{Lu}+)\s+(?<content>that\s.*\S)",
}


@pytest.mark.parametrize("name", sorted(RULES))
@pytest.mark.parametrize("jit", [True, False])
def test_user_rule_still_matches(name, jit):
    rule = f"rule clause.{name} clause 0.9\n  {RULES[name]}\n"
    ex = quoteex.Extractor(rules=rule, replace_rules=True, jit=jit)
    quotes = ex.extract(TEXT)
    assert [(q.kind, q.speaker_text, q.rule) for q in quotes] == [
        ("indirect", "Maria Lopez", f"clause.{name}")]
    assert quotes[0].text.startswith("that the old ferry pier")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u2003", " \u00a0 "])
def test_window_ending_in_non_ascii_space(space):
    # a rule that must end the window (\s*\z) still fires when the space
    # before the quote is not ASCII
    text = f"Asked about the ferry, Dana Whitfield said,{space}\u201cWe will rebuild the pier this year.\u201d\n"
    (q,) = quoteex.extract(text)
    assert (q.speaker, q.rule) == ("Dana Whitfield", "before.speaker_cue_colon")


@pytest.mark.parametrize("jit", [True, False])
def test_match_after_an_earlier_cue(jit):
    # (\p{Lu}: PCRE2 cannot start this rule by itself, so it runs anchored.)
    # The anchored tries are bounded by the next occurrence of the cue and of
    # the rule's tail from the cue on ("ANNOUNCED that ..."): the first such
    # tail has no speaker before it, the tries go on past it to the second.
    text = ("Harbour news.\n\nThe mayor ANNOUNCED that talks go on, and Maria Lopez ANNOUNCED "
            "that the pier will close.\n")
    rule = ("rule clause.later clause 0.9\n"
            r"  (?<speaker>\p{Lu}aria\s+Lopez)\s+(?<cue>ANNOUNCED)\s+(?<content>that\s.*\S)" "\n")
    ex = quoteex.Extractor(rules=rule, replace_rules=True, jit=jit)
    (q,) = ex.extract(text)
    assert (q.speaker_text, q.text) == ("Maria Lopez", "that the pier will close")
    assert q.start == text.index("that the pier")


@pytest.mark.parametrize("jit", [True, False])
def test_rules_sharing_a_cue_search(jit):
    # Both rules need the same cue group over the same window: the first
    # searches for it and fails after, the second (which PCRE2 starts by
    # itself, \G) consults that search and must still fire.
    text = "Harbour news.\n\nMaria Lopez ANNOUNCED on Monday: \u201cThe pier will close in May.\u201d\n"
    rules = ("rule mixed.first mixed 0.9\n"
             r"  (?<speaker>\p{Lu}aria\s+Lopez)\s+(?<cue>ANNOUNCED)\s+yesterday[^\n]*\z" "\n"
             "rule mixed.second mixed 0.8\n"
             r"  \G(?<speaker>Maria\s+Lopez)\s+(?<cue>ANNOUNCED)[^\n]*\z" "\n")
    ex = quoteex.Extractor(rules=rules, replace_rules=True, jit=jit)
    (q,) = ex.extract(text)
    assert (q.speaker_text, q.rule) == ("Maria Lopez", "mixed.second")


@pytest.mark.parametrize("jit", [True, False])
def test_cue_gate_only_where_the_cue_is_a_whole_word(jit):
    # Clause rules shaped "\s+{ADVS}(?<cue>{CUE_THAT})\b" skip a sentence
    # without a +that cue word. Here ADVS is redefined to end in a letter,
    # so the cue is glued to it ("verysaid") and no whole word of the
    # sentence is a cue: the rule must run all the same.
    text = "Harbour news.\n\nMaria Lopez verysaid the old ferry pier will close in May.\n"
    rules = ("define ADVS (?:very)?\n"
             "rule clause.glued clause 0.9\n"
             r"  (?<speaker>\p{Lu}aria\s+Lopez)\s+{ADVS}(?<cue>{CUE_THAT})\b\s+(?<content>the\s.*\S)" "\n")
    ex = quoteex.Extractor(rules=rules, replace_rules=True, jit=jit)
    (q,) = ex.extract(text)
    assert (q.speaker_text, q.rule) == ("Maria Lopez", "clause.glued")


@pytest.mark.parametrize("text", [
    "Harbour news.\n\nMaria Lopez told reporters the old ferry pier would close in May.\n",
    "Harbour news.\n\nThe old ferry pier will close in May, Maria Lopez said.\n",
    "Harbour news.\n\nMaria Lopez pointed out the old ferry pier would close in May.\n",
])
def test_cue_gate_keeps_the_builtin_clauses(text):
    (q,) = [q for q in quoteex.extract(text) if q.kind == "indirect"]
    assert q.speaker == "Maria Lopez"
    assert "ferry pier" in q.text
