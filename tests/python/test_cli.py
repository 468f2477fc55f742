"""The quoteex command, run as `python -m quoteex` in a subprocess."""
import json
import subprocess
import sys

import pytest

from samples import LONG, NON_ASCII, SIMPLE, SPLIT

KINDS = {"direct", "mixed", "indirect"}


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "quoteex", *map(str, args)], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(SIMPLE + "\n" + SPLIT, encoding="utf-8")
    return path


def test_text_format(article):
    res = run(article)
    assert res.returncode == 0, res.stderr
    assert "We will rebuild the old bridge" in res.stdout
    assert "speaker:" in res.stdout and "rule:" in res.stdout


def test_stdin_and_dash():
    by_stdin = run(stdin=SIMPLE)
    by_dash = run("-", stdin=SIMPLE)
    assert by_stdin.returncode == by_dash.returncode == 0
    assert by_stdin.stdout == by_dash.stdout
    assert "Alma Reyes" in by_stdin.stdout


def test_jsonl_format(article):
    res = run("--format", "jsonl", article)
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert lines
    text = article.read_text(encoding="utf-8")
    for rec in lines:
        assert rec["file"] == str(article)
        assert rec["kind"] in KINDS
        for s, e in rec["segments"]:
            assert text[s:e] in rec["text"]


def check_prediction_line(rec, text):
    assert set(rec) == {"id", "quotes"}
    for q in rec["quotes"]:
        assert set(q) == {"segments", "speaker", "speaker_mention", "kind", "span"}
        assert q["segments"] and all(
            isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)
            for s, e in q["segments"])
        assert q["speaker"] is None or isinstance(q["speaker"], str)
        m = q["speaker_mention"]
        assert m is None or (len(m) == 2 and 0 <= m[0] < m[1] <= len(text))
        assert q["kind"] in KINDS
        assert q["span"] == [q["segments"][0][0], q["segments"][-1][1]]


def test_jsonl_input_prediction_format(tmp_path):
    docs = [{"id": "d1", "text": SIMPLE, "corpus": "ignored"},
            {"id": "d2", "text": NON_ASCII},
            {"id": "d3", "text": "No quotes here at all."}]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    res = run("--input", "jsonl", path)
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["d1", "d2", "d3"]
    for doc, rec in zip(docs, lines):
        check_prediction_line(rec, doc["text"])
    assert lines[2]["quotes"] == []
    # str offsets, not bytes, for the non-ASCII document
    (q,) = lines[1]["quotes"]
    s, e = q["segments"][0]
    assert NON_ASCII[s:e].startswith("We bake every cr\u00eape")
    assert lines[0]["quotes"][0]["speaker"] == "Alma Reyes"


def test_jsonl_input_lone_surrogate_keeps_offsets(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "s", "text": "x \\ud800 ' + json.dumps(SIMPLE)[1:-1] + '"}\n',
                    encoding="utf-8")
    res = run("--input", "jsonl", path)
    assert res.returncode == 0, res.stderr
    rec = json.loads(res.stdout)
    text = json.loads(path.read_text(encoding="utf-8"))["text"]
    check_prediction_line(rec, text)


def test_missing_file_is_exit_2(tmp_path):
    missing = tmp_path / "missing.txt"
    res = run(missing)
    assert res.returncode == 2
    assert str(missing) in res.stderr
    assert "Traceback" not in res.stderr


def test_bad_jsonl_is_exit_2(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "fine"}\nnot json\n', encoding="utf-8")
    res = run("--input", "jsonl", path)
    assert res.returncode == 2
    assert f"{path}:2" in res.stderr


def test_invalid_utf8_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(SIMPLE.encode() + b"\xff")
    strict = run(path)
    assert strict.returncode == 2 and str(path) in strict.stderr
    lenient = run("--lenient-utf8", path)
    assert lenient.returncode == 0
    assert "Alma Reyes" in lenient.stdout


def test_usage_error_is_exit_2():
    assert run("--format", "xml").returncode == 2


def test_help_has_examples():
    res = run("--help")
    assert res.returncode == 0
    assert "examples:" in res.stdout


def test_broken_pipe_is_quiet(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(LONG * 40, encoding="utf-8")
    cmd = f"'{sys.executable}' -m quoteex '{path}' | head -n 1"
    res = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in res.stderr
    assert "BrokenPipe" not in res.stderr
