"""quoteex over a small corpus of our own texts with PySpark (local mode) and
Dask, through examples/spark_job.py and examples/dask_job.py: one row per
quote, written as Parquet, read back and counted.

The Extractor knows an invented cue verb ("harrumphed"), so a speaker found
for HARRUMPH proves its configuration reached the workers by pickle.
"""
import importlib.util
import shutil
from pathlib import Path

import pytest

import quoteex
from optional import need_java, need_module
from samples import HARRUMPH

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def load_example(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def corpus(tmp_path):
    """Our example articles plus one text only the custom cue verb attributes."""
    d = tmp_path / "corpus"
    d.mkdir()
    for p in sorted(EXAMPLES.glob("corpus/*.txt")) + [EXAMPLES / "article.txt"]:
        shutil.copy(p, d / p.name)
    (d / "harrumph.txt").write_text(HARRUMPH, encoding="utf-8")
    return d


def extractor():
    return quoteex.Extractor(cue_verbs=["harrumph = harrumphed"])


def expected_rows(corpus):
    ex = extractor()
    return {str(p): ex.extract(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))}


def check_parquet(path, expected, pd):
    df = pd.read_parquet(path)
    assert list(df.columns) == list(quoteex.ROW_FIELDS)
    n = sum(len(q) for q in expected.values())
    assert len(df) == n
    # doc ids may carry a file: scheme (Spark); compare by file name
    names = df["doc_id"].map(lambda s: Path(str(s).replace("file:", "")).name)
    for path_str, quotes in expected.items():
        mine = df[names == Path(path_str).name].sort_values("n")
        assert list(mine["speaker"].fillna("<none>")) == [q.speaker or "<none>" for q in quotes]
        assert list(mine["start"]) == [q.start for q in quotes]
    assert "Ida Fenwick" in set(df["speaker"].dropna())
    return len(df)


def test_dask_job(corpus, tmp_path):
    need_module("dask.dataframe")
    pd = need_module("pandas")
    need_module("pyarrow")
    dask_job = load_example("dask_job")
    out = tmp_path / "quotes-dask.parquet"
    paths = [str(p) for p in sorted(corpus.glob("*.txt"))]
    n = dask_job.run(paths, str(out), extractor(), partitions=3, scheduler="processes")
    expected = expected_rows(corpus)
    assert n == sum(len(q) for q in expected.values()) > 10
    assert check_parquet(out, expected, pd) == n
    print(f"dask: {n} rows")


def test_spark_job(corpus, tmp_path, capsys):
    need_module("pyspark")
    pd = need_module("pandas")
    need_module("pyarrow")
    need_java()
    spark_job = load_example("spark_job")
    spark = spark_job.build_session("local[2]", app="quoteex-test")
    try:
        spark.sparkContext.setLogLevel("ERROR")
        out = tmp_path / "quotes-spark.parquet"
        n = spark_job.run(spark, str(corpus / "*.txt"), str(out), extractor(), partitions=3)
    finally:
        spark.stop()
    expected = expected_rows(corpus)
    assert n == sum(len(q) for q in expected.values()) > 10
    assert check_parquet(out, expected, pd) == n
    with capsys.disabled():
        print(f"\n[spark local[2]] {n} rows written as Parquet and read back")
