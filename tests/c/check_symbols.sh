#!/bin/sh
# Fails when libquote.so exports a symbol outside the qx_ namespace: hidden
# visibility is the default and only QX_API functions may leak out.
set -eu

lib=${1:?usage: check_symbols.sh path/to/libquote.so}
nm_tool=${NM:-nm}

symbols=$("$nm_tool" -D --defined-only "$lib" | awk 'NF >= 3 { print $3 }')
if [ -z "$symbols" ]; then
    echo "check_symbols: no exported symbols in $lib" >&2
    exit 1
fi

bad=$(printf '%s\n' "$symbols" | grep -v -e '^qx_' \
    -e '^_init$' -e '^_fini$' -e '^__bss_start$' -e '^_edata$' -e '^_end$' || true)
# qx__ is the internal prefix and must stay hidden.
internal=$(printf '%s\n' "$symbols" | grep -e '^qx__' || true)

if [ -n "$bad$internal" ]; then
    echo "check_symbols: unexpected exports in $lib:" >&2
    printf '%s\n' $bad $internal >&2
    exit 1
fi
echo "check_symbols: $(printf '%s\n' "$symbols" | grep -c '^qx_') qx_ symbols, nothing else"
