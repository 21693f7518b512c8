# interpreter_constraints are honoured: the current interpreter is used only
# if it fits, otherwise PATH is searched; nothing fitting is a clear error.
source "$(dirname "$0")/common.sh"
py311=$(find_python 3.11)
py312=$(find_python 3.12)

"$PEX_TOOL" six==1.16.0 --interpreter-constraint 'CPython>=3.12,<3.13' \
  --python-path "$(dirname "$py312")" -o "$work/six312.pex"
inject "$work/six312.pex" -o "$work/six312.pexrc"
version='import sys; print("%d.%d" % sys.version_info[:2])'

use_pythons 3.11 3.12
[[ $("$work/six312.pexrc" -c "$version") == 3.12 ]]
pass "CPython>=3.12,<3.13 with 3.11 and 3.12 on PATH picks 3.12"
[[ $("$py311" "$work/six312.pexrc" -c "$version") == 3.12 ]]
pass "python3.11 six312.pexrc still runs under 3.12 (3.11 does not qualify)"

rm -f "$work/bin/python3.12"
run_case none "$work/six312.pexrc" -c "$version"
[[ $(cat "$work/none.rc") == 68 ]]
grep -q "no interpreter satisfies CPython<3.13,>=3.12" "$work/none.err"  # as pex normalised it
grep -qE "python3(\.11)? \(3\.11\.[0-9]+\): does not satisfy" "$work/none.err"
pass "no fitting interpreter: exit 68, $(head -1 "$work/none.err" | cut -c1-90)..."

# Acceptance 5 with several interpreters on PATH. The PEXes' #! line names
# python3, which is 3.12 here: it qualifies for none of the constraints
# below, so the PATH search and the strategy decide.
build() {  # build NAME PEX-ARGS...
  local name=$1
  shift
  local paths=()
  for v in 3.9 3.10 3.11 3.12; do paths+=("$(dirname "$(find_python "$v")")"); done
  "$PEX_TOOL" six==1.16.0 --python-shebang '/usr/bin/env python3' \
    --python-path "$(IFS=:; echo "${paths[*]}")" "$@" -o "$work/$name.pex" >/dev/null 2>&1
  inject "$work/$name.pex" -o "$work/$name.pexrc"
}
use_pythons 3.12 3.9 3.10 3.11
ln -sf "$(find_python 3.12)" "$work/bin/python3"
build py39 --interpreter-constraint 'CPython==3.9.*'
[[ $("$work/py39.pexrc" -c "$version") == 3.9 ]]
pass "CPython==3.9.* picks 3.9"
build newest --interpreter-constraint 'CPython>=3.10,<3.12' --interpreter-selection-strategy newest
[[ $(unzip -p "$work/newest.pex" PEX-INFO | "$py311" -c 'import json,sys; print(json.load(sys.stdin)["interpreter_selection_strategy"])') == newest ]]
[[ $("$work/newest.pexrc" -c "$version") == 3.11 ]]
pass ">=3.10,<3.12 with the newest strategy picks 3.11"
build oldest --interpreter-constraint 'CPython>=3.10,<3.12'
[[ $("$work/oldest.pexrc" -c "$version") == 3.10 ]]
pass ">=3.10,<3.12 with the oldest strategy picks 3.10"
build any
[[ $(PEX_PYTHON=python3.11 "$work/any.pexrc" -c "$version") == 3.11 ]]
[[ $(PEX_PYTHON=python3.10 "$work/any.pexrc" -c "$version") == 3.10 ]]
pass "PEX_PYTHON=python3.11 / python3.10 pick those"
[[ $(PEX_PYTHON_PATH="$(dirname "$(find_python 3.10)")" "$work/any.pexrc" -c "$version") == 3.10 ]]
[[ $(PEX_PYTHON_PATH="$(find_python 3.9)" "$work/any.pexrc" -c "$version") == 3.9 ]]
pass "PEX_PYTHON_PATH as a directory and as a file"
PEX_PYTHON=python3.12 run_case violates "$work/py39.pexrc" -c "$version"
[[ $(cat "$work/violates.rc") == 68 ]]
grep -q "no interpreter satisfies CPython==3.9.\* (searched PEX_PYTHON=python3.12" "$work/violates.err"
grep -q "python3.12 (3.12.[0-9]*): does not satisfy the interpreter constraints" "$work/violates.err"
PEX_PYTHON="$(find_python 3.11)" run_case violates_abs "$work/py39.pexrc" -c "$version"
[[ $(cat "$work/violates_abs.rc") == 68 ]]
pass "a PEX_PYTHON that violates the constraints fails: $(head -1 "$work/violates.err" | cut -c1-100)"
