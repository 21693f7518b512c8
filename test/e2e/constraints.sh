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
