"""Run quoteex over a gold JSONL file, score it, and write an error report.

    python -m quoteex.evaluate GOLD.jsonl [--pred-out P] [--report R] [--scorer PATH]

Predictions are made exactly as ``quoteex --input jsonl`` makes them. The
scorer is the project's shared one (shared/eval/score.py, found upward from
the current directory unless --scorer is given); it is loaded at run time and
never needed to import this module. The report lists missed gold segments,
spurious predicted segments and wrong speakers, each with its context and the
rule that fired, judged by the scorer's own matching and speaker rules.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Sequence

from ._quoteex import Quote
from .cli import UsageError, add_extractor_options, extract_or_warn, extractor_from_args, iter_jsonl
from .predict import dumps, predict

PROG = "python -m quoteex.evaluate"
CONTEXT = 150  # characters of context shown around each item


# ----------------------------------------------------------------- scorer

def find_scorer(explicit: str | None) -> Path:
    """--scorer, else shared/eval/score.py in the cwd or a parent (the repo's ../shared)."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise UsageError(f"{explicit}: scorer not found")
        return path
    starts = [Path.cwd().resolve(), Path(__file__).resolve().parent]
    for start in starts:
        for d in (start, *start.parents):
            candidate = d / "shared" / "eval" / "score.py"
            if candidate.is_file():
                return candidate
    raise UsageError("shared/eval/score.py not found above the current directory; "
                     "pass --scorer PATH")


def load_scorer(path: Path) -> ModuleType:
    """score.py as a module, for its matching and speaker rules."""
    spec = importlib.util.spec_from_file_location("quoteex_eval_scorer", path)
    if spec is None or spec.loader is None:
        raise UsageError(f"{path}: cannot load the scorer")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look modules up by name
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------- predictions

def write_predictions(args: argparse.Namespace, pred_path: Path) -> dict[str, list[Quote]]:
    """Predict every gold document into pred_path; the Quote behind each record, by id."""
    extractor = extractor_from_args(args)
    behind: dict[str, list[Quote]] = {}
    failed: list[str] = []
    try:
        with open(pred_path, "w", encoding="utf-8") as out:
            # the CLI's --input jsonl path, so the evaluated output is the CLI's
            for doc_id, text in iter_jsonl(args.gold, args.lenient_utf8):
                quotes = extract_or_warn(extractor, text, f"{args.gold}: {doc_id}", failed)
                record, behind[doc_id] = predict(extractor, doc_id, text, quotes)
                out.write(dumps(record) + "\n")
    except OSError as exc:
        raise UsageError(f"{pred_path}: {exc.strerror or exc}") from None
    return behind


# ----------------------------------------------------------------- matching

@dataclass
class Item:
    category: str            # "missed", "spurious", "wrong speaker", "correct"
    doc: dict[str, Any]      # the scorer's gold document
    span: tuple[int, int]    # the segment, normalised as the scorer does
    rule: str                # rule of the predicted quote ("-" for a missed gold segment)
    gold: dict[str, Any] | None = None
    pred: dict[str, Any] | None = None
    quote: Quote | None = None
    note: str = ""
    kind: str = ""           # which kind of miss or spurious segment (ERROR_KINDS)


Unit = tuple[int, int, int]  # normalised start, end, index of its quote

SHORT_WORDS = 3  # a quote of at most this many words is "short" (often a scare quote)

# Why a gold segment was missed or a predicted one is spurious, in report order.
# Kinds differ in how far rules can reach them: a gold segment inside a quote
# we found whole is usually the gold splitting one pair of marks into two
# attributions, and short quotes are speech or scare quotes by context alone.
ERROR_KINDS = (
    ("missed", "inside a found quote", "inside a predicted segment matched to another gold segment"),
    ("missed", "partial overlap", "overlaps a prediction, Jaccard below 0.5"),
    ("missed", "short, not found", f"at most {SHORT_WORDS} words, no prediction overlaps it"),
    ("missed", "longer, not found", f"over {SHORT_WORDS} words, no prediction overlaps it"),
    ("spurious", "overlaps gold", "overlaps a gold segment, Jaccard below 0.5"),
    ("spurious", "no speaker", "no gold overlaps it; predicted without a speaker"),
    ("spurious", "short, with speaker", f"no gold overlaps it; at most {SHORT_WORDS} words"),
    ("spurious", "longer, with speaker", f"no gold overlaps it; over {SHORT_WORDS} words"),
)


def _words(text: str, s: int, e: int) -> int:
    return len(text[s:e].split())


def _units(sc: ModuleType, text: str, quotes: list[dict[str, Any]], gold: bool) -> list[Unit]:
    units: list[Unit] = []
    for qi, q in enumerate(quotes):
        if (q["kind"] in ("direct", "mixed")) if gold else (q["kind"] != "indirect"):
            for s, e in q["segments"]:
                units.append((*sc.norm_span(text, s, e), qi))
    return units


def _overlap_finder(sc: ModuleType, units: list[Unit]) -> Callable[[int, int], Iterable[int]]:
    """overlapping(s, e) -> indices of units overlapping [s, e): the scorer's
    interval index when it has one, else a scan (long novels need the index)."""
    index_type = getattr(sc, "_Index", None)
    if index_type is not None:
        return index_type(units).overlapping  # type: ignore[no-any-return]
    return lambda s, e: (i for i, (us, ue, _) in enumerate(units) if min(ue, e) > max(us, s))


def classify(sc: ModuleType, gdoc: dict[str, Any], pquotes: list[dict[str, Any]],
             quotes: list[Quote]) -> list[Item]:
    """The scorer's overlap matching for one document (README §4 (a), (b)), itemised."""
    text, gq = gdoc["text"], gdoc["quotes"]
    golds, preds = _units(sc, text, gq, True), _units(sc, text, pquotes, False)
    names = sc.DocNames(gq)

    def correct(gi: int, pi: int) -> bool:
        return bool(sc.speaker_correct(gdoc["corpus"], text, gq[golds[gi][2]],
                                       pquotes[preds[pi][2]], names)[0])

    overlapping = _overlap_finder(sc, preds)
    cand: list[tuple[float, bool, int, int, int]] = []
    for gi, (gs, ge, _) in enumerate(golds):
        for pi in overlapping(gs, ge) if gs < ge else ():
            ps, pe, _ = preds[pi]
            inter, union = min(ge, pe) - max(gs, ps), max(ge, pe) - min(gs, ps)
            if 2 * inter >= union:
                cand.append((-inter / union, not correct(gi, pi), abs(gs - ps) + abs(ge - pe), gi, pi))
    cand.sort()
    items: list[Item] = []
    used_g: dict[int, int] = {}
    used_p: set[int] = set()
    for _, wrong, _, gi, pi in cand:
        if gi in used_g or pi in used_p:
            continue
        used_g[gi] = pi
        used_p.add(pi)
        qi = preds[pi][2]
        items.append(Item("wrong speaker" if wrong else "correct", gdoc, preds[pi][:2],
                          quotes[qi].rule, gq[golds[gi][2]], pquotes[qi], quotes[qi]))
    for gi, (gs, ge, gqi) in enumerate(golds):
        if gi in used_g or gs >= ge:
            continue
        near = max(((min(ge, preds[pi][1]) - max(gs, preds[pi][0]), pi)
                    for pi in overlapping(gs, ge)), default=None)
        note, rule = "no prediction overlaps it", "-"
        kind = "short, not found" if _words(text, gs, ge) <= SHORT_WORDS else "longer, not found"
        if near:
            ps, pe, pqi = preds[near[1]]
            rule = quotes[pqi].rule
            union = max(ge, pe) - min(gs, ps)
            note = f"best overlap: predicted [{ps}, {pe}] by {rule}, Jaccard {near[0] / union:.2f}"
            inside = near[1] in used_p and 5 * near[0] >= 4 * (ge - gs)
            kind = "inside a found quote" if inside else "partial overlap"
        items.append(Item("missed", gdoc, (gs, ge), rule, gq[gqi], note=note, kind=kind))
    gold_overlapping = _overlap_finder(sc, golds)
    for pi, (ps, pe, pqi) in enumerate(preds):
        if pi not in used_p:
            if any(True for _ in gold_overlapping(ps, pe)):
                kind = "overlaps gold"
            elif pquotes[pqi]["speaker"] is None:
                kind = "no speaker"
            elif _words(text, ps, pe) <= SHORT_WORDS:
                kind = "short, with speaker"
            else:
                kind = "longer, with speaker"
            items.append(Item("spurious", gdoc, (ps, pe), quotes[pqi].rule, None, pquotes[pqi],
                              quotes[pqi], kind=kind))
    return items


# ----------------------------------------------------------------- report

def context(text: str, s: int, e: int) -> str:
    """About CONTEXT characters around text[s:e], the span itself in ⟦ ⟧, on one line."""
    half = CONTEXT // 2
    inner = text[s:e] if e - s <= 2 * CONTEXT else f"{text[s:s + CONTEXT]} … {text[e - CONTEXT:e]}"
    left, right = text[max(0, s - half):s], text[e:e + half]
    out = ("…" if s > half else "") + left + "⟦" + inner + "⟧" + right + ("…" if e + half < len(text) else "")
    return " ".join(out.split())


def _mention(text: str, span: Any) -> str:
    return "none" if span is None else f"“{text[span[0]:span[1]]}” [{span[0]}, {span[1]}]"


def describe(item: Item) -> list[str]:
    """Markdown lines for one reported item."""
    text, doc = item.doc["text"], item.doc
    lines = [f"### {doc['corpus']} · {doc['id']} · [{item.span[0]}, {item.span[1]}]", ""]
    if item.gold is not None:
        lines.append(f"- gold: speaker {item.gold['speaker']!r}, mention "
                     f"{_mention(text, item.gold['speaker_mention'])}, kind {item.gold['kind']}")
    if item.quote is not None:
        q = item.quote
        lines.append(f"- predicted: speaker {q.speaker!r}, mention {_mention(text, q.speaker_mention)}, "
                     f"kind {q.kind}, rule `{q.rule}`, confidence {q.confidence:.2f}, "
                     f"cue {q.cue_text!r}")
    if item.kind:
        lines.append(f"- kind: {item.kind}")
    if item.note:
        lines.append(f"- {item.note}")
    lines += ["", f"> {context(text, *item.span)}", ""]
    return lines


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def error_kinds(items: list[Item]) -> list[str]:
    """Report lines: missed and spurious segments by kind, each with the direct
    F1 that fixing every error of that kind, and no other, would give."""
    cats = Counter(i.category for i in items)
    kinds = Counter((i.category, i.kind) for i in items)
    tp = cats["correct"] + cats["wrong speaker"]
    n_pred, n_gold = tp + cats["spurious"], tp + cats["missed"]
    out = ["", "## Error kinds (direct segments)", "",
           f"Direct F1 now: {_f1(tp, n_pred, n_gold):.4f}. A missed segment fixed is one more "
           "matched prediction; a spurious one fixed is one prediction fewer.", "",
           "| category | kind | segments | F1 if all fixed | what it means |", "|---|---|---:|---:|---|"]
    for cat, kind, meaning in ERROR_KINDS:
        n = kinds[(cat, kind)]
        fixed = _f1(tp + n, n_pred + n, n_gold) if cat == "missed" else _f1(tp, n_pred - n, n_gold)
        out.append(f"| {cat} | {kind} | {n} | {fixed:.4f} | {meaning} |")
    return out


def render_report(items: list[Item], gold: str, pred: Path, max_items: int) -> str:
    """The whole Markdown report: counts first, then the items of each category."""
    cats = Counter(i.category for i in items)
    out = ["# quoteex error report", "", f"- gold: `{gold}`", f"- predictions: `{pred}`",
           "- matching and speaker rules: the scorer's (overlap = character Jaccard >= 0.5 of "
           "normalised segments); indirect predictions are not scored and not listed", "",
           "## Counts by category", "", "| category | segments |", "|---|---:|"]
    out += [f"| {c} | {cats[c]} |" for c in ("correct", "wrong speaker", "missed", "spurious")]

    by_corpus: dict[str, Counter[str]] = {}
    for i in items:
        by_corpus.setdefault(i.doc["corpus"], Counter())[i.category] += 1
    if len(by_corpus) > 1:
        out += ["", "| corpus | correct | wrong speaker | missed | spurious |", "|---|---:|---:|---:|---:|"]
        out += [f"| {k} | {v['correct']} | {v['wrong speaker']} | {v['missed']} | {v['spurious']} |"
                for k, v in sorted(by_corpus.items())]

    out += error_kinds(items)

    rules: dict[str, Counter[str]] = {}
    for i in items:
        if i.category != "missed":
            rules.setdefault(i.rule, Counter())[i.category] += 1
    out += ["", "## Counts by rule (predicted segments)", "",
            "| rule | predicted | matched | spurious | wrong speaker | precision | speaker acc |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for rule, c in sorted(rules.items(), key=lambda kv: -sum(kv[1].values())):
        matched = c["correct"] + c["wrong speaker"]
        total = matched + c["spurious"]
        acc = f"{100 * c['correct'] / matched:.1f}" if matched else "-"
        out.append(f"| `{rule}` | {total} | {matched} | {c['spurious']} | {c['wrong speaker']} | "
                   f"{100 * matched / total:.1f} | {acc} |")

    for cat, title in (("missed", "Missed gold segments"), ("spurious", "Spurious predictions"),
                       ("wrong speaker", "Wrong speakers")):
        chosen = [i for i in items if i.category == cat]
        shown = chosen if max_items <= 0 else chosen[:max_items]
        out += ["", f"## {title} ({len(chosen)})", ""]
        if len(shown) < len(chosen):
            out += [f"Showing the first {len(shown)}; --max-items 0 lists all.", ""]
        for i in shown:
            out += describe(i)
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------- main

def build_parser() -> argparse.ArgumentParser:
    """The command line of quoteex.evaluate."""
    p = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    p.add_argument("gold", help="gold JSONL (shared/eval/README.md §2)")
    p.add_argument("--pred-out", default="quoteex-pred.jsonl", metavar="P",
                   help="where to write the predictions (default: %(default)s)")
    p.add_argument("--report", default="quoteex-report.md", metavar="R",
                   help="where to write the error report (default: %(default)s)")
    p.add_argument("--scorer", metavar="PATH",
                   help="score.py to use (default: shared/eval/score.py found upward from the cwd)")
    p.add_argument("--max-items", type=int, default=200, metavar="N",
                   help="items listed per category in the report; 0 for all (default: %(default)s)")
    add_extractor_options(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Predict, score and report; returns the exit status (2 on bad input)."""
    args = build_parser().parse_args(argv)
    try:
        scorer_path = find_scorer(args.scorer)
        pred_path = Path(args.pred_out)
        behind = write_predictions(args, pred_path)
        table = subprocess.run([sys.executable, str(scorer_path), args.gold, str(pred_path)],
                               capture_output=True, text=True)
        sys.stdout.write(table.stdout)
        if table.returncode != 0:
            raise UsageError(f"scorer failed ({table.returncode}): {table.stderr.strip()}")
        sc = load_scorer(scorer_path)
        gold = sc.load_gold(args.gold)
        preds = sc.load_pred(str(pred_path), gold)
        items = [it for did, gdoc in gold.items()
                 for it in classify(sc, gdoc, preds.get(did, []), behind.get(did, []))]
        report = render_report(items, args.gold, pred_path, args.max_items)
        try:
            Path(args.report).write_text(report, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.report}: {exc.strerror or exc}") from None
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    cats = Counter(i.category for i in items)
    print(f"\npredictions: {pred_path}\nreport: {args.report} ({cats['missed']} missed, "
          f"{cats['spurious']} spurious, {cats['wrong speaker']} wrong speakers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
