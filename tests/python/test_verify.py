"""quoteex.verify, Quote.key, group_quotes, min_confidence and calibration.
Every text here is our own."""
import pytest

import quoteex

ARTICLE = (
    "Ambassador Rahm Emanuel spoke at the harbour on Monday.\n\n"
    "“The new bridge will carry trains by the spring of next year,” Emanuel said.\n\n"
    "“We have waited long enough,” said Rahm Emanuel, “and the money is already there.”\n\n"
    "The mayor, Lotte Brandt, disagreed. “Nobody has shown me a single invoice for the steel,” "
    "Brandt said.\n\n"
    "Workers hung a banner with “Keep the harbour open for everyone who works here” on the gate.\n"
)
BRIDGE = "The new bridge will carry trains by the spring of next year"


def check(claim, speaker, verdict, match):
    r = quoteex.verify(ARTICLE, claim, speaker)
    assert (r.verdict, r.match) == (verdict, match), (claim, speaker, r)
    return r


def test_exact_with_evidence():
    r = check(BRIDGE, "Rahm Emanuel", "attributed", "exact")
    assert ARTICLE[r.start:r.end] == BRIDGE
    assert r.speaker == "Rahm Emanuel" and r.other is None and bool(r)
    q = r.quote
    assert q is not None and q.speaker == "Rahm Emanuel"
    assert r.speaker_mention == q.speaker_mention and ARTICLE[slice(*q.speaker_mention)] == "Emanuel"
    assert ARTICLE[slice(*r.cue)] == "said" and r.rule == q.rule != "none"
    assert r.confidence == q.confidence and 0.5 <= r.confidence <= 1.0
    assert r.differences == () and r.claim == BRIDGE and r.claimed_speaker == "Rahm Emanuel"


@pytest.mark.parametrize("claim", [
    '"the NEW bridge will carry trains, by the spring of next year!"',  # case, marks, punctuation
    "‘The new bridge will carry trains by the spring of next year.’",
])
def test_reformatted_is_exact(claim):
    check(claim, "Emanuel", "attributed", "exact")


def test_split_quote_given_whole_is_exact():
    check("We have waited long enough and the money is already there", "Rahm Emanuel",
          "attributed", "exact")


@pytest.mark.parametrize("claim", [
    "will carry trains by the spring",               # a fragment of the quote
    "The new bridge … by the spring of next year",   # elided middle
    "The new bridge ... next year",
    "The new bridge will carry trains by the spring of next year, and the ferry stays",
])
def test_partial(claim):
    check(claim, "Emanuel", "attributed", "partial")


def test_altered_lists_the_differing_words():
    r = check("The new bridge will carry cars by the spring of next year", "Emanuel",
              "attributed", "altered")
    assert r.differences == (("cars", "trains"),)
    (cspan, fspan), = r.difference_spans
    assert ARTICLE[fspan[0]:fspan[1]] == "trains" and r.claim[cspan[0]:cspan[1]] == "cars"
    r = check("The new bridge will carry trains by spring of next year", "Emanuel",
              "attributed", "altered")
    assert r.differences == ((None, "the"),)


def test_attributed_to_other_names_them():
    r = check("Nobody has shown me a single invoice for the steel", "Rahm Emanuel",
              "attributed_to_other", "exact")
    assert r.other == r.speaker == "Lotte Brandt" and not r


def test_unattributed_and_not_found():
    r = check("Keep the harbour open for everyone who works here", "Lotte Brandt",
              "unattributed", "exact")
    assert r.speaker is None and r.confidence == 0.0
    check("spoke at the harbour on Monday", "Rahm Emanuel", "unattributed", "exact")
    r = check("The ferry will stop running after the storm season ends", "Rahm Emanuel",
              "not_found", None)
    assert r.quote is None and r.start is None and r.end is None


@pytest.mark.parametrize("name", [
    "Emanuel", "Rahm Emanuel", "Ambassador Emanuel", "Mr. Emanuel", "rahm emanuel", "R. Emanuel",
    "Ambassador Rahm Emanuel, the former mayor,",
])
def test_name_forms_accepted(name):
    check("We have waited long enough", name, "attributed", "partial")


@pytest.mark.parametrize("name", ["Rahm", "Ari Emanuel", "Rahm Brandt", "Brandt", "the mayor"])
def test_other_people_refused(name):
    """A shared first name alone, or another Emanuel, never confirms."""
    check("We have waited long enough", name, "attributed_to_other", "partial")


def test_no_speaker_claimed():
    r = check("We have waited long enough", None, "attributed", "partial")
    assert r.speaker == "Rahm Emanuel"


