# Bytecode compiled by pexrc-inject ships inside the
# .pexrc. A file made for 3.11 and 3.12 runs on both, and each first run
# loads every module of the app from a shipped .pyc (python -v names no
# source it compiled); 3.13, for which none was shipped, compiles its own in
# the background after its first start; --no-compile ships none; verify
# checks the shipped files; an altered .pyc is refused and nothing cached.
source "$(dirname "$0")/common.sh"
use_pythons 3.11 3.12 3.13
export PYTHONDONTWRITEBYTECODE=1

inject --compile-for python3.11 --compile-for "$(find_python 3.12)" "$FIXTURES/greet.pex" \
  -o "$work/greet.pexrc"
grep -qE "^pexrc-inject: shipped bytecode for cpython-311 \([0-9]+ files\), cpython-312 \([0-9]+ files\)" \
  "$work/inject.err" || { cat "$work/inject.err" >&2; exit 1; }
names=$(unzip -Z1 "$work/greet.pexrc")
grep -q '^PEXRC-BYTECODE/cpython-311/greet/__pycache__/cli\.cpython-311\.pyc$' <<<"$names"
grep -q '^PEXRC-BYTECODE/cpython-312/\.deps/six-1\.16\.0-py2\.py3-none-any\.whl/__pycache__/six\.cpython-312\.pyc$' <<<"$names"
pass "injected with bytecode for cpython-311 and cpython-312"

run_case expected "$(find_python 3.11)" "$FIXTURES/greet.pex" one two

# compiled_from_source NAME: the modules a `python -v` run (NAME.err)
# compiled from source rather than loaded from a .pyc, among the app's.
compiled_from_source() {
  grep -E "^# code object from '?$PEXRC_ROOT/" "$work/$1.err" | grep -vE "\.pyc'?$" || true
}
loaded_from_pyc() {
  grep -cE "^# code object from '?$PEXRC_ROOT/.*\.pyc'?$" "$work/$1.err" || true
}

unset PEXRC_COMPILE  # common.sh turns it off; here it must find nothing to do
for v in 3.11 3.12; do
  # 3.12 finds the units 3.11 extracted and adds its bytecode to them. With
  # every unit's bytecode shipped, no background compile starts.
  run_case "first-$v" env PEX_VERBOSE=1 PYTHONVERBOSE=1 PEX_PYTHON="python$v" "$work/greet.pexrc" one two
  same_as expected "first-$v"
  [[ -z $(compiled_from_source "first-$v") ]] ||
    { echo "compiled on the first run of $v:" >&2; compiled_from_source "first-$v" >&2; exit 1; }
  (($(loaded_from_pyc "first-$v") >= 3))
  grep -q "^pexrc: .*bytecode: shipped in the payload for every unit; nothing to compile$" "$work/first-$v.err"
  expect_fails grep -q "bytecode: compiling .* in the background" "$work/first-$v.err"
  pass "first run on $v: $(loaded_from_pyc "first-$v") modules of the app from shipped .pyc files, none compiled, no background compile"
done

run_case first-3.13 env PEX_VERBOSE=1 PYTHONVERBOSE=1 PEX_PYTHON=python3.13 "$work/greet.pexrc" one two
same_as expected first-3.13
[[ -n $(compiled_from_source first-3.13) ]]
grep -q "^pexrc: .*bytecode: compiling .* in the background" "$work/first-3.13.err"
for lock in "$PEXRC_ROOT"/locks/compile-*.lck; do timeout 120 flock "$lock" true; done
run_case second-3.13 env PYTHONVERBOSE=1 PEX_PYTHON=python3.13 "$work/greet.pexrc" one two
same_as expected second-3.13
[[ -z $(compiled_from_source second-3.13) ]]
(($(loaded_from_pyc second-3.13) >= 3))
pass "3.13 (nothing shipped): compiled on its first run, then from its background .pyc files"
export PEXRC_COMPILE=0  # no compiler may outlive the test's clean-up

"$PEXRC_INJECT" verify "$work/greet.pexrc" >"$work/verify.out"
grep -qE "^ok: .* 6 content hashes match" "$work/verify.out" || { cat "$work/verify.out" >&2; exit 1; }
pass "verify checks the units and their bytecode: $(cat "$work/verify.out")"

inject --no-compile "$FIXTURES/greet.pex" -o "$work/plain.pexrc"
names=$(unzip -Z1 "$work/plain.pexrc")
expect_fails grep -q PEXRC-BYTECODE <<<"$names"
grep -q "^pexrc-inject: no bytecode shipped (--no-compile)" "$work/inject.err"
pass "--no-compile ships no bytecode"

