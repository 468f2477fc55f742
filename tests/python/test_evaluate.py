"""quoteex.evaluate's error report: each missed or spurious segment gets its kind.

The real scorer lives outside the project, so these tests give classify() a
small stand-in with the same matching inputs (normalised spans, speaker rule).
"""
from types import SimpleNamespace

from quoteex import evaluate

WORD = "abcd "  # five characters a word, so offsets are easy to reason about
TEXT = WORD * 100


def _norm_span(text, s, e):
    while s < e and text[s] == " ":
        s += 1
    while e > s and text[e - 1] == " ":
        e -= 1
    return s, e


SCORER = SimpleNamespace(
    norm_span=_norm_span,
    DocNames=lambda quotes: None,
    speaker_correct=lambda corpus, text, g, p, names: (g["speaker"] == p["speaker"],) * 2,
)


def _quote(segments, speaker, kind="direct"):
    return {"segments": segments, "speaker": speaker, "speaker_mention": None, "kind": kind}


def _classify(gold, pred):
    gdoc = {"id": "d", "corpus": "test", "text": TEXT, "quotes": gold}
    quotes = [SimpleNamespace(rule=f"r{i}", speaker=q["speaker"], speaker_mention=None,
                              kind=q["kind"], confidence=0.5, cue_text=None)
              for i, q in enumerate(pred)]
    return evaluate.classify(SCORER, gdoc, pred, quotes)


GOLD = [
    _quote([[0, 40]], "Ann"),        # found whole, right speaker
    _quote([[50, 90]], "Ann"),       # found inside the prediction [50, 100] ...
    _quote([[90, 100]], "Ann"),      # ... which leaves this one inside a found quote
    _quote([[110, 150]], "Ann"),     # the prediction [140, 200] overlaps it too little
    _quote([[300, 310]], "Ann"),     # two words, not predicted
    _quote([[400, 440]], "Ann"),     # eight words, not predicted
]
PRED = [
    _quote([[0, 40]], "Ann"),
    _quote([[50, 100]], "Bob"),      # matched, wrong speaker
    _quote([[140, 200]], "Ann"),
    _quote([[210, 260]], None),
    _quote([[270, 280]], "Ann"),
    _quote([[350, 390]], "Ann"),
    _quote([[450, 490]], "Ann", kind="indirect"),  # not scored, never listed
]


def test_each_error_gets_its_kind():
    got = sorted((i.category, i.kind, i.span) for i in _classify(GOLD, PRED))
    assert got == sorted([
        ("correct", "", (0, 39)),
        ("wrong speaker", "", (50, 99)),
        ("missed", "inside a found quote", (90, 99)),
        ("missed", "partial overlap", (110, 149)),
        ("missed", "short, not found", (300, 309)),
        ("missed", "longer, not found", (400, 439)),
        ("spurious", "overlaps gold", (140, 199)),
        ("spurious", "no speaker", (210, 259)),
        ("spurious", "short, with speaker", (270, 279)),
        ("spurious", "longer, with speaker", (350, 389)),
    ])


def test_error_kinds_table_gives_f1_if_each_kind_were_fixed():
    lines = evaluate.error_kinds(_classify(GOLD, PRED))
    # 2 matched, 6 predicted, 6 gold: F1 = 4 / 12
    assert "Direct F1 now: 0.3333." in "\n".join(lines)
    rows = {cells[1]: cells[2:4] for cells in (line.split(" | ") for line in lines)
            if len(cells) == 5}
    assert rows["short, not found"] == ["1", "0.4615"]   # 2 * 3 / (7 + 6)
    assert rows["no speaker"] == ["1", "0.3636"]         # 2 * 2 / (5 + 6)
    assert set(rows) >= {kind for _, kind, _ in evaluate.ERROR_KINDS}


def test_report_lists_the_kind_of_each_item():
    report = evaluate.render_report(_classify(GOLD, PRED[:1] + PRED[3:4]), "gold.jsonl",
                                    "pred.jsonl", 0)
    assert "## Error kinds (direct segments)" in report
    assert "- kind: no speaker" in report
    assert "- kind: inside a found quote" not in report
