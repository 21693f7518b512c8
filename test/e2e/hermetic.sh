# Acceptance 5: only what the PEX ships is importable. Packages in the
# interpreter's site-packages, the user site and PYTHONPATH are not.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)

inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
mkdir -p "$work/pythonpath" "$work/userbase"
echo 'print("leaked")' >"$work/pythonpath/leaky_pythonpath.py"
usersite=$(PYTHONUSERBASE="$work/userbase" "$py" -c 'import site; print(site.getusersitepackages())')
mkdir -p "$usersite"
echo 'print("leaked")' >"$usersite/leaky_usersite.py"
export PYTHONUSERBASE=$work/userbase PYTHONPATH=$work/pythonpath

# The interpreter on its own does see all three...
"$py" -c 'import leaky_pythonpath, leaky_usersite, pip' >/dev/null
# ...the PEX sees its own wheel only.
[[ $("$work/six.pexrc" -c 'import six; print(six.__version__)') == 1.16.0 ]]
for mod in leaky_pythonpath leaky_usersite pip; do
  run_case "$mod" "$work/six.pexrc" -c "import $mod"
  if [[ $(cat "$work/$mod.rc") == 0 ]]; then
    echo "$mod was importable inside the .pexrc" >&2
    exit 1
  fi
  grep -q "No module named '$mod'" "$work/$mod.err"
  pass "$mod is not importable from the .pexrc"
done

# pex agrees, for the same reason.
run_case pex_pythonpath "$py" "$FIXTURES/six.pex" -c "import leaky_pythonpath"
[[ $(cat "$work/pex_pythonpath.rc") != 0 ]]

# sys.path holds the venv and the stdlib, nothing of the interpreter's site-packages.
"$work/six.pexrc" -c 'import sys; print("\n".join(sys.path))' >"$work/syspath"
if grep -E 'site-packages' "$work/syspath" | grep -v "$PEXRC_ROOT" | grep -q .; then
  echo "foreign site-packages on sys.path:" >&2
  cat "$work/syspath" >&2
  exit 1
fi
pass "sys.path has no site-packages outside the pexrc cache"

# PYTHONSAFEPATH (3.11+) keeps the script directory off sys.path; the boot
# script must then leave the standard library's entries alone.
stdlib='import sys; print([p for p in sys.path if p.endswith(".zip") or p.endswith("lib-dynload")])'
safe=$(PYTHONSAFEPATH=1 "$work/six.pexrc" -c "$stdlib")
[[ $safe == "$("$work/six.pexrc" -c "$stdlib")" ]]
[[ $safe == *lib-dynload* ]]  # the lists compared are not both empty
pass "PYTHONSAFEPATH=1 keeps the standard library on sys.path"
