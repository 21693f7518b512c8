#!/bin/sh
# Wraps a built launcher binary into a linkable object exposing
# pexrc_stub_<target>_start/_end, so pexrc-inject carries its stubs inside itself.
# The object is assembled (.incbin) by the C++ compiler that links the
# injector, so it has that compiler's CPU and object format whatever the CPU
# of the launcher it holds, and a cross-built injector gets objects it can link.
# usage: embed_stub.sh LAUNCHER TARGET OUTPUT.o CXX [CXX_ARGS...]
set -eu
launcher=$1 target=$2 output=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sym=pexrc_stub_$(printf '%s' "$target" | tr -c 'A-Za-z0-9\n' '_')
# .incbin reads a name relative to the directory the assembler runs in: a copy
# there keeps the launcher's own path (any characters) out of the source.
cp "$launcher" "$work/stub"
# The launcher's digest is in the text because a compiler cache in CXX (meson
# puts ccache there when it finds one) keys on the text, not on what .incbin
# reads. %progbits, not @progbits: '@' starts a comment on ARM. The empty
# .note.GNU-stack marks the object as not needing an executable stack.
digest=$(sha256sum "$work/stub" | cut -d' ' -f1)
cat >"$work/stub.s" <<EOF
/* $target launcher, sha256 $digest */
	.section .rodata
	.globl ${sym}_start
	.globl ${sym}_end
${sym}_start:
	.incbin "stub"
${sym}_end:
	.section .note.GNU-stack,"",%progbits
EOF
(cd "$work" && "$@" -c stub.s -o stub.o)
cp "$work/stub.o" "$output"
