"""The ``quoteex`` command: print the quotes of text files or JSONL documents."""
from __future__ import annotations

import argparse
import csv
import glob
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Any, TypeVar

from . import __version__, libquote_version, pcre2_version
from ._quoteex import Extractor, LexiconError, PatternError, Quote, QuoteexError
from .predict import InputError, dumps, predict, read_documents, safe_text
from .progress import Progress

T = TypeVar("T")
R = TypeVar("R")

PROG = "quoteex"

# Exit statuses, most serious first when several apply.
EXIT_QUOTES = 0      # every input read, at least one quote found
EXIT_NO_QUOTES = 1   # every input read, no quote in any of them (like grep)
EXIT_BAD_INPUT = 2   # bad usage, or an input that could not be read or parsed
EXIT_SKIPPED = 3     # some document was skipped by the library (e.g. a PCRE2 limit)

EPILOG = """\
examples:
  quoteex article.txt                      readable blocks, one per quote
  cat article.txt | quoteex                stdin when no file (or '-') is given
  quoteex --format jsonl a.txt b.txt       one JSON object per quote, with its file
  quoteex --format csv 'corpus/**/*.txt' > quotes.csv
                                           a glob (quoted: expanded by quoteex, ** recurses)
  quoteex --format tsv --threads 4 news/*.txt
                                           four files at a time; output stays in input order
  quoteex --input jsonl gold.jsonl > pred.jsonl
                                           {"id", "text"} lines in, scorer predictions out
  quoteex --no-indirect --keep-pronouns article.txt

Offsets are str (code point) indices into the decoded text. With several
files and a terminal on stderr, a progress bar is drawn there (never when
stderr is a pipe or a file; --no-progress turns it off).

exit status:
  0  every input was read and at least one quote was found
  1  every input was read but no quote was found (like grep)
  2  bad usage, or an input could not be read: a missing file, a glob that
     matches nothing, invalid UTF-8 (see --lenient-utf8), a bad JSONL line;
     the other files are still processed and each problem is named on stderr
  3  some document was skipped because the library could not finish it
     (e.g. a PCRE2 resource limit); a warning names it
"""

CSV_FIELDS = ("file", "kind", "start", "end", "speaker", "speaker_text", "role_text",
              "cue_text", "cue_lemma", "rule", "confidence", "text", "segments")


class UsageError(Exception):
    """Bad input or options: reported on stderr with exit status 2."""


