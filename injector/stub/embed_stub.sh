#!/bin/sh
# Wraps a built launcher binary into a linkable object exposing
# pexrc_stub_<target>_start/_end, so pexrc-inject carries its stubs inside itself.
# usage: embed_stub.sh OBJCOPY LAUNCHER TARGET OUTPUT.o
set -eu
objcopy=$1 launcher=$2 target=$3 output=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sym=$(printf '%s' "$target" | tr -c 'A-Za-z0-9\n' '_')
cp "$launcher" "$work/stub"
: > "$work/empty"
(cd "$work" && "$objcopy" -I binary -O elf64-x86-64 -B i386:x86-64 \
  --rename-section .data=.rodata,alloc,load,readonly,data,contents \
  --add-section .note.GNU-stack="$work/empty" \
  --redefine-sym _binary_stub_start="pexrc_stub_${sym}_start" \
  --redefine-sym _binary_stub_end="pexrc_stub_${sym}_end" \
  --strip-symbol _binary_stub_size \
  stub stub.o)
cp "$work/stub.o" "$output"
