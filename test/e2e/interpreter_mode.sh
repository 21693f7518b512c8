# A PEX without an entry point behaves like python: -c, -m, - (stdin), a
# script path; same output and exit status as pex gives.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)
inject "$FIXTURES/six.pex" -o "$work/six.pexrc"

mkdir -p "$work/scripts"
cat >"$work/scripts/show.py" <<'PY'
import sys, six
print("script", sys.argv[1:], six.__version__, __name__)
sys.exit(4)
PY
cat >"$work/scripts/__main__.py" <<'PY'
import sys
print("directory main", sys.argv, __name__)
PY
cat >"$work/stdin.py" <<'PY'
import sys, six
print("stdin", sys.argv, six.__name__)
PY

compare() {
  local name=$1
  shift
  run_case "$name-pex" "$py" "$FIXTURES/six.pex" "$@"
  run_case "$name-pexrc" "$work/six.pexrc" "$@"
  same_as "$name-pex" "$name-pexrc"
  pass "$name: exit $(cat "$work/$name-pex.rc"): $(head -c 60 "$work/$name-pex.out" | tr '\n' ' ')"
}

compare dash-c -c 'import sys, six; print(sys.argv, six.__version__, __name__); sys.exit(3)' a b
compare dash-m -m six
echo '{"b": [1, 2], "a": null}' >"$work/data.json"
compare dash-m-json -m json.tool --sort-keys "$work/data.json"
compare script "$work/scripts/show.py" x y
compare raise -c 'raise SystemExit(7)'

RUN_STDIN=$work/stdin.py compare stdin -
compare directory "$work/scripts/../scripts" x  # a directory runs its __main__.py
# No argument: pex's REPL, even with stdin not a terminal; prompts go to stdout.
printf 'import six\nprint(six.__name__, 6 * 7)\n' >"$work/repl.txt"
RUN_STDIN=$work/repl.txt compare repl

# $PEX is the .pexrc's real path, as pex sets it for a PEX.
ln -s "$work/six.pexrc" "$work/link.pexrc"
[[ $("$work/link.pexrc" -c 'import os; print(os.environ["PEX"])') == "$work/six.pexrc" ]]
pass "PEX is set to the real path of the .pexrc"