def positive_int(value: str) -> int:
    """argparse type for --threads."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def add_extractor_options(parser: argparse.ArgumentParser) -> None:
    """The options that build the Extractor; shared with quoteex.evaluate."""
    g = parser.add_argument_group("extractor options")
    g.add_argument("--keep-pronouns", action="store_true",
                   help="report he/she/they as the speaker instead of resolving them to a name")
    g.add_argument("--no-indirect", action="store_true",
                   help="report quote-marked speech only, no reported speech")
    g.add_argument("--keep-unattributed", action="store_true",
                   help="keep short quotes with no speaker (scare quotes)")
    g.add_argument("--keep-headline", action="store_true",
                   help="keep the quotes of a headline line (left out: they repeat the article's)")
    g.add_argument("--lenient-utf8", action="store_true",
                   help="read invalid UTF-8 as U+FFFD instead of failing")
    g.add_argument("--no-jit", action="store_true", help="run PCRE2 without its JIT compiler")
    g.add_argument("--rules", metavar="FILE", help="add the rules in FILE to the built-in ones")
    g.add_argument("--replace-rules", action="store_true",
                   help="drop the built-in rules (use with --rules)")


def extractor_from_args(args: argparse.Namespace) -> Extractor:
    """Build the Extractor the options ask for; UsageError when they are bad."""
    try:
        return Extractor(keep_pronouns=args.keep_pronouns, indirect=not args.no_indirect,
                         keep_unattributed=args.keep_unattributed,
                         keep_headline=args.keep_headline, lenient_utf8=args.lenient_utf8, jit=not args.no_jit,
                         rules_file=args.rules, replace_rules=args.replace_rules)
    except (PatternError, LexiconError, OSError) as exc:
        raise UsageError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The command line of quoteex."""
    p = argparse.ArgumentParser(
        prog=PROG, description="Find quotes and their speakers in news text.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="input files or glob patterns ('**' recurses); '-' or none for stdin")
    p.add_argument("--input", choices=("text", "jsonl"), default="text",
                   help="text: each FILE is one document (default); "
                        "jsonl: one {\"id\", \"text\"} object per line")
    p.add_argument("--format", choices=("text", "jsonl", "csv", "tsv"),
                   help="text: readable blocks; jsonl: one JSON object per quote, or with "
                        "--input jsonl one prediction line per document; csv/tsv: a header "
                        "and one row per quote (default: text, or jsonl with --input jsonl)")
    p.add_argument("--threads", type=positive_int, default=1, metavar="N",
                   help="extract N documents at a time (the library releases the GIL); "
                        "output order is still input order (default: 1)")
    p.add_argument("--no-progress", action="store_true",
                   help="never draw the progress bar (it is only drawn on a terminal anyway)")
    p.add_argument("--version", action="version",
                   version=f"%(prog)s {__version__} (libquote {libquote_version}, "
                           f"PCRE2 {pcre2_version})")
    add_extractor_options(p)
    return p


# ----------------------------------------------------------------- input

def _open_binary(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(name, "rb")
    except OSError as exc:
        raise UsageError(f"{name}: {exc.strerror or exc}") from None


_GLOB_CHARS = frozenset("*?[")


def expand_inputs(patterns: Sequence[str]) -> tuple[list[str], list[str]]:
    """The files named by patterns, in order, and the patterns that matched
    nothing. A name that exists is used as is, even with glob characters in it
    (the shell has usually expanded them already); otherwise a pattern with
    * ? [ is expanded here, sorted, with ** matching any depth."""
    files: list[str] = []
    unmatched: list[str] = []
    for pat in patterns:
        if pat == "-" or os.path.exists(pat) or not (_GLOB_CHARS & set(pat)):
            files.append(pat)
            continue
        found = sorted(p for p in glob.glob(pat, recursive=True) if os.path.isfile(p))
        if found:
            files.extend(found)
        else:
            unmatched.append(pat)
    return files, unmatched


def _display(name: str) -> str:
    return "<stdin>" if name == "-" else name


def read_text(name: str, lenient: bool) -> str:
    """The whole file as str; invalid UTF-8 is an error unless lenient."""
    f = _open_binary(name)
    try:
        data = f.read()
    finally:
        if f is not sys.stdin.buffer:
            f.close()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if lenient:
            return data.decode("utf-8", "replace")
        raise UsageError(f"{_display(name)}: invalid UTF-8 at byte {exc.start} "
                         f"(use --lenient-utf8 to read it anyway)") from None


def iter_jsonl(name: str, lenient: bool) -> Iterator[tuple[str, str]]:
    """(id, text) of each document line of a JSONL file."""
    f = _open_binary(name)
    stream = io.TextIOWrapper(f, encoding="utf-8", errors="replace" if lenient else "strict")
    display = _display(name)
    try:
        for _, doc_id, text in read_documents(stream, display):
            # a lone surrogate (JSON "\ud800") cannot go to UTF-8; U+FFFD keeps offsets
            yield doc_id, safe_text(text)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{display}: invalid UTF-8 ({exc.reason}); "
                         "use --lenient-utf8 to read it anyway") from None
    finally:
        if f is sys.stdin.buffer:
            stream.detach()
        else:
            stream.close()


# ----------------------------------------------------------------- output

def _span(span: tuple[int, int] | None, text: str | None) -> str:
    return "-" if span is None else f"{text}  [{span[0]}:{span[1]}]"


def format_block(q: Quote, n: int) -> str:
    """A quote as a few readable lines."""
    lines = [f"[{n}] {q.kind} quote at {q.start}:{q.end}"
             + (" (continued)" if q.continued else "") + (" (unclosed)" if q.unclosed else ""),
             f"    {q.text}" if q.kind == "indirect" else f"    \u201c{q.text}\u201d",
             f"    speaker:    {q.speaker if q.speaker is not None else '-'}"
             + (f"   (mention: {q.speaker_text} [{q.speaker_mention[0]}:{q.speaker_mention[1]}])"
                if q.speaker_mention and q.speaker_text != q.speaker else ""),
             f"    role:       {_span(q.role, q.role_text)}",
             f"    cue:        {_span(q.cue, q.cue_text)}"
             + (f"   ({q.cue_lemma})" if q.cue_lemma else ""),
             f"    rule:       {q.rule}   confidence {q.confidence:.2f}"]
    return "\n".join(lines)


def write_text(out: IO[str], label: str | None, quotes: list[Quote]) -> None:
    """Readable blocks, under a "== label ==" header when label is given."""
    if label is not None:
        out.write(f"== {label} ==\n")
    for n, q in enumerate(quotes, 1):
        out.write(format_block(q, n) + "\n\n")


def write_jsonl(out: IO[str], label: str, quotes: list[Quote]) -> None:
    """One JSON object per quote: {"file": label, **Quote.as_dict()}."""
    for q in quotes:
        rec: dict[str, Any] = {"file": label, **q.as_dict()}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _segments_cell(q: Quote) -> str:
    return ";".join(f"{s}:{e}" for s, e in q.segments)


class TableWriter:
    """csv or tsv: a header row, then one row per quote (CSV_FIELDS)."""

    def __init__(self, out: IO[str], delimiter: str) -> None:
        self.writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        self.writer.writerow(CSV_FIELDS)

    def write(self, label: str, quotes: list[Quote]) -> None:
        """The rows of one document's quotes."""
        for q in quotes:
            self.writer.writerow([label, q.kind, q.start, q.end, q.speaker or "",
                                  q.speaker_text or "", q.role_text or "", q.cue_text or "",
                                  q.cue_lemma or "", q.rule, f"{q.confidence:.3f}", q.text,
                                  _segments_cell(q)])


# ----------------------------------------------------------------- main

def extract_or_warn(extractor: Extractor, text: str, where: str, failed: list[str]) -> list[Quote]:
    """The quotes of one document; a document the library cannot finish is
    reported on stderr and counted, and the run goes on."""
    try:
        return extractor.extract(text)
    except QuoteexError as exc:
        print(f"{PROG}: warning: {where}: skipped: {exc}", file=sys.stderr)
        failed.append(where)
        return []


def ordered_map(fn: Callable[[T], R], items: Iterable[T], threads: int) -> Iterator[R]:
    """fn over items, results in input order, at most threads at a time and a
    bounded number of results waiting, so a million files do not pile up."""
    if threads <= 1:
        yield from map(fn, items)
        return
    window = threads * 4
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="quoteex") as pool:
        pending: list[Future[R]] = []
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()


