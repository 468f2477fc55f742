#!/usr/bin/env bash
# Runs every test of the project: the generated-data check, the C library's
# CTest suite (shared and static builds, fuzz corpus replays), the Python suite
# against a fresh `pip install .`, then both suites again under AddressSanitizer
# + UndefinedBehaviorSanitizer (tests/sanitize.sh; QX_SANITIZE_TESTS=0 skips it).
# Usage: bash tests/run_all.sh   (from anywhere)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build="${QX_BUILD_DIR:-$root/build/ci}"
python="${PYTHON:-python3}"

echo "== builtin data in sync with libquote/data"
"$python" tools/embed_data.py --check

echo "== C library: configure, build, ctest"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQX_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure

echo "== Python package: pip install . and pytest"
"$python" -m pip install -q --no-build-isolation . 2>/dev/null || "$python" -m pip install -q .
# Run from a neutral directory so the installed package, not the source tree, is imported.
(cd "$build" && "$python" -m pytest -q "$root/tests/python")

if [ "${QX_SANITIZE_TESTS:-1}" != 0 ]; then
    PYTHON="$python" bash "$root/tests/sanitize.sh" asan pyasan
fi
