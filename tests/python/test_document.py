"""quoteex.extract_document: the notebook view of a text and its quotes."""
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

import quoteex
from optional import need_module, need_program
from samples import SIMPLE, SPLIT, SURNAME

ROOT = Path(__file__).resolve().parents[2]
# Two speakers, markup-like text inside and outside the quotes, and an
# unattributed quote kept by keep_unattributed.
TRICKY = (
    "Tom & Jerry <b>Ltd</b> opened on Main Street.\n\n"
    "\u201cPrices <i>will</i> fall & stay low,\u201d said Alma Reyes.\n\n"
    "\u201cWe doubt it <script>alert(1)</script>,\u201d said Noor Haddad.\n\n"
    "\u201cPrices will rise again,\u201d Reyes said.\n"
)


def test_document_holds_text_and_quotes():
    doc = quoteex.extract_document(SIMPLE)
    assert isinstance(doc, quoteex.Document)
    assert doc.text == SIMPLE
    assert doc.quotes == quoteex.extract(SIMPLE)
    ex = quoteex.Extractor(keep_pronouns=True)
    assert quoteex.extract_document(SIMPLE, ex).quotes == ex.extract(SIMPLE)
    assert quoteex.extract_document(SIMPLE, keep_pronouns=True).quotes == ex.extract(SIMPLE)
    with pytest.raises(TypeError):
        quoteex.extract_document(SIMPLE.encode())
    with pytest.raises(TypeError):
        quoteex.extract_document(SIMPLE, ex, jit=False)


def test_plain_repr_is_one_line():
    r = repr(quoteex.extract_document(SIMPLE))
    assert "\n" not in r
    assert r.startswith("<quoteex.Document ") and "1 quotes" in r and "Alma Reyes (1)" in r


def test_one_colour_per_speaker():
    doc = quoteex.extract_document(TRICKY)
    colours = doc.speaker_colours()
    assert list(colours) == ["Alma Reyes", "Noor Haddad"]
    assert len(set(colours.values())) == 2
    assert doc.speaker_counts() == {"Alma Reyes": 2, "Noor Haddad": 1}


def text_of(markup):
    """The visible text of our HTML: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_html_escapes_and_keeps_every_character():
    doc = quoteex.extract_document(TRICKY)
    out = doc._repr_html_()
    assert "<script>" not in out and "<b>Ltd" not in out and "<i>will" not in out
    assert "&lt;script&gt;" in out and "Tom &amp; Jerry" in out
    # the article part shows the text exactly once, in order
    article = out.split('<div style="white-space: pre-wrap">', 1)[1].split("</div>", 1)[0]
    labels = re.findall(r"<sub[^>]*>(.*?)</sub>", article)
    assert labels == ["Alma Reyes", "Noor Haddad", "Alma Reyes"]
    shown = re.sub(r"<sub[^>]*>.*?</sub>", "", article)
    assert text_of(shown) == TRICKY
    marks = re.findall(r'<mark [^>]*background:(#[0-9a-f]+)[^>]*>(.*?)</mark>', article)
    colours = doc.speaker_colours()
    assert [c for c, _ in marks] == [colours["Alma Reyes"], colours["Noor Haddad"],
                                     colours["Alma Reyes"]]
    assert html.unescape(marks[1][1]).startswith("\u201cWe doubt it <script>")


def test_split_quote_is_highlighted_in_pieces_and_labelled_once():
    doc = quoteex.extract_document(SPLIT)
    article = doc._repr_html_().split('<div style="white-space: pre-wrap">', 1)[1]
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert len(direct) == 1 and len(direct[0].outer_segments) == 2
    assert article.count("<mark ") >= 2
    assert article.count(">Marta Quiroga</sub>") == len(doc.quotes)


def without_speaker(q):
    """The same quote with no speaker (built from its pickle state), so the
    test does not depend on which fragments the rules attribute."""
    rebuild, (fields,) = q.__reduce__()
    fields = list(fields)
    for name in ("speaker", "speaker_mention", "speaker_text"):
        fields[quoteex.QUOTE_FIELDS.index(name)] = None
    return rebuild(tuple(fields))


def test_unattributed_quotes_are_grey_and_labelled():
    named = quoteex.extract(SIMPLE)
    doc = quoteex.Document(SIMPLE, [without_speaker(q) for q in named])
    assert doc.quotes and all(q.speaker is None for q in doc.quotes)
    assert doc.speaker_colours() == {None: "#dddddd"}
    out = doc._repr_html_()
    assert "#dddddd" in out and ">unattributed</sub>" in out
    assert "Alma Reyes" not in out.split("<table", 1)[1]


def test_table_lists_every_quote():
    doc = quoteex.extract_document(SURNAME)
    table = doc._repr_html_().split("<table", 1)[1]
    assert table.count("<tr>") == len(doc.quotes) + 1
    assert "Delia Marsh" in table


def test_document_to_dataframe():
    need_module("pandas")
    doc = quoteex.extract_document(TRICKY)
    df = doc.to_dataframe()
    assert len(df) == 3
    assert df.groupby("speaker").size().idxmax() == "Alma Reyes"


def test_html_renders_in_headless_chromium(tmp_path):
    """The page parses as we mean it (the marks and labels are elements,
    the article's markup is text), and a screenshot is produced."""
    need_program("chromium", "chromium-browser", "google-chrome")
    page = tmp_path / "doc.html"
    png = tmp_path / "doc.png"
    script = ROOT / "tools" / "render_document.py"
    src = tmp_path / "tricky.txt"
    src.write_text(TRICKY, encoding="utf-8")
    res = subprocess.run([sys.executable, str(script), str(src), "--html", str(page),
                          "--png", str(png), "--size", "800,600"],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    sys.path.insert(0, str(script.parent))
    try:
        import render_document
    finally:
        sys.path.pop(0)
    dom = render_document.chromium(["--dump-dom", page.as_uri()]).stdout
    assert dom.count("<mark ") == 3
    assert dom.count("<sub ") == 3
    assert "<script>alert" not in dom and "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "<b>Ltd" not in dom and "&lt;b&gt;Ltd" in dom
