"""Python benchmark: quoteex.extract and Extractor.extract_many against
bytes.count(b'"') over the same bytes, in the same process.

    python bench/bench.py [--reps N] [--threads 1,2] [--cpu] FILE.jsonl [FILE.jsonl ...]

Each FILE is read at run time (the "text" of every JSON line is a document).
For each file it prints the median and the min-max spread of REPS runs:
  count        bytes.count(b'"') over every document's UTF-8 bytes
  extract      [extract(t) for t in texts] on str documents (str indices)
  many/N       extractor.extract_many(texts, threads=N)
with MB/s, quotes/s, the ratio to count, and the process's peak RSS. The
1-thread and N-thread batch runs alternate within each repetition, so both
see the same machine load; the speedup line compares their medians.
--cpu times count, extract and many/1 with the calling thread's CPU clock
(for a machine shared with other work); many/N for N > 1 stays wall time.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time

import quoteex


def load(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    # lone surrogates from JSON escapes cannot be encoded; keep lengths
    return [t.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for t in texts]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fmt(times: list[float], mb: float) -> str:
    med = statistics.median(times)
    return f"{mb / med:8.1f} MB/s ({mb / max(times):.1f}-{mb / min(times):.1f})"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts for extract_many")
    ap.add_argument("--cpu", action="store_true", help="thread CPU time for single-thread runs")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv)
    threads = [int(t) for t in args.threads.split(",")]
    clock = time.thread_time if args.cpu else time.perf_counter
    ex = quoteex.Extractor()
    print(f"quoteex {quoteex.__version__}, PCRE2 {quoteex.pcre2_version}, jit {ex.uses_jit}, "
          f"{args.reps} repetitions, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}, "
          f"{'CPU' if args.cpu else 'wall'} time; median (min-max)")
    for path in args.files:
        texts = load(path)
        data = [t.encode("utf-8") for t in texts]
        mb = sum(map(len, data)) / 1e6
        t_count, t_extract = [], []
        t_many: dict[int, list[float]] = {n: [] for n in threads}
        quotes = 0
        reference = None
        for _ in range(args.reps):
            t0 = clock()
            marks = sum(d.count(b'"') for d in data)
            t_count.append(clock() - t0)
            t0 = clock()
            result = [ex.extract(t) for t in texts]
            t_extract.append(clock() - t0)
            quotes = sum(map(len, result))
            for n in threads:
                tick = clock if n == 1 else time.perf_counter
                t0 = tick()
                many = ex.extract_many(texts, threads=n)
                t_many[n].append(tick() - t0)
                if many != result:
                    print(f"extract_many(threads={n}) differs from extract()", file=sys.stderr)
                    return 1
            reference = result
        del reference
        name = os.path.basename(path)
        med_count = statistics.median(t_count)
        print(f"{name}: {len(texts)} documents, {mb:.2f} MB, {quotes} quotes, {marks} '\"' bytes")
        print(f"  count       {fmt(t_count, mb)}")
        med_ex = statistics.median(t_extract)
        print(f"  extract     {fmt(t_extract, mb)}  {quotes / med_ex:9.0f} quotes/s  "
              f"ratio to count 1/{med_ex / med_count:.1f}")
        for n in threads:
            med = statistics.median(t_many[n])
            print(f"  many/{n:<6} {fmt(t_many[n], mb)}  {quotes / med:9.0f} quotes/s  "
                  f"ratio to count 1/{med / med_count:.1f}")
        if 1 in t_many and not args.cpu:
            base = statistics.median(t_many[1])
            for n in threads:
                if n != 1:
                    print(f"  extract_many speedup, {n} threads over 1: "
                          f"{base / statistics.median(t_many[n]):.2f}x")
        print(f"  peak RSS {rss_mb():.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
