# The same app runs under each of pyenv's CPython
# 3.6-3.13 and Debian's PyPy, and a PEX built for Python 2.7 under CPython
# 2.7, printing what pex prints for the same PEX and interpreter.
source "$(dirname "$0")/common.sh"
inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
program='import sys, six; print("%d.%d" % sys.version_info[:2], six.__version__, sys.flags.no_user_site)'

pythons=()
for v in 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13; do pythons+=("$(find_python "$v")"); done
pythons+=(/usr/bin/pypy3)
for py in "${pythons[@]}"; do
  run_case ref "$py" "$FIXTURES/six.pex" -c "$program"
  PEX_PYTHON=$py run_case cold "$work/six.pexrc" -c "$program"
  PEX_PYTHON=$py run_case warm "$work/six.pexrc" -c "$program"
  run_case via_python "$py" "$work/six.pexrc" -c "$program"
  for k in cold warm via_python; do same_as ref "$k"; done
  pass "$(basename "$py"): $(cat "$work/ref.out")"
done

# A PEX built for 2.7 (its #! line asks for python2.7).
py27=$(find_python 2.7)
use_pythons 2.7
"$PEX_TOOL" --python "$py27" -D "$(dirname "$0")/../fixtures/greet/src" six==1.16.0 \
  -e greet.cli:main -o "$work/greet27.pex" >/dev/null
inject "$work/greet27.pex" -o "$work/greet27.pexrc"
for args in "" "a b" "--exit 5"; do
  read -ra argv <<<"$args"
  run_case ref "$py27" "$work/greet27.pex" "${argv[@]}"
  rm -rf "$PEXRC_ROOT"
  run_case cold "$work/greet27.pexrc" "${argv[@]}"
  run_case warm "$work/greet27.pexrc" "${argv[@]}"
  same_as ref cold
  same_as ref warm
  pass "2.7 app [$args] exit $(cat "$work/ref.rc"): $(cat "$work/ref.out")"
done
# Hermetic on 2.7 too: no site-packages of the interpreter, no PYTHONPATH.
mkdir -p "$work/pp"
echo 'x = 1' >"$work/pp/leaky27.py"
inject "$FIXTURES/six.pex" -o "$work/six27.pexrc"
PYTHONPATH=$work/pp PEX_PYTHON=$py27 run_case leak3 "$work/six27.pexrc" -c 'import leaky27'
[[ $(cat "$work/leak3.rc") == 1 ]]
grep -q "No module named leaky27" "$work/leak3.err"
PEX_PYTHON=$py27 "$work/six27.pexrc" -c 'import sys; print("\n".join(sys.path))' >"$work/path27"
if grep 'site-packages' "$work/path27" | grep -v "$PEXRC_ROOT" | grep -q .; then
  cat "$work/path27" >&2
  exit 1
fi
pass "2.7 runs are hermetic: PYTHONPATH and the interpreter's site-packages are not on sys.path"