class Outcome:
    """What happened to one input: its quotes, or why it has none."""

    __slots__ = ("label", "quotes", "error", "skipped")

    def __init__(self, label: str, quotes: list[Quote] | None = None, error: str | None = None,
                 skipped: str | None = None) -> None:
        self.label = label
        self.quotes = quotes or []
        self.error = error      # unreadable input: exit 2
        self.skipped = skipped  # the library gave up on it: exit 3


def _process_file(extractor: Extractor, name: str, lenient: bool) -> Outcome:
    label = _display(name)
    try:
        text = read_text(name, lenient)
    except UsageError as exc:
        return Outcome(label, error=str(exc))
    try:
        return Outcome(label, quotes=extractor.extract(text))
    except QuoteexError as exc:
        return Outcome(label, skipped=str(exc))


def _run_jsonl(args: argparse.Namespace, extractor: Extractor, files: list[str], fmt: str,
               out: IO[str], status: dict[str, bool]) -> None:
    """--input jsonl: one document per line; a bad line stops that file."""
    table = TableWriter(out, "," if fmt == "csv" else "\t") if fmt in ("csv", "tsv") else None
    failed: list[str] = []

    def work(doc: tuple[str, str, str]) -> tuple[str, str, list[Quote]]:
        where, doc_id, text = doc
        return doc_id, text, extract_or_warn(extractor, text, where, failed)

    for name in files:
        docs = ((f"{_display(name)}: {i}", i, t) for i, t in iter_jsonl(name, args.lenient_utf8))
        try:
            for doc_id, text, quotes in ordered_map(work, docs, args.threads):
                status["found"] |= bool(quotes)
                if table is not None:
                    table.write(doc_id, quotes)
                elif fmt == "jsonl":
                    record, _ = predict(extractor, doc_id, text, quotes)
                    out.write(dumps(record) + "\n")
                else:
                    write_text(out, doc_id, quotes)
        except UsageError as exc:
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            status["bad"] = True
    status["skipped"] |= bool(failed)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Process every input and return the exit status (EXIT_*)."""
    extractor = extractor_from_args(args)
    files, unmatched = expand_inputs(args.files or ["-"])
    fmt = args.format or ("jsonl" if args.input == "jsonl" else "text")
    status = {"found": False, "bad": False, "skipped": False}
    for pat in unmatched:
        print(f"{PROG}: error: {pat}: no file matches this pattern", file=sys.stderr)
        status["bad"] = True

    if args.input == "jsonl":
        _run_jsonl(args, extractor, files, fmt, out, status)
    else:
        table = TableWriter(out, "," if fmt == "csv" else "\t") if fmt in ("csv", "tsv") else None
        bar = Progress(len(files), enabled=len(files) > 1 and not args.no_progress)
        try:
            results = ordered_map(lambda n: _process_file(extractor, n, args.lenient_utf8),
                                  files, args.threads)
            for res in results:
                bar.advance(len(res.quotes))
                if res.error is not None:
                    bar.clear()
                    print(f"{PROG}: error: {res.error}", file=sys.stderr)
                    status["bad"] = True
                    continue
                if res.skipped is not None:
                    bar.clear()
                    print(f"{PROG}: warning: {res.label}: skipped: {res.skipped}", file=sys.stderr)
                    status["skipped"] = True
                    continue
                status["found"] |= bool(res.quotes)
                if table is not None:
                    table.write(res.label, res.quotes)
                elif fmt == "jsonl":
                    write_jsonl(out, res.label, res.quotes)
                else:
                    write_text(out, res.label if len(files) > 1 else None, res.quotes)
        finally:
            bar.close()
    if status["bad"]:
        return EXIT_BAD_INPUT
    if status["skipped"]:
        return EXIT_SKIPPED
    return EXIT_QUOTES if status["found"] else EXIT_NO_QUOTES


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the quoteex command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status = run(args, sys.stdout)
        sys.stdout.flush()
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # the reader went away (quoteex ... | head): stop quietly, and keep
        # Python from reporting the failed flush at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
