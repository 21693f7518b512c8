# Acceptance 7: bad input gets a one-line error and a distinct exit status,
# never a crash, and leaves nothing in the cache root.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)

# expect_error NAME STATUS CMD...: exit STATUS, exactly one stderr line that
# starts with "pexrc" and names the file, and an untouched cache root.
expect_error() {
  local name=$1 status=$2 file=$3
  shift 3
  rm -rf "$PEXRC_ROOT"
  run_case "$name" "$@"
  local rc lines
  rc=$(cat "$work/$name.rc")
  lines=$(wc -l <"$work/$name.err")
  if [[ $rc != "$status" || $lines != 1 ]] || ! grep -q "^pexrc.*$file" "$work/$name.err"; then
    echo "$name: exit $rc (want $status), $lines stderr lines (want 1):" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  if [[ -e $PEXRC_ROOT && -n $(ls -A "$PEXRC_ROOT") ]]; then
    echo "$name: left entries in the cache root: $(ls -A "$PEXRC_ROOT")" >&2
    exit 1
  fi
  pass "$name: exit $rc: $(cat "$work/$name.err")"
}

inject "$FIXTURES/cowsay.pex" -o "$work/good.pexrc"
size=$(stat -c %s "$work/good.pexrc")
stub=$(stat -c %s "$PEXRC_LAUNCHER")

# Launcher side. (A cut inside the native stub itself leaves a broken ELF
# that the kernel refuses or cannot run: no program can report on that.)
head -c $((stub + (size - stub) / 2)) "$work/good.pexrc" >"$work/truncated.pexrc"
head -c $((size - 10)) "$work/good.pexrc" >"$work/tail-cut.pexrc"
chmod +x "$work"/*.pexrc
expect_error truncated-half 65 truncated.pexrc "$work/truncated.pexrc" -t moo
expect_error truncated-tail 65 tail-cut.pexrc "$work/tail-cut.pexrc" -t moo
cp "$PEXRC_LAUNCHER" "$work/bare-stub.pexrc"
expect_error stub-without-payload 65 bare-stub.pexrc "$work/bare-stub.pexrc"

(cd "$work" && echo hi >note.txt && "$py" -m zipfile -c plain.zip note.txt)
cat "$PEXRC_LAUNCHER" "$work/plain.zip" >"$work/not-a-pex.pexrc"
chmod +x "$work/not-a-pex.pexrc"
expect_error stub-with-plain-zip 66 not-a-pex.pexrc "$work/not-a-pex.pexrc"

cp "$work/good.pexrc" "$work/bad-json.pexrc"
pex_info_size=$(unzip -p "$work/good.pexrc" PEX-INFO | wc -c)
head -c "$pex_info_size" /dev/zero | tr '\0' '{' >"$work/garbage.json"
surgery replace-stored "$work/bad-json.pexrc" PEX-INFO "$work/garbage.json"
expect_error invalid-pex-info 67 bad-json.pexrc "$work/bad-json.pexrc" -t moo

# An entry that would land outside its cache directory is refused before
# anything is extracted.
cp "$work/good.pexrc" "$work/escape.pexrc"
surgery rename "$work/escape.pexrc" .deps/cowsay-6.1-py3-none-any.whl/cowsay/main.py \
  .deps/cowsay-6.1-py3-none-any.whl/../../../xx.py
rm -rf "$PEXRC_ROOT"
run_case escape "$work/escape.pexrc" -t moo
[[ $(cat "$work/escape.rc") == 65 && $(wc -l <"$work/escape.err") == 1 ]]
grep -q "entry name '.deps/cowsay-6.1-py3-none-any.whl/../../../xx.py' has a '..' component" "$work/escape.err"
[[ ! -e $PEXRC_ROOT/wheels && ! -e $PEXRC_ROOT/venvs && ! -e $work/xx.py ]]
pass "escape: $(cat "$work/escape.err")"

# Injector side: the output is never created.
expect_error inject-missing 66 nowhere.pex "$PEXRC_INJECT" "$work/nowhere.pex" -o "$work/o1.pexrc"
expect_error inject-text-file 65 note.txt "$PEXRC_INJECT" "$work/note.txt" -o "$work/o2.pexrc"
expect_error inject-plain-zip 66 plain.zip "$PEXRC_INJECT" "$work/plain.zip" -o "$work/o3.pexrc"
echo '{"entry_point": ' >"$work/bad.json"
surgery rewrite-pex "$FIXTURES/cowsay.pex" "$work/bad-json.pex" PEX-INFO "$work/bad.json"
expect_error inject-invalid-pex-info 67 bad-json.pex "$PEXRC_INJECT" "$work/bad-json.pex" -o "$work/o4.pexrc"
main_py=.deps/cowsay-6.1-py3-none-any.whl/cowsay/main.py
cp "$FIXTURES/cowsay.pex" "$work/flipped.pex"
surgery flip-byte "$work/flipped.pex" "$main_py"
expect_error inject-corrupt-entry 65 "flipped.pex: entry '$main_py' is corrupt" \
  "$PEXRC_INJECT" "$work/flipped.pex" -o "$work/o6.pexrc"
surgery bzip2-entry "$FIXTURES/cowsay.pex" "$work/bzip2.pex" "$main_py"
expect_error inject-bzip2-entry 69 "bzip2.pex: entry '$main_py' uses compression method 12" \
  "$PEXRC_INJECT" "$work/bzip2.pex" -o "$work/o7.pexrc"
expect_error inject-pexrc 64 good.pexrc "$PEXRC_INJECT" "$work/good.pexrc" -o "$work/o5.pexrc"
expect_error inject-bad-target 64 "mips64" "$PEXRC_INJECT" --target mips64-linux -o "$work/bad-target.pexrc" "$FIXTURES/cowsay.pex"
[[ -z $(ls "$work"/o*.pexrc 2>/dev/null) ]]
pass "no injector output was created for bad input"
