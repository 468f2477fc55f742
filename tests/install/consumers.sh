#!/bin/sh
# Builds the example programs as a separate project would, against an
# INSTALLED quoteex, in every way we promise, and runs them:
#   cmake-shared   find_package(quoteex) + quoteex::quote          (libquote.so)
#   cmake-static   find_package(quoteex) + quoteex::quote_static   (libquote.a)
#   pc-shared      cc ... $(pkg-config --cflags --libs libquote)
#   pc-static      cc ... $(pkg-config --static --cflags --libs libquote), static-only install
#   cmake-only-a   find_package(quoteex) + quoteex::quote in a static-only install
#
# usage: consumers.sh SOURCE_DIR BUILD_DIR WORK_DIR
#   BUILD_DIR is a configured and built tree of SOURCE_DIR (shared + static);
#   it is installed into WORK_DIR/prefix. A static-only library is configured,
#   built and installed into WORK_DIR/prefix-static.
set -eu
src=$(cd "$1" && pwd)
build=$2
work=$3
cc=${CC:-cc}
jobs=${QX_JOBS:-2}
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
article="$src/examples/article.txt"

say() { printf '== %s\n' "$*"; }

# extract_file must print one JSON object per line, with a speaker.
check_json() {
    out=$1
    test -s "$out" || { echo "no output" >&2; return 1; }
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$out" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
recs = [json.loads(line) for line in lines]
assert recs and all(isinstance(r, dict) and "speaker" in r and r["segments"] for r in recs), recs
print(f"   extract_file: {len(recs)} JSON lines, speakers {sorted({r['speaker'] for r in recs if r['speaker']})}")
PY
    else
        grep -q '"speaker":' "$out"
    fi
}

# expect_linkage EXE shared|static: is libquote.so among its dynamic deps?
expect_linkage() {
    if ! command -v ldd >/dev/null 2>&1; then return 0; fi
    if ldd "$1" | grep -q 'libquote\.so'; then got=shared; else got=static; fi
    if [ "$got" != "$2" ]; then
        echo "$1: linked $got, expected $2" >&2
        ldd "$1" >&2
        return 1
    fi
    echo "   $(basename "$1"): $got libquote"
}

run_examples() { # DIR LINKAGE
    d=$1
    expect_linkage "$d/extract_file" "$2"
    "$d/extract_file" "$article" > "$d/out.jsonl"
    check_json "$d/out.jsonl"
    "$d/shared_threads" "$article" "$src/examples/sample.txt" | tail -n 1 | grep -qx ok
    echo "   shared_threads: ok"
    "$d/custom_lexicon" | grep -q 'custom *speaker: Ida Fenwick'
    echo "   custom_lexicon: ok"
}

say "install $build -> $work/prefix"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir=$(dirname "$(find "$work/prefix" -name libquote.pc | head -n 1)")/..
libdir=$(cd "$libdir" && pwd)

say "cmake-shared"
cmake -S "$src/examples" -B "$work/cmake-shared" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/cmake-shared" -j "$jobs" >/dev/null
run_examples "$work/cmake-shared" shared

say "cmake-static"
cmake -S "$src/examples" -B "$work/cmake-static" -DCMAKE_PREFIX_PATH="$work/prefix" \
    -DQX_EXAMPLES_STATIC=ON >/dev/null
cmake --build "$work/cmake-static" -j "$jobs" >/dev/null
run_examples "$work/cmake-static" static

say "pc-shared: $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs libquote)"
mkdir -p "$work/pc-shared"
for ex in extract_file shared_threads custom_lexicon; do
    # shellcheck disable=SC2046  # pkg-config output is meant to be split
    $cc -std=c11 -o "$work/pc-shared/$ex" "$src/examples/$ex.c" -pthread \
        $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs libquote)
done
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" run_examples "$work/pc-shared" shared

say "static-only library -> $work/prefix-static"
cmake -S "$src" -B "$work/lib-static" -DQX_BUILD_SHARED=OFF -DQX_BUILD_TESTS=OFF \
    -DQX_BUILD_EXAMPLES=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/lib-static" -j "$jobs" >/dev/null
cmake --install "$work/lib-static" --prefix "$work/prefix-static" >/dev/null
slibdir=$(dirname "$(find "$work/prefix-static" -name libquote.pc | head -n 1)")/..
slibdir=$(cd "$slibdir" && pwd)
test ! -e "$slibdir/libquote.so"

say "pc-static: $(PKG_CONFIG_PATH="$slibdir/pkgconfig" pkg-config --static --cflags --libs libquote)"
mkdir -p "$work/pc-static"
for ex in extract_file shared_threads custom_lexicon; do
    # shellcheck disable=SC2046
    $cc -std=c11 -o "$work/pc-static/$ex" "$src/examples/$ex.c" -pthread \
        $(PKG_CONFIG_PATH="$slibdir/pkgconfig" pkg-config --static --cflags --libs libquote)
done
run_examples "$work/pc-static" static

say "cmake-only-a: quoteex::quote in a static-only install"
cmake -S "$src/examples" -B "$work/cmake-only-a" -DCMAKE_PREFIX_PATH="$work/prefix-static" >/dev/null
cmake --build "$work/cmake-only-a" -j "$jobs" >/dev/null
run_examples "$work/cmake-only-a" static

say "all 5 consumers built against the installed package and ran"
