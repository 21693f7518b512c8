# After one cold run every source reachable from the
# venv has a .pyc for the interpreter that ran it (unchecked-hash from 3.7),
# so the next run compiles nothing even with PYTHONDONTWRITEBYTECODE=1; a
# second interpreter on the same shared wheels adds its own; PEXRC_COMPILE=0
# leaves none; Python 2.7 and PyPy are handled. (Injected with --no-compile:
# e2e-bytecode_shipped covers the .pyc files pexrc-inject ships.)
source "$(dirname "$0")/common.sh"
use_pythons 3.11 3.12
unset PEXRC_COMPILE
export PYTHONDONTWRITEBYTECODE=1
inject --no-compile "$FIXTURES/greet.pex" -o "$work/greet.pexrc"
inject --no-compile "$FIXTURES/six.pex" -o "$work/six.pexrc"

# Waits for every background compilation under the root (they hold these locks).
wait_compiled() {
  local lock
  for lock in "$PEXRC_ROOT"/locks/compile-*.lck; do
    [[ -e $lock ]] || continue
    timeout 120 flock "$lock" true
  done
}

# check_pycs PY SITE WANT_UNCHECKED: every .py under SITE (following links) has
# its .pyc for PY; with WANT_UNCHECKED=1 they must be unchecked-hash (PEP 552).
check_pycs() {
  "$1" - "$2" "$3" <<'EOF'
import os, sys
try:
    from importlib.util import cache_from_source
except ImportError:
    def cache_from_source(path):
        return path + "c"
site, want_unchecked = sys.argv[1], sys.argv[2] == "1"
sources, missing, checked_hash = 0, [], []
for top, dirs, files in os.walk(site, followlinks=True):
    dirs[:] = [d for d in dirs if d != "__pycache__"]
    for name in files:
        if not name.endswith(".py"):
            continue
        sources += 1
        pyc = cache_from_source(os.path.join(top, name))
        if not os.path.exists(pyc):
            missing.append(pyc)
        elif want_unchecked:
            with open(pyc, "rb") as f:
                if f.read(8)[4:8] != b"\x01\x00\x00\x00":
                    checked_hash.append(pyc)
if not sources or missing or checked_hash:
    sys.exit("%d sources; missing: %s; not unchecked-hash: %s" % (sources, missing, checked_hash))
print("%d sources compiled" % sources)
EOF
}

site_of() {  # the venv's site-packages, as the app sees it (a warm run)
  PEX_INTERPRETER=1 "$@" -c 'import os, six; print(os.path.dirname(os.path.abspath(six.__file__)))'
}

# No source compiled on the next run: python -v names a .py (unquoted) when it
# compiles one, the quoted .pyc when it loads bytecode.
no_source_compiled() {
  local err=$1
  if grep -E "^# code object from $PEXRC_ROOT|^import .* # from $PEXRC_ROOT.*\.py$" "$err"; then
    echo "sources under the cache were compiled at import time" >&2
    return 1
  fi
  grep -qE "^# code object from '$PEXRC_ROOT|# precompiled from $PEXRC_ROOT" "$err"
}

# CPython 3.11: cold run, then every source compiled, then a run that loads only bytecode.
run_case ref "$(find_python 3.11)" "$FIXTURES/greet.pex" a b
run_case cold "$work/greet.pexrc" a b
same_as ref cold
wait_compiled
py311=$(find_python 3.11)
site=$(site_of "$work/greet.pexrc")
check_pycs "$py311" "$site" 1
PYTHONVERBOSE=1 run_case warm "$work/greet.pexrc" a b
same_as ref warm
no_source_compiled "$work/warm.err"
[[ -z $(find "$PEXRC_ROOT" -name '*.tmp') ]]
pass "3.11: every source has an unchecked-hash .pyc after the first run; the next run compiles none"

# A second interpreter on the same shared wheels adds its own .pyc files.
py312=$(find_python 3.12)
PEX_PYTHON=$py312 run_case cold312 "$work/greet.pexrc" a b
same_as ref cold312
wait_compiled
check_pycs "$py312" "$(PEX_PYTHON=$py312 site_of "$work/greet.pexrc")" 1
check_pycs "$py311" "$site" 1
# greet/ is a package directory linked from the shared code entry: both tags sit there.
for tag in 311 312; do [[ -n $(find "$PEXRC_ROOT/code" -name "*.cpython-$tag.pyc") ]]; done
pass "3.12 on the same shared code adds cpython-312 files beside cpython-311's"

# Two cold starts at once: both succeed, one compilation, all sources compiled;
# here the app also writes its own .pyc files while the compiler runs.
rm -rf "$PEXRC_ROOT"
(unset PYTHONDONTWRITEBYTECODE; "$work/greet.pexrc" a b >"$work/c1.out") &
c1=$!
(unset PYTHONDONTWRITEBYTECODE; "$work/greet.pexrc" a b >"$work/c2.out") &
c2=$!
wait "$c1"
wait "$c2"
cmp "$work/ref.out" "$work/c1.out"
cmp "$work/ref.out" "$work/c2.out"
wait_compiled
check_pycs "$py311" "$(site_of "$work/greet.pexrc")" 0
pass "concurrent cold starts with bytecode writing on: all sources compiled, outputs identical"

# PEXRC_COMPILE=0: no bytecode at all (the app itself writes none here).
rm -rf "$PEXRC_ROOT"
PEXRC_COMPILE=0 run_case off "$work/greet.pexrc" a b
same_as ref off
wait_compiled
[[ -z $(find "$PEXRC_ROOT" -name '*.pyc') && -z $(compgen -G "$PEXRC_ROOT/locks/compile-*") ]]
pass "PEXRC_COMPILE=0 leaves no .pyc"

# PyPy (Debian's pypy3, 3.9): its own cache tag, hash-based .pyc.
rm -rf "$PEXRC_ROOT"
PEX_PYTHON=/usr/bin/pypy3 run_case pypy "$work/six.pexrc" -c 'import six; print(six.__version__)'
wait_compiled
check_pycs /usr/bin/pypy3 "$(PEX_PYTHON=/usr/bin/pypy3 site_of "$work/six.pexrc")" 1
PYTHONVERBOSE=1 PEX_PYTHON=/usr/bin/pypy3 run_case pypy_warm "$work/six.pexrc" -c 'import six'
no_source_compiled "$work/pypy_warm.err"
pass "PyPy: every source compiled ($(cat "$work/pypy.out"))"

# Python 2.7: .pyc beside the source (timestamp-based, the only kind 2.7 reads).
py27=$(find_python 2.7)
rm -rf "$PEXRC_ROOT"
PEX_PYTHON=$py27 run_case py27 "$work/six.pexrc" -c 'import six; print(six.__version__)'
wait_compiled
check_pycs "$py27" "$(PEX_PYTHON=$py27 site_of "$work/six.pexrc")" 0
PYTHONVERBOSE=1 PEX_PYTHON=$py27 run_case py27_warm "$work/six.pexrc" -c 'import six'
no_source_compiled "$work/py27_warm.err"
pass "Python 2.7: every source compiled ($(cat "$work/py27.out"))"