def test_verify_many_and_extractor():
    ex = quoteex.Extractor()
    rs = quoteex.verify_many(ARTICLE, [(BRIDGE, "Emanuel"), (BRIDGE, "Brandt")], extractor=ex)
    assert [r.verdict for r in rs] == ["attributed", "attributed_to_other"]
    with pytest.raises(TypeError):
        quoteex.verify(ARTICLE, BRIDGE, "Emanuel", extractor=ex, keep_pronouns=True)
    with pytest.raises(TypeError):
        quoteex.verify(ARTICLE, 42, "Emanuel")
    with pytest.raises(TypeError):
        quoteex.verify(ARTICLE.encode(), BRIDGE)


def test_offsets_are_str_indices():
    text = "Ünïcödé first. " + ARTICLE
    r = quoteex.verify(text, BRIDGE, "Emanuel")
    assert text[r.start:r.end] == BRIDGE


def test_quote_key_is_stable_across_copies():
    a = "“It is over,” she said. “We go home.”"
    b = "\"it is OVER\", she said, \"we go home!\""
    (qa,), (qb,) = quoteex.extract(a), quoteex.extract(b)
    assert isinstance(qa.key, str) and len(qa.key) == 16
    assert qa.key == qb.key
    (qc,) = quoteex.extract("“It is over,” she said. “We went home.”")
    assert qc.key != qa.key
    assert qa.as_dict()["key"] == qa.key


def test_group_quotes():
    wire = "“The harbour stays open all winter,” said Lotte Brandt."
    reprint = "\"the harbour stays open, all winter\", said Lotte Brandt on Tuesday."
    other = "“The bridge is late,” said Rahm Emanuel."
    groups = quoteex.group_quotes({"a": wire, "b": reprint, "c": other})
    assert sorted(len(v) for v in groups.values()) == [1, 2]
    same = next(v for v in groups.values() if len(v) == 2)
    assert [doc for doc, _ in same] == ["a", "b"]
    # bare texts, (id, quotes) pairs and Quote objects
    g2 = quoteex.group_quotes([wire, reprint])
    assert [[d for d, _ in v] for v in g2.values()] == [[0, 1]]
    g3 = quoteex.group_quotes([("x", quoteex.extract(wire)), *quoteex.extract(reprint)])
    assert [[d for d, _ in v] for v in g3.values()] == [["x", None]]


def test_min_confidence_trades_recall():
    text = ("“The pier will reopen in May,” said Anna Berg.\n\n"
            "“It will be busy.”\n\n")
    all_q = quoteex.extract(text)
    confs = sorted(q.confidence for q in all_q)
    assert len(all_q) == 2 and confs[0] < confs[1]
    kept = quoteex.extract(text, min_confidence=(confs[0] + confs[1]) / 2)
    assert [q.confidence for q in kept] == [confs[1]]
    assert quoteex.extract(text, min_confidence=1.0) == [] or all(
        q.confidence == 1.0 for q in quoteex.extract(text, min_confidence=1.0))
    with pytest.raises(ValueError):
        quoteex.Extractor(min_confidence=1.5)


def test_calibration_option():
    text = "“The pier will reopen in May,” said Anna Berg."
    (q,) = quoteex.Extractor(calibration="after.cue_name 0.5\nafter.cue_name name 0.625\n").extract(text)
    assert q.rule == "after.cue_name" and q.confidence == 0.625
    (raw,) = quoteex.Extractor(calibration="").extract(text)
    assert raw.confidence > 0
    with pytest.raises(ValueError, match="line 1"):
        quoteex.Extractor(calibration="after.cue_name nosuch 0.5\n")
    with pytest.raises(TypeError):
        quoteex.Extractor(calibration=3)


def test_min_confidence_makes_a_stricter_verifier():
    """Records under the floor are dropped, so their words establish no speaker."""
    r = quoteex.verify(ARTICLE, BRIDGE, "Emanuel", min_confidence=1.0)
    assert (r.verdict, r.quote) == ("unattributed", None) and r.confidence == 0.0


def test_confidence_options_survive_pickling():
    import pickle
    table = "after.cue_name 0.5\n"
    ex = quoteex.Extractor(min_confidence=0.25, calibration=table)
    assert ex.config["min_confidence"] == 0.25 and ex.config["calibration"] == table
    again = pickle.loads(pickle.dumps(ex))
    assert again.config == ex.config
    (q,) = again.extract("“The pier will reopen in May,” said Anna Berg.")
    assert q.confidence == 0.5
