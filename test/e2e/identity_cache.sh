# Interpreter identities are probed once and cached; a warm run spawns no
# probe, and a replaced interpreter (or a wrapper whose target changes) is
# probed again instead of trusted stale.
source "$(dirname "$0")/common.sh"
py311=$(find_python 3.11)
py312=$(find_python 3.12)
inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
mkdir -p "$work/bin"
export PATH="$work/bin:/usr/bin:/bin"
version='import sys; print("%d.%d" % sys.version_info[:2])'

# six.pex was built by CPython 3.11, so its #! line asks for python3.11: a
# wrapper of that name stands in for an interpreter that gets upgraded.
printf '#!/bin/sh\nexec %s "$@"\n' "$py311" >"$work/bin/python3.11"
chmod +x "$work/bin/python3.11"

[[ $(PEX_VERBOSE=1 "$work/six.pexrc" -c "$version" 2>"$work/cold.err") == 3.11 ]]
grep -q "probing 1 interpreter" "$work/cold.err"
[[ $(PEX_VERBOSE=1 "$work/six.pexrc" -c "$version" 2>"$work/warm.err") == 3.11 ]]
if grep -q probing "$work/warm.err"; then
  echo "warm run probed again" >&2
  exit 1
fi
pass "cold run probes once, warm run probes nothing"

printf '#!/bin/sh\n# upgraded\nexec %s "$@"\n' "$py312" >"$work/bin/python3.11.new"
chmod +x "$work/bin/python3.11.new"
# A new mtime, set rather than waited for (coarse-grained file systems).
touch -m -d "@$(($(stat -c %Y "$work/bin/python3.11") + 10))" "$work/bin/python3.11.new"
mv "$work/bin/python3.11.new" "$work/bin/python3.11"
[[ $(PEX_VERBOSE=1 "$work/six.pexrc" -c "$version" 2>"$work/upgraded.err") == 3.12 ]]
grep -q "probing 1 interpreter" "$work/upgraded.err"
pass "a replaced interpreter is probed again and used as what it now is"
