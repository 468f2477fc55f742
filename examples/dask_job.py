"""Extract the quotes of a corpus of text files with Dask, one row per quote,
and write them as Parquet.

    python examples/dask_job.py 'examples/corpus/*.txt' /tmp/quotes-dask.parquet

Files are spread over a Dask bag; each partition runs in a worker process
with the Extractor sent to it by pickle (its configuration only; the worker
recompiles the rules). With a dask.distributed cluster, create a Client
before calling run() and the same code runs there.
"""
from __future__ import annotations

import argparse
import glob
import sys
from collections.abc import Iterable
from typing import Any

import quoteex


def extract_files(extractor: quoteex.Extractor, paths: Iterable[str]) -> list[dict[str, Any]]:
    """The rows (quoteex.to_rows) of every file of one partition."""
    rows: list[dict[str, Any]] = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows.extend(quoteex.to_rows(extractor.extract(f.read()), doc_id=path))
    return rows


def meta() -> Any:
    """An empty pandas DataFrame with the column types of the rows."""
    import pandas as pd
    types = {"doc_id": "string", "n": "int64", "kind": "string", "start": "int64",
             "end": "int64", "text": "string", "speaker": "string", "speaker_text": "string",
             "role": "string", "cue": "string", "cue_lemma": "string", "rule": "string",
             "confidence": "float64"}
    return pd.DataFrame({k: pd.Series(dtype=types[k]) for k in quoteex.ROW_FIELDS})


def run(paths: list[str], output: str, extractor: quoteex.Extractor,
        partitions: int = 2, scheduler: str = "processes") -> int:
    """Extract, write output as Parquet, read it back; the number of rows."""
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    bag = db.from_sequence(paths, npartitions=max(1, min(partitions, len(paths))))
    rows = bag.map_partitions(lambda part: extract_files(extractor, part))
    with dask.config.set(scheduler=scheduler):
        rows.to_dataframe(meta=meta()).to_parquet(output, write_index=False, overwrite=True)
        return len(dd.read_parquet(output))


def main(argv: list[str] | None = None) -> int:
    """Command line of the example."""
    p = argparse.ArgumentParser(description="quoteex over a corpus with Dask")
    p.add_argument("pattern", help="a glob of text files ('**' recurses)")
    p.add_argument("output", help="Parquet output directory (overwritten)")
    p.add_argument("--partitions", type=int, default=2)
    args = p.parse_args(argv)
    paths = sorted(glob.glob(args.pattern, recursive=True))
    if not paths:
        print(f"dask_job: no file matches {args.pattern}", file=sys.stderr)
        return 2
    n = run(paths, args.output, quoteex.Extractor(), args.partitions)
    print(f"{n} quotes written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
