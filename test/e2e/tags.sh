# The PEP 425 tags pexrc computes from an interpreter's probe equal what
# `packaging.tags.sys_tags()` yields inside it: packaging 24.2 for Python 3
# (CPython 3.11 in a fresh venv; 3.8-3.13 and PyPy when present), packaging
# 20.9 for Python 2.7. The probe is the launcher's own script,
# runtime/select/probe.py, so a change there is tested too.
source "$(dirname "$0")/common.sh"
src=$(cd "$(dirname "$0")/../.." && pwd)

cp "$src/runtime/select/probe.py" "$work/probe.py"

# sys_tags() in order, repeats dropped (pexrc's list keeps each tag once).
cat >"$work/sys_tags.py" <<'PY'
import sys
import packaging
from packaging.tags import sys_tags
if packaging.__version__ != sys.argv[1]:
    sys.exit("packaging %s, not %s" % (packaging.__version__, sys.argv[1]))
seen = set()
for tag in sys_tags():
    if str(tag) not in seen:
        seen.add(str(tag))
        print(tag)
PY

# same_tags NAME PYTHON PACKAGING_VERSION [ENV...]: sys_tags() of PYTHON (run
# with the given environment) against print_tags fed PYTHON's probe.
same_tags() {
  local name=$1 python=$2 version=$3
  shift 3
  env "$@" "$python" -s "$work/sys_tags.py" "$version" >"$work/$name.want"
  "$python" -E -s "$work/probe.py" >"$work/$name.probe"
  "$PRINT_TAGS" <"$work/$name.probe" >"$work/$name.got"
  if ! diff -u "$work/$name.want" "$work/$name.got" >"$work/$name.diff"; then
    echo "MISMATCH $name: packaging (-) vs pexrc (+)" >&2
    head -40 "$work/$name.diff" >&2
    return 1
  fi
  pass "$name: $(wc -l <"$work/$name.got") tags, first $(head -1 "$work/$name.got")"
}

pip_options=(--disable-pip-version-check --no-input -q)
# From the tests' wheelhouse when the build has one (meson's -Dwheelhouse).
[[ -z ${FIND_LINKS:-} ]] || pip_options+=(--no-index --find-links "$FIND_LINKS")

# CPython 3.11: packaging 24.2 in a throwaway venv.
py311=$(find_python 3.11)
"$py311" -m venv "$work/venv311"
"$work/venv311/bin/python" -m pip install "${pip_options[@]}" packaging==24.2
same_tags cp311 "$work/venv311/bin/python" 24.2

# CPython 2.7: packaging 20.9 (the last release for 2.7) in a --target dir on
# PYTHONPATH; tags needs none of its dependencies.
py27=$(find_python 2.7)
"$py27" -m pip install "${pip_options[@]}" --no-deps --target "$work/packaging20" packaging==20.9 2>"$work/pip27.err" ||
  { cat "$work/pip27.err" >&2; exit 1; }
same_tags cp27 "$py27" 20.9 PYTHONPATH="$work/packaging20"

# The other Python 3 interpreters at hand share one copy of packaging 24.2.
"$work/venv311/bin/python" -m pip install "${pip_options[@]}" --no-deps --target "$work/packaging24" packaging==24.2
for v in 3.8 3.9 3.10 3.12 3.13; do
  if py=$(find_python "$v" 2>/dev/null); then
    same_tags "cp${v/./}" "$py" 24.2 PYTHONPATH="$work/packaging24"
  fi
done
for pypy in /usr/bin/pypy3 "$(command -v pypy3 || true)"; do
  if [[ -n $pypy && -x $pypy ]]; then
    same_tags pypy3 "$pypy" 24.2 PYTHONPATH="$work/packaging24"
    break
  fi
done

# musl: packaging 24.2 on CPython 3.11 told it runs on musl 1.2 without glibc
# (its two probes of the system patched), against the same probe with the
# facts the launcher adds on such a system (glibc null, musl [1, 2]).
{
  cat <<'PY'
import packaging._manylinux as manylinux
import packaging._musllinux as musllinux
manylinux._get_glibc_version = lambda: (-1, -1)
musllinux._get_musl_version = lambda executable: musllinux._MuslVersion(1, 2)
PY
  cat "$work/sys_tags.py"
} >"$work/musl_sys_tags.py"
"$work/venv311/bin/python" -s "$work/musl_sys_tags.py" 24.2 >"$work/musl.want"
"$work/venv311/bin/python" -E -s "$work/probe.py" |
  "$work/venv311/bin/python" -c 'import json, sys; p = json.load(sys.stdin); p.update(glibc=None, musl=[1, 2]); print(json.dumps(p))' |
  "$PRINT_TAGS" >"$work/musl.got"
grep -q '^cp311-cp311-musllinux_1_2_x86_64$' "$work/musl.want"
if grep -q manylinux "$work/musl.want" || ! diff -u "$work/musl.want" "$work/musl.got" >"$work/musl.diff"; then
  echo "MISMATCH musl: packaging (-) vs pexrc (+)" >&2
  head -40 "$work/musl.diff" >&2
  exit 1
fi
pass "musl 1.2: $(wc -l <"$work/musl.got") tags, first $(head -1 "$work/musl.got")"
