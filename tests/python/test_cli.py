"""The quoteex command, run as `python -m quoteex` in a subprocess."""
import csv
import io
import json
import os
import subprocess
import sys

import pytest

import quoteex
from quoteex import cli
from samples import LONG, NON_ASCII, SIMPLE, SPLIT, SURNAME

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
        if q["kind"] == "mixed":  # the reported clause around the fragments
            assert q["span"][0] <= q["segments"][0][0] and q["segments"][-1][1] <= q["span"][1]
        else:
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


# ------------------------------------------------ formats, globs, threads


@pytest.fixture
def corpus(tmp_path):
    """Five small files in two directories, and a file without quotes."""
    texts = {"a/one.txt": SIMPLE, "a/two.txt": SPLIT, "b/three.txt": SURNAME,
             "b/deep/four.txt": NON_ASCII, "b/five.txt": SIMPLE + SPLIT}
    for rel, text in texts.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (tmp_path / "none.txt").write_text("Nobody said anything today.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt,delim", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv(article, fmt, delim):
    res = run("--format", fmt, article)
    assert res.returncode == 0, res.stderr
    rows = list(csv.reader(io.StringIO(res.stdout), delimiter=delim))
    assert tuple(rows[0]) == cli.CSV_FIELDS
    text = article.read_text(encoding="utf-8")
    quotes = quoteex.extract(text)
    assert len(rows) == 1 + len(quotes)
    for row, q in zip(rows[1:], quotes):
        rec = dict(zip(rows[0], row))
        assert rec["file"] == str(article)
        assert rec["speaker"] == (q.speaker or "") and rec["text"] == q.text
        assert (int(rec["start"]), int(rec["end"])) == (q.start, q.end)
        assert rec["segments"] == ";".join(f"{s}:{e}" for s, e in q.segments)


def test_glob_is_expanded_recursively_and_sorted(corpus):
    res = run("--format", "jsonl", str(corpus / "**" / "*.txt"))
    assert res.returncode == 0, res.stderr
    files = []
    for line in res.stdout.splitlines():
        f = json.loads(line)["file"]
        if f not in files:
            files.append(f)
    rels = [os.path.relpath(f, corpus) for f in files]
    assert rels == sorted(rels) and len(rels) == 5  # none.txt has no quotes


def test_threads_give_the_same_output_in_input_order(corpus):
    pattern = str(corpus / "**" / "*.txt")
    one = run("--format", "jsonl", pattern)
    four = run("--format", "jsonl", "--threads", "4", pattern)
    assert one.returncode == four.returncode == 0
    assert one.stdout == four.stdout and one.stdout
    assert run("--threads", "0", pattern).returncode == 2


def test_threads_with_jsonl_input(tmp_path):
    docs = [{"id": f"d{i}", "text": t} for i, t in enumerate([SIMPLE, SPLIT, SURNAME] * 4)]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    one = run("--input", "jsonl", path)
    three = run("--input", "jsonl", "--threads", "3", path)
    assert one.returncode == three.returncode == 0
    assert one.stdout == three.stdout
    assert [json.loads(x)["id"] for x in three.stdout.splitlines()] == [d["id"] for d in docs]


def test_exit_1_when_no_quote_is_found(corpus):
    res = run(corpus / "none.txt")
    assert res.returncode == 1 and res.stdout == "" and res.stderr == ""
    assert run(stdin="Nothing quoted.\n").returncode == 1


def test_exit_2_for_bad_input_but_other_files_still_processed(corpus):
    res = run("--format", "jsonl", corpus / "missing.txt", str(corpus / "zz*.txt"),
              corpus / "a" / "one.txt")
    assert res.returncode == 2
    assert "missing.txt" in res.stderr and "zz*.txt: no file matches" in res.stderr
    assert "Alma Reyes" in res.stdout


def test_exit_3_when_the_library_skips_a_document(corpus, monkeypatch, capsys):
    monkeypatch.setattr(cli, "extractor_from_args", lambda args: quoteex.Extractor(match_limit=1))
    status = cli.main([str(corpus / "a" / "one.txt"), "--no-progress"])
    assert status == cli.EXIT_SKIPPED == 3
    assert "skipped" in capsys.readouterr().err


def test_help_documents_exit_statuses():
    out = run("--help").stdout
    assert "exit status:" in out
    for code in "0123":
        assert f"\n  {code}  " in out
    assert "--threads" in out and "csv" in out and "tsv" in out


def test_no_progress_bar_when_stderr_is_not_a_tty(corpus):
    """Piped (as here, capture_output): stderr stays completely empty."""
    res = run(str(corpus / "**" / "*.txt"))
    assert res.returncode == 0
    assert res.stderr == ""


def test_progress_bar_on_a_terminal(corpus):
    """With stderr on a pseudo-terminal the bar is drawn there, ending at 6/6;
    stdout (a pipe) holds only the quotes."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "quoteex", str(corpus / "**" / "*.txt")],
                              stdout=subprocess.PIPE, stderr=slave, timeout=120)
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if slave != -1:
            os.close(slave)
        os.close(master)
    shown = b"".join(chunks).decode()
    assert proc.returncode == 0
    assert "quoteex [" in shown and "6/6 files" in shown
    assert b"quoteex [" not in proc.stdout
    # and --no-progress keeps the terminal clean
    master, slave = pty.openpty()
    try:
        subprocess.run([sys.executable, "-m", "quoteex", "--no-progress",
                        str(corpus / "**" / "*.txt")], stdout=subprocess.DEVNULL,
                       stderr=slave, timeout=120)
        os.set_blocking(master, False)
        try:
            quiet = os.read(master, 65536)
        except (BlockingIOError, OSError):
            quiet = b""
    finally:
        os.close(slave)
        os.close(master)
    assert quiet == b""


def test_progress_class_is_silent_off_a_terminal():
    buf = io.StringIO()
    bar = cli.Progress(3, stream=buf)
    for _ in range(3):
        bar.advance(2)
    bar.close()
    assert buf.getvalue() == "" and bar.quotes == 6
