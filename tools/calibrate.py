#!/usr/bin/env python3
"""Fit the confidence calibration table on a development set, and report it.

    python3 tools/calibrate.py [GOLD.jsonl] [--scorer PATH] [--use-installed]

Default GOLD: ../shared/eval-data/polnear-dev.jsonl next to the repository.
One command, re-runnable after any change to rules.txt or the attribution
code. It
 1. builds this checkout's quoteex (tools/devbuild.py) and extracts every
    document with calibration off (the rules' own CONF);
 2. judges every predicted segment with the scorer's own matching and speaker
    rules (quoteex.evaluate.classify): right speaker, wrong speaker, or
    spurious (no gold quote; counts as wrong: a record's confidence is the
    chance that it is a quote with the right speaker);
 3. fits, per rule and per kind of speaker mention (name, pronoun, desc), the
    fraction of right records, shrunk towards the rule's figure (and that
    towards the rule's CONF) when there are few records;
 4. writes libquote/data/calibration.txt and regenerates builtin_data.c;
 5. prints the expected calibration error before and after (in-sample and
    2-fold cross-validated by document), the scorer's attributed
    precision/recall for a range of min_confidence values (real runs of the
    calibrated extractor through the scorer), and draws docs/reliability.png.
Reads the gold file at run time only; nothing from it is written but counts.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devbuild import ROOT, load_quoteex  # noqa: E402

DATA = ROOT / "libquote" / "data" / "calibration.txt"
PNG = ROOT / "docs" / "reliability.png"
DEFAULT_GOLD = ROOT.parent / "shared" / "eval-data" / "polnear-dev.jsonl"
THRESHOLDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
BINS = 10
RULE_PRIOR = 4.0   # pseudo-records of the rule's CONF behind a rule's figure
CELL_PRIOR = 8.0   # pseudo-records of the rule's figure behind a rule x feature cell
MIN_CELL = 5       # fewer records than this: the cell is not written
HEADER = DATA.read_text("utf-8").split("\n\n")[0] if DATA.exists() else ""


@dataclass
class Rec:
    doc: str
    rule: str
    feature: str
    conf: float        # raw: the rule's CONF
    right: bool
    has_speaker: bool


def feature(q) -> str:
    """The same as calibrate.c's record_feature."""
    if q.pronoun:
        return "pronoun"
    m = q.speaker_mention
    if m is not None and m[0] < m[1] and q.speaker_text[:1].islower():
        return "desc"
    return "name"


def collect(qx, ev, sc, gold, ex) -> tuple[list[Rec], int]:
    """Every scored predicted segment, and the number of gold segments."""
    from quoteex.predict import predict
    recs: list[Rec] = []
    n_gold = 0
    for doc_id, gdoc in gold.items():
        quotes = ex.extract(gdoc["text"])
        pred, kept = predict(ex, doc_id, gdoc["text"], quotes)
        for item in ev.classify(sc, gdoc, pred["quotes"], kept):
            if item.category == "missed":
                n_gold += 1
                continue
            if item.category in ("correct", "wrong speaker"):
                n_gold += 1
            q = item.quote
            recs.append(Rec(doc_id, q.rule, feature(q), q.confidence, item.category == "correct",
                            q.speaker is not None or q.speaker_mention is not None))
    return recs, n_gold


def fit(recs: list[Rec]) -> dict[tuple[str, str | None], float]:
    """{(rule, None): p, (rule, feature): p} from records with a speaker."""
    by_rule: dict[str, list[Rec]] = defaultdict(list)
    for r in recs:
        if r.has_speaker:
            by_rule[r.rule].append(r)
    table: dict[tuple[str, str | None], float] = {}
    for rule, rs in by_rule.items():
        prior = sum(r.conf for r in rs) / len(rs)
        p_rule = (sum(r.right for r in rs) + RULE_PRIOR * prior) / (len(rs) + RULE_PRIOR)
        table[(rule, None)] = p_rule
        cells: dict[str, list[Rec]] = defaultdict(list)
        for r in rs:
            cells[r.feature].append(r)
        for feat, cs in cells.items():
            if len(cs) >= MIN_CELL and len(cells) > 1:
                table[(rule, feat)] = (sum(r.right for r in cs) + CELL_PRIOR * p_rule) / (len(cs) + CELL_PRIOR)
    return {k: min(0.99, max(0.02, v)) for k, v in table.items()}


def apply(table, r: Rec) -> float:
    if not r.has_speaker:
        return 0.0
    return table.get((r.rule, r.feature), table.get((r.rule, None), r.conf))


def ece(confs: list[float], rights: list[bool]) -> tuple[float, list[tuple[float, float, int]]]:
    """Expected calibration error over BINS equal-width bins, and the bins (conf, acc, n)."""
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(BINS)]
    for c, ok in zip(confs, rights):
        bins[min(BINS - 1, int(c * BINS))].append((c, ok))
    total, err, out = len(confs), 0.0, []
    for b in bins:
        if b:
            mc = sum(c for c, _ in b) / len(b)
            acc = sum(ok for _, ok in b) / len(b)
            err += len(b) / total * abs(mc - acc)
            out.append((mc, acc, len(b)))
    return err, out


