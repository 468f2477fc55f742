"""The ``quoteex`` command: print the quotes of text files or JSONL documents."""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
from typing import IO, Any, Iterator, Sequence

from . import __version__, libquote_version, pcre2_version
from ._quoteex import Extractor, LexiconError, PatternError, Quote, QuoteexError
from .predict import InputError, dumps, predict, read_documents, safe_text

PROG = "quoteex"

EPILOG = """\
examples:
  quoteex article.txt                      readable blocks, one per quote
  cat article.txt | quoteex                stdin when no file (or '-') is given
  quoteex --format jsonl a.txt b.txt       one JSON object per quote, with its file
  quoteex --input jsonl gold.jsonl > pred.jsonl
                                           {"id", "text"} lines in, scorer predictions out
  quoteex --no-indirect --keep-pronouns article.txt

Offsets are str (code point) indices into the decoded text.
Exit status: 0 on success; 1 when some document could not be processed
(a warning names it, e.g. a PCRE2 resource limit); 2 on bad usage or
unreadable input (the message names the file).
"""


class UsageError(Exception):
    """Bad input or options: reported on stderr with exit status 2."""


def add_extractor_options(parser: argparse.ArgumentParser) -> None:
    """The options that build the Extractor; shared with quoteex.evaluate."""
    g = parser.add_argument_group("extractor options")
    g.add_argument("--keep-pronouns", action="store_true",
                   help="report he/she/they as the speaker instead of resolving them to a name")
    g.add_argument("--no-indirect", action="store_true",
                   help="report quote-marked speech only, no reported speech")
    g.add_argument("--keep-unattributed", action="store_true",
                   help="keep short quotes with no speaker (scare quotes)")
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
                         lenient_utf8=args.lenient_utf8, jit=not args.no_jit,
                         rules_file=args.rules, replace_rules=args.replace_rules)
    except (PatternError, LexiconError, OSError) as exc:
        raise UsageError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The command line of quoteex."""
    p = argparse.ArgumentParser(
        prog=PROG, description="Find quotes and their speakers in news text.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="FILE", help="input files; '-' or none for stdin")
    p.add_argument("--input", choices=("text", "jsonl"), default="text",
                   help="text: each FILE is one document (default); "
                        "jsonl: one {\"id\", \"text\"} object per line")
    p.add_argument("--format", choices=("text", "jsonl"),
                   help="text: readable blocks; jsonl: one JSON object per quote, or with "
                        "--input jsonl one prediction line per document "
                        "(default: text, or jsonl with --input jsonl)")
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


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Process every input; 1 when some document was skipped, else 0."""
    extractor = extractor_from_args(args)
    files = args.files or ["-"]
    fmt = args.format or ("jsonl" if args.input == "jsonl" else "text")
    failed: list[str] = []
    for name in files:
        if args.input == "jsonl":
            for doc_id, text in iter_jsonl(name, args.lenient_utf8):
                quotes = extract_or_warn(extractor, text, f"{_display(name)}: {doc_id}", failed)
                if fmt == "jsonl":
                    record, _ = predict(extractor, doc_id, text, quotes)
                    out.write(dumps(record) + "\n")
                else:
                    write_text(out, doc_id, quotes)
            continue
        text = read_text(name, args.lenient_utf8)
        quotes = extract_or_warn(extractor, text, _display(name), failed)
        if fmt == "jsonl":
            write_jsonl(out, _display(name), quotes)
        else:
            write_text(out, _display(name) if len(files) > 1 else None, quotes)
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the quoteex command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status = run(args, sys.stdout)
        sys.stdout.flush()
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
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
