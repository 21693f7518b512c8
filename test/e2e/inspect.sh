# pexrc-inject info (text and --json) and verify, on good files and
# on each kind of corruption, each named by entry with a distinct status.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
whl=.deps/six-1.16.0-py2.py3-none-any.whl
inject --compile-for "$(find_python 3.11)" "$FIXTURES/greet.pex" -o "$work/greet.pexrc"

# info --json, read back by Python and checked against the archive itself.
"$PEXRC_INJECT" info "$work/greet.pexrc" --json >"$work/info.json"
entries=$(unzip -Z1 "$work/greet.pexrc" 2>/dev/null | wc -l)
python3 - "$work/info.json" "$work/greet.pexrc" "$entries" "$(stat -c %s "$work/greet.pexrc")" <<'PY'
import json, sys, zipfile
info = json.load(open(sys.argv[1]))
path, entries, size = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with zipfile.ZipFile(path) as z:
    files = [i for i in z.infolist() if not i.is_dir()]
    stored = sum(i.compress_size for i in files)
    plain = sum(i.file_size for i in files)
    zstd = sum(1 for i in files if i.compress_type == 93)
    first = z.infolist()[0].header_offset
assert info["path"] == path and info["file_bytes"] == size, info
assert info["target"] == "x86_64-linux", info
assert info["launcher"]["identity"].startswith("pexrc-launcher "), info
assert info["launcher"]["this_build"] is True and info["launcher"]["bytes"] == first, info
assert info["entry_point"] == "greet.cli:main" and info["script"] is None, info
assert info["requirements"] == ["six==1.16.0"], info
assert info["wheels_by_platform"] == {"any": ["six-1.16.0-py2.py3-none-any.whl"]}, info
assert (info["entries"], info["files"], info["zstd_files"]) == (entries, len(files), zstd), info
assert (info["stored_bytes"], info["uncompressed_bytes"]) == (stored, plain), info
assert abs(info["compression_ratio"] - plain / stored) < 1e-9, info
pycs = [i for i in files if i.filename.startswith("PEXRC-BYTECODE/cpython-311/")]
assert list(info["bytecode"]) == ["cpython-311"], info
assert info["bytecode"]["cpython-311"] == {
    "files": len(pycs), "stored_bytes": sum(i.compress_size for i in pycs),
    "uncompressed_bytes": sum(i.file_size for i in pycs)}, info
PY
pass "info --json agrees with the archive ($entries entries)"
"$PEXRC_INJECT" info "$work/greet.pexrc" >"$work/info.txt"
grep -qE "^target: +x86_64-linux$" "$work/info.txt"
grep -qE "^wheels any: +1: six-1.16.0-py2.py3-none-any.whl$" "$work/info.txt"
grep -qE "^bytecode cpython-311: +[0-9]+ \.pyc files, .* stored, .* uncompressed$" "$work/info.txt"
grep -qE "^launcher: +pexrc-launcher [0-9][^ ]* x86_64-linux, .*, this pexrc-inject's$" "$work/info.txt"
[[ $(PEXRC_TOOLS=1 "$work/greet.pexrc" version) == "$(sed -n 's/^launcher: *\([^,]*\),.*/\1/p' "$work/info.txt")" ]]
pass "info: $(grep -E '^(launcher|entries|ratio):' "$work/info.txt" | tr -s ' ' | tr '\n' ';')"

# verify: ok on the good file, with one and with two threads.
"$PEXRC_INJECT" verify "$work/greet.pexrc" >"$work/verify.out"
grep -qE "^ok: $work/greet.pexrc: $entries entries \([0-9]+ files\), .* 4 content hashes match" "$work/verify.out"
quiet=$("$PEXRC_INJECT" verify -q -j 1 "$work/greet.pexrc")
[[ -z $quiet ]]
pass "verify: $(cat "$work/verify.out")"

# Each corruption class: the first problem, its entry named, its own status.
broken() {  # NAME SURGERY-ARGS... (applied to a fresh copy, FILE standing for it)
  local name=$1
  shift
  cp "$work/greet.pexrc" "$work/$name.pexrc"
  local args=("${@//FILE/$work/$name.pexrc}")
  surgery "${args[@]}"
}
broken crc flip-byte FILE __main__.py
refused verify-crc 65 "^pexrc-inject: .*/crc\.pexrc: __main__\.py: CRC mismatch$" \
  "$PEXRC_INJECT" verify "$work/crc.pexrc"
broken frame flip-byte FILE "$whl/six.py"
refused verify-frame 65 "^pexrc-inject: .*/frame\.pexrc: $whl/six\.py: zstd: " \
  "$PEXRC_INJECT" verify "$work/frame.pexrc"
broken directory shift-local FILE greet/cli.py
refused verify-directory 65 "^pexrc-inject: .*/directory\.pexrc: .*greet/cli\.py" \
  "$PEXRC_INJECT" verify "$work/directory.pexrc"
cp "$work/greet.pexrc" "$work/truncated.pexrc"
truncate -s -200 "$work/truncated.pexrc"
refused verify-truncated 65 "^pexrc-inject: .*/truncated\.pexrc: " \
  "$PEXRC_INJECT" verify "$work/truncated.pexrc"
# Content changed and its CRC fixed up: only the content hash can tell.
cp "$work/greet.pexrc" "$work/altered.pexrc"
printf 'sux\n' >"$work/sux.txt"
surgery replace-stored "$work/altered.pexrc" "$whl/six-1.16.0.dist-info/top_level.txt" "$work/sux.txt"
refused verify-altered 76 "^pexrc-inject: .*/altered\.pexrc: six-1\.16\.0-py2\.py3-none-any\.whl: its files do not match the content hash" \
  "$PEXRC_INJECT" verify "$work/altered.pexrc"
refused verify-not-pexrc 66 "^pexrc-inject: .*greet\.pex: not a \.pexrc" \
  "$PEXRC_INJECT" verify "$FIXTURES/greet.pex"
refused verify-missing 66 "^pexrc-inject: $work/nothing\.pexrc: no such file" \
  "$PEXRC_INJECT" verify "$work/nothing.pexrc"
refused info-usage 64 "^pexrc-inject: info: unknown option '--yaml'" \
  "$PEXRC_INJECT" info --yaml "$work/greet.pexrc"
