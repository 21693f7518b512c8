# An Alpine-style host end to end. MUSL_PYTHON is a CPython 3.11
# built on musl in the build tree (test/tools/musl_python.py). A PEX built by
# pex with PyYAML's real musllinux and manylinux wheels runs cold, warm and as
# `python app.pexrc` on it, printing what pex's own runtime prints there and
# extracting only the musllinux wheel, the musl version read from its loader;
# the same file on the glibc CPython takes the manylinux wheel.
source "$(dirname "$0")/common.sh"
musl_python=$MUSL_PYTHON/bin/python3.11
[[ -x $musl_python ]] || { echo "no $musl_python (test/tools/musl_python.py)" >&2; exit 1; }
loader=$(readelf -l "$musl_python" | sed -n 's/.*Requesting program interpreter: \(.*\)]$/\1/p')
[[ $loader == *musl* ]] || { echo "$musl_python's loader is '$loader', not musl's" >&2; exit 1; }
# What the loader says of itself ("Version 1.2.3"), as packaging reads it.
musl_version=$("$loader" 2>&1 | sed -n 's/^Version \([0-9]*\.[0-9]*\).*/\1/p' || true)
[[ -n $musl_version ]] || { echo "$loader printed no version" >&2; exit 1; }

# PyYAML 6.0.2's x86_64 musl wheel is musllinux_1_1 (pip takes a --platform's
# tag only as given).
"$PEX_TOOL" pyyaml==6.0.2 --no-build --platform musllinux_1_1_x86_64-cp-311-cp311 \
  --platform manylinux2014_x86_64-cp-311-cp311 -o "$work/app.pex" >/dev/null
unzip -Z1 "$work/app.pex" | grep -E '^\.deps/[^/]*\.whl/$' >"$work/wheels"
if ! grep -q 'musllinux_1_1_x86_64\.whl/$' "$work/wheels" ||
   ! grep -q 'manylinux2014_x86_64\.whl/$' "$work/wheels"; then
  echo "pex did not ship both wheels:" >&2
  cat "$work/wheels" >&2
  exit 1
fi
inject "$work/app.pex" -o "$work/app.pexrc"

# The C extension's file names its libc: the wheel it came from.
program='import platform, yaml, os; from yaml import _yaml
print(platform.machine(), yaml.__with_libyaml__, os.path.basename(_yaml.__file__), yaml.dump({"a": [1, 2]}).strip())'
mkdir -p "$work/musl-bin" "$work/glibc-bin"
ln -s "$musl_python" "$work/musl-bin/python3.11"
# Only the one interpreter on PATH while an app runs; verbose, for the libc.
PEX_VERBOSE=1 runs_like_pex "$work/musl-bin" "$work/musl-bin/python3.11" "$work/app.pex" "$work/app.pexrc" "$program"
grep -q ' True _yaml\.cpython-311-x86_64-linux-musl\.so ' "$work/ref.out" ||
  { echo "pex on the musl CPython printed:" >&2; cat "$work/ref.out" >&2; exit 1; }
grep -qF "$musl_python runs on musl $musl_version (the banner of its loader $loader)" "$work/cold.err" ||
  { echo "PEX_VERBOSE names no musl version:" >&2; cat "$work/cold.err" >&2; exit 1; }
# Warm, the identity comes from the cache and still says which libc.
grep -q "using the current interpreter $musl_python 3\.11\.[0-9]* on musl $musl_version\$" "$work/warm.err" ||
  { echo "warm PEX_VERBOSE:" >&2; cat "$work/warm.err" >&2; exit 1; }
only_musllinux_extracted() {
  extracted_platform_tags >"$work/musl-tags"
  [[ $(cat "$work/musl-tags") == "Tag: cp311-cp311-musllinux_1_1_x86_64" ]] ||
    { echo "extracted on musl:" >&2; cat "$work/musl-tags" >&2; exit 1; }
}
only_musllinux_extracted
# `python app.pexrc` from an empty cache too (runs_like_pex ran it warm).
rm -rf "$PEXRC_ROOT"
PATH=$work/musl-bin run_case python-cold "$work/musl-bin/python3.11" "$work/app.pexrc" -c "$program"
same_as ref python-cold
only_musllinux_extracted
pass "musl $musl_version ($loader): cold and warm, ./app.pexrc and python3.11 app.pexrc print '$(head -1 "$work/cold.out")' as pex does; extracted only $(cat "$work/musl-tags")"

# The same file on glibc: the manylinux wheel (the musl cases' files are
# checked already; these runs take their names).
glibc_python=$(find_python 3.11)
ln -s "$glibc_python" "$work/glibc-bin/python3.11"
PEX_VERBOSE=1 runs_like_pex "$work/glibc-bin" "$work/glibc-bin/python3.11" "$work/app.pex" "$work/app.pexrc" "$program"
grep -q ' _yaml\.cpython-311-x86_64-linux-gnu\.so ' "$work/ref.out" ||
  { echo "pex on glibc printed:" >&2; cat "$work/ref.out" >&2; exit 1; }
! grep -q musl "$work/cold.err" || { echo "musl named on glibc:" >&2; cat "$work/cold.err" >&2; exit 1; }
extracted_platform_tags >"$work/glibc-tags"
if [[ ! -s $work/glibc-tags ]] || grep -qv -- '-manylinux' "$work/glibc-tags"; then
  echo "extracted on glibc (or nothing):" >&2
  cat "$work/glibc-tags" >&2
  exit 1
fi
pass "glibc CPython $("$glibc_python" -c 'import platform; print(platform.python_version())'): cold, warm and python3.11 app.pexrc print '$(head -1 "$work/cold.out")' as pex does; extracted only $(tr '\n' ' ' <"$work/glibc-tags")"
