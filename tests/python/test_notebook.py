"""examples/quotes.ipynb runs top to bottom under nbclient and shows what it
promises: the highlighted article (HTML with marks) and a "who said the
most" DataFrame."""
from pathlib import Path

from optional import need_module

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "quotes.ipynb"


def outputs(cell, mime):
    return [o["data"][mime] for o in cell.get("outputs", [])
            if "data" in o and mime in o["data"]]


def test_example_notebook_executes():
    nbformat = need_module("nbformat")
    nbclient = need_module("nbclient")
    need_module("ipykernel")
    need_module("pandas")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    for c in code:
        assert not [o for o in c.get("outputs", []) if o.get("output_type") == "error"]
    doc_html = [h for c in code for h in outputs(c, "text/html") if "quoteex-document" in h]
    assert doc_html and doc_html[0].count("<mark ") >= 5 and ">Dana Whitfield</sub>" in doc_html[0]
    frames = [h for c in code for h in outputs(c, "text/html") if "<table" in h and "articles" in h]
    assert frames, "the who-said-the-most DataFrame is missing"
    printed = "".join(o.get("text", "") for o in code[-1]["outputs"] if o["output_type"] == "stream")
    assert "said the most" in printed
