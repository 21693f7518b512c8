# Applications from PyPI run as their users run them, compared with pex on
# the same PEX and interpreter: pytest with pytest-xdist (a plugin found by
# entry point, workers started as subprocesses of sys.executable, a test
# that maps over a multiprocessing spawn Pool), and cowsay under
# PYTHONIOENCODING=ascii with PYTHONPATH set (pex isolates the zipapp).
#
# xdist's workers need a sys.executable that sees the app's distributions:
# pex gives one for a --venv PEX, so that is what pexrc is compared with; a
# pex zipapp's sys.executable is the bare interpreter, where the workers
# fail ("No module named '_pytest'"), while pexrc's (the app's venv) runs
# them, as README's table says.
source "$(dirname "$0")/common.sh"
use_pythons 3.11 3.8
export PEX_ROOT=$work/pex-root

for v in 3.8 3.11; do
  for layout in zipapp venv; do
    layout_flag=()
    [[ $layout == zipapp ]] || layout_flag=(--venv)
    "$PEX_TOOL" --python "$(find_python "$v")" pytest==8.2.2 pytest-xdist==3.6.1 -c pytest \
      "${layout_flag[@]}" -o "$work/pytest-$layout-$v.pex" >/dev/null
    inject "$work/pytest-$layout-$v.pex" -o "$work/pytest-$layout-$v.pexrc"
  done
done
"$PEX_TOOL" cowsay==6.1 -c cowsay -o "$work/cowsay.pex" >/dev/null
inject "$work/cowsay.pex" -o "$work/cowsay.pexrc"

mkdir -p "$work/tests"
cat >"$work/tests/test_sample.py" <<'PY'
import multiprocessing
import os
import sys


def square(x):
    return x * x


def test_spawn_pool():
    pool = multiprocessing.get_context("spawn").Pool(2)
    try:
        assert pool.map(square, [1, 2, 3]) == [1, 4, 9]
    finally:
        pool.close()
        pool.join()


def test_worker_is_xdist():
    assert "PYTEST_XDIST_WORKER" in os.environ


def test_hermetic():
    # Only the PEX's distributions: the base install's pip is not importable.
    try:
        import pip  # noqa: F401
    except ImportError:
        return
    raise AssertionError("pip importable from " + pip.__file__)


def test_argv():
    assert sys.argv[0]
PY

# compare NAME APP PY ARGS...: pex (python APP.pex) and pexrc (./APP.pexrc,
# python APP.pexrc) print the same and exit the same.
compare() {
  local name=$1 app=$2 py=$3
  shift 3
  run_case "$name.pex" timeout 300 "$py" "$work/$app.pex" "$@"
  run_case "$name.rc" timeout 300 env PEX_PYTHON="$py" "$work/$app.pexrc" "$@"
  run_case "$name.py-rc" timeout 300 "$py" "$work/$app.pexrc" "$@"
  same_as "$name.pex" "$name.rc"
  same_as "$name.pex" "$name.py-rc"
  pass "$name: exit $(cat "$work/$name.pex.rc"): $(tail -n 1 "$work/$name.pex.out" | cut -c1-100)"
}

for v in 3.8 3.11; do
  py=$(find_python "$v")
  # pytest's own summary carries the time taken; the counts are compared.
  xdist=(-q -p no:cacheprovider -n 2 tests)
  (cd "$work" && run_case "xdist-$v.pex" timeout 300 "$py" pytest-venv-$v.pex "${xdist[@]}")
  for layout in zipapp venv; do
    (cd "$work" && run_case "xdist-$layout-$v.rc" timeout 300 env PEX_PYTHON="$py" \
      "./pytest-$layout-$v.pexrc" "${xdist[@]}")
    (cd "$work" && run_case "xdist-$layout-$v.py-rc" timeout 300 "$py" \
      "pytest-$layout-$v.pexrc" "${xdist[@]}")
  done
  sed -i -E 's/ in [0-9.]+s( \([0-9:]+\))?//' "$work"/xdist-*"$v".*out
  grep -q "^4 passed" "$work/xdist-$v.pex.out"
  for run in venv-$v.rc venv-$v.py-rc zipapp-$v.rc zipapp-$v.py-rc; do
    same_as "xdist-$v.pex" "xdist-$run"
  done
  pass "pytest-xdist $v (--venv PEX and zipapp): $(tail -n 1 "$work/xdist-$v.pex.out")"

  PYTHONPATH=$work/nowhere PYTHONIOENCODING=ascii compare "cowsay-ascii-$v" cowsay "$py" -t "café"
  grep -q "café" "$work/cowsay-ascii-$v.pex.out"
done
