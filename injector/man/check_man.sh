#!/usr/bin/env bash
# The generated man page renders without groff warnings and documents every
# long option --help lists.
set -euo pipefail
page=$1
groff -man -Tutf8 -ww -z "$page"
rendered=$(MANWIDTH=200 man -l "$page" 2>/dev/null | col -b)
for option in --target --list-targets --output --jobs --compression-level --quiet --config \
  --no-config --progress-interval --help --version; do
  grep -q -- "$option" <<<"$rendered" || { echo "man page lacks $option" >&2; exit 1; }
done
echo "ok - $page renders and lists every option"
