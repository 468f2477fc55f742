"""Extract the quotes of a corpus of text files with PySpark, one row per
quote, and write them as Parquet.

    python examples/spark_job.py 'examples/corpus/*.txt' /tmp/quotes.parquet
    spark-submit --master yarn examples/spark_job.py 'hdfs:///news/2024/*.txt' hdfs:///out/quotes

Each file is one document (``wholeTextFiles``); its path is the doc_id. The
Extractor is built once on the driver and pickled into the task closure:
pickling sends only its configuration, and each Python worker recompiles the
rules once (docs/scale.md explains running this on a real cluster).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import quoteex


def extract_partition(extractor: quoteex.Extractor,
                      docs: Iterable[tuple[str, str]]) -> Iterator[tuple[Any, ...]]:
    """(path, text) pairs in, one tuple per quote out, in ROW_FIELDS order."""
    for path, text in docs:
        for row in quoteex.to_rows(extractor.extract(text), doc_id=path):
            yield tuple(row[f] for f in quoteex.ROW_FIELDS)


def run(spark: Any, inputs: str, output: str, extractor: quoteex.Extractor,
        partitions: int | None = None) -> int:
    """Extract, write output as Parquet, read it back; the number of rows."""
    docs = spark.sparkContext.wholeTextFiles(inputs, minPartitions=partitions or 2)
    rows = docs.mapPartitions(lambda part: extract_partition(extractor, part))
    df = spark.createDataFrame(rows, schema=quoteex.ROW_SCHEMA)
    df.write.mode("overwrite").parquet(output)
    return int(spark.read.parquet(output).count())


def build_session(master: str | None, app: str = "quoteex") -> Any:
    """A SparkSession; master None leaves it to spark-submit (or local[*])."""
    from pyspark.sql import SparkSession
    # Workers must run the same Python, with quoteex installed, as the driver
    # when both are on one machine (local mode); on a cluster set
    # PYSPARK_PYTHON to the workers' interpreter instead.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    elif "SPARK_HOME" not in os.environ and not os.environ.get("PYSPARK_SUBMIT_ARGS"):
        builder = builder.master("local[*]")
    return (builder.config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate())


def main(argv: list[str] | None = None) -> int:
    """Command line of the example."""
    p = argparse.ArgumentParser(description="quoteex over a corpus with PySpark")
    p.add_argument("inputs", help="files, a directory or a glob (any Hadoop path)")
    p.add_argument("output", help="Parquet output directory (overwritten)")
    p.add_argument("--master", help="e.g. local[2]; default: from spark-submit, else local[*]")
    p.add_argument("--partitions", type=int)
    p.add_argument("--keep-pronouns", action="store_true")
    args = p.parse_args(argv)
    spark = build_session(args.master)
    try:
        extractor = quoteex.Extractor(keep_pronouns=args.keep_pronouns)
        n = run(spark, args.inputs, args.output, extractor, args.partitions)
    finally:
        spark.stop()
    print(f"{n} quotes written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
