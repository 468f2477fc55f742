#!/usr/bin/env bash
# Runs every benchmark of the README's Performance table.
#   bash bench/run.sh [EVAL_DATA_DIR]      (default: ../shared/eval-data)
#   CPU=1 bash bench/run.sh ...            CPU time instead of wall time, for a
#                                          machine shared with other work
# Needs a CMake build in build/bench-rel (made here) and the package
# installed in the python that PYTHON names (default python3). The corpus is
# read at run time and never copied into the project.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$(cd "${1:-$root/../shared/eval-data}" && pwd)"
python="${PYTHON:-python3}"
reps="${REPS:-5}"
cpu=""
[ -n "${CPU:-}" ] && cpu="--cpu"
build="$root/build/bench-rel"
news="$data/polnear-dev.jsonl"
novels="$data/pdnc-dev.jsonl"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DQX_BUILD_TESTS=OFF \
    -DQX_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" -j 2 --target qx_bench qx_floor >/dev/null
bench="$build/bench/qx_bench"

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== C: news first, so 'vs first' is time per byte relative to news"
"$bench" $cpu --reps "$reps" "jsonl:$news" "jsonl:$novels" gen:alternating:10000000 \
    gen:no-end:10000000 gen:unclosed:800000 gen:nested:10000000
echo "== C: the news corpus as one document, 1x 4x 16x (one process each, for peak RSS)"
for k in 1 4 16; do
    "$bench" $cpu --reps 3 "concat:$k:$news" | tail -n 1
done
echo "== C: the floor, single PCRE2 passes against memchr over the news bytes"
"$build/bench/qx_floor" $cpu --reps "$reps" "jsonl:$news"
echo "== Python: extract and extract_many against bytes.count, same process"
"$python" "$root/bench/bench.py" $cpu --reps "$reps" --threads 1,2 "$news" "$novels"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
