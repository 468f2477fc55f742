#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + ASan + UBSan and fuzzes them.
# Usage: bash tests/fuzz/run.sh [SECONDS_PER_TARGET=300] [TARGET...]
#   TARGET: extract, rules (default both, one after the other).
# The seed corpus in tests/fuzz/corpus/<target> is read, never written: new
# inputs go to build/fuzz/corpus/<target>, crashes to build/fuzz/crashes/.
# Copy a crash input into tests/fuzz/corpus/<target>/ once it is fixed, so the
# replay test (ctest -R replay_) keeps it fixed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-300}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract rules)
build="${QX_FUZZ_BUILD_DIR:-$root/build/fuzz}"

CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DQX_BUILD_FUZZERS=ON -DQX_BUILD_SHARED=OFF -DQX_BUILD_TESTS=OFF -DQX_BUILD_EXAMPLES=OFF \
    -DQX_SANITIZE=address,undefined >/dev/null
cmake --build "$build" -j 2 --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for t in "${targets[@]}"; do
    mkdir -p "$build/corpus/$t" "$build/crashes/$t"
    echo "== fuzz_$t for ${seconds}s"
    nice -n 10 "$build/tests/fuzz/fuzz_$t" \
        -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
        -dict="$root/tests/fuzz/quoteex.dict" \
        -artifact_prefix="$build/crashes/$t/" \
        -print_final_stats=1 \
        "$build/corpus/$t" "$root/tests/fuzz/corpus/$t"
done