def cross_validated(recs: list[Rec]) -> list[float]:
    """Each record's confidence from a table fitted on the other half of the documents."""
    docs = sorted({r.doc for r in recs})
    fold = {d: i % 2 for i, d in enumerate(docs)}
    tables = [fit([r for r in recs if fold[r.doc] != k]) for k in (0, 1)]
    return [apply(tables[fold[r.doc]], r) for r in recs]


def render_table(table) -> str:
    lines = [HEADER.rstrip("\n"), ""] if HEADER else []
    for rule in sorted({k[0] for k in table}):
        lines.append(f"{rule} {table[(rule, None)]:.3f}")
        for feat in ("name", "pronoun", "desc"):
            if (rule, feat) in table:
                lines.append(f"{rule} {feat} {table[(rule, feat)]:.3f}")
    return "\n".join(lines) + "\n"


def pr_curve(qx, sc, gold_path: str, gold, table_text: str) -> list[tuple[float, dict]]:
    """The scorer's figures for real runs with each min_confidence."""
    from quoteex.predict import dumps, predict
    out = []
    tmp = ROOT / "build" / "py-dev" / "calibrate-pred.jsonl"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    for t in THRESHOLDS:
        ex = qx.Extractor(calibration=table_text, min_confidence=t)
        with open(tmp, "w", encoding="utf-8") as f:
            for doc_id, gdoc in gold.items():
                f.write(dumps(predict(ex, doc_id, gdoc["text"])[0]) + "\n")
        out.append((t, sc.evaluate(gold, sc.load_pred(str(tmp), gold))))
    return out


def plot(before, after_cv, path: Path, e_before: float, e_after: float) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], ":", color="grey", label="perfect calibration")
    for bins, label, style in ((before, f"rules' CONF (ECE {e_before:.3f})", "o-"),
                               (after_cv, f"calibrated, 2-fold CV (ECE {e_after:.3f})", "s-")):
        ax.plot([b[0] for b in bins], [b[1] for b in bins], style, label=label)
        for c, a, n in bins:
            ax.annotate(str(n), (c, a), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set_xlabel("confidence (bin mean)")
    ax.set_ylabel("fraction with the right speaker")
    ax.set_title("quoteex reliability, PolNeAR dev (records per bin)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", fontsize=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--scorer", help="score.py (default: found as quoteex.evaluate does)")
    ap.add_argument("--use-installed", action="store_true",
                    help="measure the installed quoteex instead of building this checkout")
    ap.add_argument("--no-write", action="store_true", help="report only; leave the table as is")
    args = ap.parse_args()

    qx = load_quoteex(args.use_installed)
    from quoteex import evaluate as ev
    default_scorer = ROOT.parent / "shared" / "eval" / "score.py"
    scorer_path = (default_scorer if not args.scorer and default_scorer.is_file()
                   else ev.find_scorer(args.scorer))
    sc = ev.load_scorer(Path(scorer_path))
    gold = sc.load_gold(args.gold)

    recs, n_gold = collect(qx, ev, sc, gold, qx.Extractor(calibration=""))
    table = fit(recs)
    rights = [r.right for r in recs]
    e_before, bins_before = ece([r.conf if r.has_speaker else 0.0 for r in recs], rights)
    e_in, _ = ece([apply(table, r) for r in recs], rights)
    e_cv, bins_cv = ece(cross_validated(recs), rights)

    text = render_table(table)
    if not args.no_write:
        DATA.write_text(text, "utf-8")
        import subprocess
        subprocess.run([sys.executable, str(ROOT / "tools" / "embed_data.py")], check=True)
    plot(bins_before, bins_cv, PNG, e_before, e_cv)

    n_sp = sum(r.has_speaker for r in recs)
    print(f"\ngold: {args.gold}: {len(gold)} documents, {n_gold} gold segments; "
          f"{len(recs)} predicted segments scored ({n_sp} with a speaker), "
          f"{sum(rights)} with the right speaker")
    print(f"table: {sum(1 for k in table if k[1] is None)} rules, "
          f"{sum(1 for k in table if k[1] is not None)} rule x feature cells"
          f"{'' if args.no_write else f' -> {DATA.relative_to(ROOT)}'}")
    print(f"ECE ({BINS} bins, all scored segments): before {e_before:.4f}  "
          f"after {e_in:.4f} in-sample, {e_cv:.4f} 2-fold cross-validated")
    print("reliability (2-fold CV): " + "  ".join(f"{c:.2f}->{a:.2f} (n={n})" for c, a, n in bins_cv))
    print(f"diagram: {PNG.relative_to(ROOT)}")
    print("\nmin_confidence   attributed P    R      F1   | direct-segment P    R   (scorer, real runs)")
    for t, res in pr_curve(qx, sc, args.gold, gold, text):
        a, d = res["attributed"], res["direct"]
        print(f"  {t:4.2f}           {a['p']:.3f}  {a['r']:.3f}  {a['f1']:.3f}  |  "
              f"{d['p']:.3f}  {d['r']:.3f}")
    print("\nper rule: records, right, raw CONF -> calibrated")
    by_rule: dict[str, list[Rec]] = defaultdict(list)
    for r in recs:
        if r.has_speaker:
            by_rule[r.rule].append(r)
    for rule, rs in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        print(f"  {rule:32s} {len(rs):5d} {sum(r.right for r in rs):5d}  "
              f"{rs[0].conf:.2f} -> {table[(rule, None)]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
