#!/usr/bin/env bash
# Fails when the stripped static stub grows past its budget, so a change that
# brings back a big dependency (zstd's legacy decoders, the demangler, iostream,
# NSS...) is noticed; docs/DESIGN.md has the breakdown.
#   check_stub_size.sh STUB MAX_BYTES
set -euo pipefail
size=$(stat -c %s "$1")
echo "stub: $size bytes (budget $2)"
((size <= $2)) || { echo "stub exceeds its size budget by $((size - $2)) bytes" >&2; exit 1; }
