#!/usr/bin/env bash
# The memory-safety runs of the test suite:
#   asan      C tests (CTest, shared and static, corpus replays included) built
#             with -DQX_SANITIZE=address,undefined
#   pyasan    the Python suite against an extension built with ASan + UBSan;
#             python itself is not instrumented, so libasan is preloaded and
#             leak detection is off (CPython's own allocations are reported
#             as leaks otherwise); refleaks are the leak test's job.
#   tsan      the C thread test built with -DQX_SANITIZE=thread
#   valgrind  C tests under valgrind (memcheck) with the JIT off
# Usage: bash tests/sanitize.sh [asan] [pyasan] [tsan] [valgrind]   (default: asan pyasan)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
jobs="$(nproc)"
[ "$jobs" -gt 2 ] && jobs=2
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(asan pyasan)
san_flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

configure() { # build-dir, extra cmake args...
    local dir="$1"
    shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQX_WERROR=ON \
        -DQX_BUILD_EXAMPLES=OFF "$@" >/dev/null
}

for step in "${steps[@]}"; do
    case "$step" in
    asan)
        echo "== ASan + UBSan: C tests and corpus replays"
        configure build/asan -DQX_SANITIZE=address,undefined
        cmake --build build/asan -j "$jobs"
        ctest --test-dir build/asan --output-on-failure -j "$jobs"
        ;;
    pyasan)
        echo "== ASan + UBSan: Python suite"
        libasan="$(${CC:-cc} -print-file-name=libasan.so)"
        if [ ! -e "$libasan" ]; then
            echo "sanitize.sh: no libasan.so for ${CC:-cc}" >&2
            exit 1
        fi
        target="$root/build/pyasan"
        rm -rf "$target" "$root/build/pyasan-tmp"
        # --target keeps this build out of the environment's site-packages.
        CFLAGS="$san_flags -O1 -g" LDFLAGS="$san_flags" \
            "$python" -m pip install -q --no-build-isolation --no-deps --no-cache-dir \
            --target "$target" . 2>/dev/null ||
            CFLAGS="$san_flags -O1 -g" LDFLAGS="$san_flags" \
                "$python" -m pip install -q --no-deps --no-cache-dir --target "$target" .
        mkdir -p "$root/build/pyasan-tmp"
        # Only tests that run the extension in this process or in python
        # children: the notebook kernel, Spark's JVM, mypy and Chromium are
        # other programs, which a preloaded libasan would only slow or break;
        # they run without it in the plain pass of run_all.sh.
        (cd "$root/build/pyasan-tmp" &&
            env -u QX_REQUIRE_ALL LD_PRELOAD="$libasan" \
                ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" \
                PYTHONPATH="$target" PYTHONMALLOC=malloc \
                "$python" -m pytest -q -p no:cacheprovider "$root/tests/python" \
                --ignore="$root/tests/python/test_notebook.py" \
                --ignore="$root/tests/python/test_scale.py" \
                --ignore="$root/tests/python/test_typing.py" -k "not chromium")
        ;;
    tsan)
        echo "== TSan: C thread test"
        configure build/tsan -DQX_SANITIZE=thread -DQX_BUILD_STATIC=OFF
        cmake --build build/tsan -j "$jobs" --target test_threads
        TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" build/tsan/tests/test_threads
        ;;
    valgrind)
        echo "== valgrind (memcheck, JIT off): C tests"
        # -DQX_JIT=OFF: every extractor interprets; memcheck cannot see into
        # the JIT's generated code.
        configure build/valgrind -DQX_JIT=OFF
        cmake --build build/valgrind -j "$jobs"
        vg=(valgrind -q --error-exitcode=99 --leak-check=full
            --errors-for-leak-kinds=definite,indirect --track-origins=yes)
        # The shared-library variants only: the static ones run the same code.
        for t in test_api test_extract test_verify test_threads test_robust test_limits test_alloc_fail; do
            echo "-- $t"
            QXT_ADVERSARIAL_KIB=64 "${vg[@]}" "build/valgrind/tests/$t" | tail -n 3
        done
        for c in extract rules; do
            echo "-- replay_$c"
            "${vg[@]}" "build/valgrind/tests/replay_$c" "tests/fuzz/corpus/$c"
        done
        ;;
    *)
        echo "sanitize.sh: unknown step $step" >&2
        exit 2
        ;;
    esac
done