# A shipped .pyc changed in place, CRC fixed: the content hash of its layer
# catches it, at run time and in verify. (A module holding random bytes
# has a .pyc zstd cannot shrink, so it is stored and can be edited in place.)
mkdir -p "$work/blob"
python3 -c 'import os; print("DATA = %r" % os.urandom(4096))' >"$work/blob/blob.py"
"$PEX_TOOL" -D "$work/blob" -m blob -o "$work/blob.pex" >/dev/null
inject --compile-for python3.11 "$work/blob.pex" -o "$work/blob.pexrc"
pyc=PEXRC-BYTECODE/cpython-311/__pycache__/blob.cpython-311.pyc
python3 - "$work/blob.pexrc" "$pyc" "$work/altered.pyc" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    info = z.getinfo(sys.argv[2])
    assert info.compress_type == zipfile.ZIP_STORED, info.compress_type
    data = bytearray(z.read(info))
data[-100] ^= 0xFF
open(sys.argv[3], "wb").write(bytes(data))
PY
cp "$work/blob.pexrc" "$work/altered.pexrc"
surgery replace-stored "$work/altered.pexrc" "$pyc" "$work/altered.pyc"
rm -rf "$PEXRC_ROOT"
refused altered-run 76 "altered\.pexrc: user code \(bytecode for cpython-311\): extracted files do not match" \
  env PEX_PYTHON=python3.11 "$work/altered.pexrc"
[[ -z $(ls -A "$PEXRC_ROOT/code" 2>/dev/null) && -z $(ls -A "$PEXRC_ROOT/venvs" 2>/dev/null) ]]
refused altered-verify 76 "altered\.pexrc: user code \(bytecode for cpython-311\): its files do not match" \
  "$PEXRC_INJECT" verify "$work/altered.pexrc"
genuine=$(PEX_PYTHON=python3.11 "$work/blob.pexrc")
[[ -z $genuine ]]
pass "an altered shipped .pyc is refused (nothing cached) and named by verify; the genuine file runs"

# Shipped bytecode goes only into __pycache__ directories as a .pyc of its tag.
cp "$work/blob.pexrc" "$work/misplaced.pexrc"
surgery rename "$work/misplaced.pexrc" "$pyc" PEXRC-BYTECODE/cpython-311/x_pycache__/blob.cpython-311.pyc
rm -rf "$PEXRC_ROOT"
refused misplaced 65 "misplaced\.pexrc: bytecode entry 'PEXRC-BYTECODE/cpython-311/x_pycache__/blob\.cpython-311\.pyc' is not a cpython-311 \.pyc in a __pycache__ directory" \
  env PEX_PYTHON=python3.11 "$work/misplaced.pexrc"

# The app's own six.py shadows the six wheel's: each .pyc is linked only
# beside the source it was compiled from, so the app's module runs.
mkdir -p "$work/shadow"
echo 'X = "shadowed"' >"$work/shadow/six.py"
"$PEX_TOOL" -D "$work/shadow" six==1.16.0 -o "$work/shadow.pex" >/dev/null
inject --compile-for python3.11 "$work/shadow.pex" -o "$work/shadow.pexrc"
[[ $(PEX_PYTHON=python3.11 "$work/shadow.pexrc" -c 'import six; print(six.X)') == shadowed ]]
pass "an app's module shadowing a wheel's runs from its own .pyc"

# Every unit keeps the text its content hash covers, and every bytecode
# layer its own: read back on their own, they match the files on disk.
read -r units files layers < <(python3 "$(dirname "$0")/unit_manifests.py" "$PEXRC_ROOT")
((units >= 2 && files > 0 && layers >= 1)) || { echo "manifests: $units units, $files files, $layers layers" >&2; exit 1; }
pass "unit manifests: $units units, $files files and $layers bytecode layers as recorded"

# Interpreters that cannot take shipped bytecode are refused by name.
refused too-old 64 "^pexrc-inject: interpreter to compile for 'python3\.6' is CPython 3\.6\.[0-9]+: \.pyc files are made ahead only for 3\.7\+" \
  env PATH="$(dirname "$(find_python 3.6)"):$PATH" "$PEXRC_INJECT" --compile-for python3.6 "$FIXTURES/greet.pex" -o "$work/x.pexrc"
[[ ! -e $work/x.pexrc ]]
