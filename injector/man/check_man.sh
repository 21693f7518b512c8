#!/usr/bin/env bash
# The generated man page renders without groff warnings and documents every
# long option the injector's --help lists (read from --help itself, so an
# option added there and missing here fails).
#   check_man.sh PAGE PEXRC_INJECT
set -euo pipefail
page=$1 inject=$2
groff -man -Tutf8 -ww -z "$page"
rendered=$(MANWIDTH=200 man -l "$page" 2>/dev/null | col -b)
mapfile -t options < <("$inject" --help | grep -oE -- '--[a-z][a-z-]*[a-z]' | sort -u)
if ((${#options[@]} < 10)); then
  echo "--help lists only ${#options[@]} long options: ${options[*]}" >&2
  exit 1
fi
for option in "${options[@]}"; do
  if ! grep -q -- "$option" <<<"$rendered"; then
    echo "man page lacks $option" >&2
    exit 1
  fi
done
echo "ok - $page renders and lists all ${#options[@]} long options of --help: ${options[*]}"
