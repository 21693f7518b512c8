# Trust: what the launcher publishes is exactly what pexrc-inject hashed. A
# stored file altered with its CRC fixed up, a zstd entry whose frame and CRC
# are valid but whose content is not what PEXRC-INFO records, and PEXes that
# share a wheel's fingerprint with other content never put wrong files where
# another app reads them. Hostile names are refused on both sides.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)
whl=.deps/six-1.16.0-py2.py3-none-any.whl
probe='import six; print(open(six.__file__).read().splitlines()[0])'

inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
real_first_line=$(unzip -p "$FIXTURES/six.pex" "$whl/six.py" | head -1)

nothing_published() {
  [[ -z $(ls -A "$PEXRC_ROOT/venvs" 2>/dev/null) && -z $(ls -A "$PEXRC_ROOT/wheels" 2>/dev/null) &&
     -z $(ls -A "$PEXRC_ROOT/code" 2>/dev/null) && -z $(ls -A "$PEXRC_ROOT/work" 2>/dev/null) ]] ||
    { find "$PEXRC_ROOT" -maxdepth 2 >&2; return 1; }
}

# 1. A stored entry changed, CRC fixed in both headers.
cp "$work/six.pexrc" "$work/stored.pexrc"
printf 'sux\n' >"$work/sux.txt"
surgery replace-stored "$work/stored.pexrc" "$whl/six-1.16.0.dist-info/top_level.txt" "$work/sux.txt"
rm -rf "$PEXRC_ROOT"
refused stored-tampered 76 "stored.pexrc: six-1.16.0-py2.py3-none-any.whl: extracted files do not match" \
  "$work/stored.pexrc" -c 'import six'
nothing_published

# 2. A zstd entry with a valid frame, checksum and CRC, under a PEXRC-INFO
# that claims the real six: a PEX whose six.py was replaced, injected, then
# given the genuine app's PEXRC-INFO (same length, CRC fixed up).
{ echo '# not six'; echo 'print("evil six imported")'; } >"$work/evil.py"
surgery rewrite-pex "$FIXTURES/six.pex" "$work/evil.pex" "$whl/six.py" "$work/evil.py"
inject "$work/evil.pex" -o "$work/evil.pexrc"
cp "$work/evil.pexrc" "$work/liar.pexrc"
unzip -p "$work/six.pexrc" PEXRC-INFO >"$work/genuine-info.json"
surgery replace-stored "$work/liar.pexrc" PEXRC-INFO "$work/genuine-info.json"
liar_info=$(unzip -p "$work/liar.pexrc" PEX-INFO)
genuine_info=$(unzip -p "$work/six.pexrc" PEX-INFO)
[[ -n $genuine_info ]]
[[ $liar_info == "$genuine_info" ]]
rm -rf "$PEXRC_ROOT"
refused zstd-tampered 76 "liar.pexrc: six-1.16.0-py2.py3-none-any.whl: extracted files do not match" \
  "$work/liar.pexrc" -c 'import six'
nothing_published

# The genuine app is unaffected, before and after the liar runs against a
# cache that already holds the real six: the liar then gets the real files.
[[ $("$work/six.pexrc" -c "$probe") == "$real_first_line" ]]
[[ $("$work/liar.pexrc" -c "$probe") == "$real_first_line" ]]
[[ $("$work/six.pexrc" -c "$probe") == "$real_first_line" ]]
pass "the genuine app and a liar sharing its PEX-INFO both import the real six"

# 3. Two honest PEXes with the same PEX-INFO (six's fingerprint) and different
# six.py: each imports its own, from its own cache directory, in either order.
for order in "six evil" "evil six"; do
  rm -rf "$PEXRC_ROOT"
  for app in $order; do "$work/$app.pexrc" -c 'import six' >"$work/$app.import"; done
  [[ $(cat "$work/evil.import") == "evil six imported" && ! -s "$work/six.import" ]]
  [[ $(ls -d "$PEXRC_ROOT"/wheels/* | wc -l) == 2 ]]
done
pass "same fingerprint, different content: two wheel directories, each app its own six"

# 4. Hostile names. pexrc-inject refuses them in the input PEX...
rm -rf "$PEXRC_ROOT"
hostile_pex() {  # NAME NEW_ENTRY_NAME(with \xNN escapes) PATTERN
  cp "$FIXTURES/six.pex" "$work/$1.pex"
  surgery rename "$work/$1.pex" "$whl/six.py" "$2"
  refused "inject-$1" 65 "$3" "$PEXRC_INJECT" "$work/$1.pex" -o "$work/$1.pexrc"
  [[ ! -e $work/$1.pexrc ]]
}
hostile_pex nul "$whl/si\\x00.py" "contains a NUL byte"
hostile_pex not-utf8 "$whl/si\\xff.py" "is not valid UTF-8"
hostile_pex newline "$whl/si\\x0a.py" "contains a control character"
hostile_pex dotdot ".deps/six-1.16.0-py2.py3-none-any.whl/../.py" "has a '\.\.' component"
surgery add-copy "$FIXTURES/six.pex" "$work/dup.pex" "$whl/six.py" "$whl/six.py"
refused inject-duplicate 65 "'$whl/six.py' is in the archive twice" \
  "$PEXRC_INJECT" "$work/dup.pex" -o "$work/dup.pexrc"
surgery add-copy "$FIXTURES/six.pex" "$work/clash.pex" "$whl/six.py" "$whl/six.py/inner.py"
refused inject-file-as-dir 65 "lies under '$whl/six.py', which is a file" \
  "$PEXRC_INJECT" "$work/clash.pex" -o "$work/clash.pexrc"
pex_info_with() {  # NAME PYTHON_EXPR_ON_d
  unzip -p "$FIXTURES/six.pex" PEX-INFO | "$py" -c "import json, sys
d = json.load(sys.stdin)
$2
print(json.dumps(d))" >"$work/$1.json"
  surgery rewrite-pex "$FIXTURES/six.pex" "$work/$1.pex" PEX-INFO "$work/$1.json"
}
pex_info_with wheel-path 'd["distributions"] = {"../six.whl": v for v in d["distributions"].values()}'
refused inject-wheel-path 67 "distribution '\.\./six\.whl' is not a plain file name" \
  "$PEXRC_INJECT" "$work/wheel-path.pex" -o "$work/wheel-path.pexrc"
pex_info_with fingerprint 'd["distributions"] = {k: "../../etc" for k in d["distributions"]}'
refused inject-fingerprint 67 "fingerprint of six-1.16.0-py2.py3-none-any.whl \('\.\./\.\./etc'\) is not a plain key" \
  "$PEXRC_INJECT" "$work/fingerprint.pex" -o "$work/fingerprint.pexrc"

# ...and the launcher refuses them in hand-made .pexrc files, before writing.
hostile_pexrc() {  # NAME OLD NEW PATTERN
  cp "$work/six.pexrc" "$work/$1.pexrc"
  surgery rename "$work/$1.pexrc" "$2" "$3"
  rm -rf "$PEXRC_ROOT"
  refused "run-$1" 65 "$4" "$work/$1.pexrc" -c 'import six'
  nothing_published
}
hostile_pexrc nul "$whl/six.py" "$whl/si\\x00.py" "entry name '$whl/si\\\\x00\.py' contains a NUL byte"
hostile_pexrc not-utf8 "$whl/six.py" "$whl/s\\xc3\\x28.py" "is not valid UTF-8"
hostile_pexrc file-as-dir "$whl/six-1.16.0.dist-info/LICENSE" "$whl/six.py/aaaaaaaaaaaaaaaaaaaaa" \
  "lies under '$whl/six.py', which is a file"
hostile_pexrc duplicate "$whl/six-1.16.0.pex-info/" "$whl/six-1.16.0.dist-info" \
  "'$whl/six-1.16.0.dist-info' is in the archive twice"
cp "$work/six.pexrc" "$work/bad-hash.pexrc"
# (The top-level wheel_hashes, after "shebang"; the bytecode's come first.)
sed -E 's/("shebang":"[^"]*","wheel_hashes"):\{"([^"]*)":"[0-9a-f]{64}"/\1:{"\2":"..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/..\/tmp\/"/' \
  "$work/genuine-info.json" >"$work/bad-hash.json"
[[ $(wc -c <"$work/bad-hash.json") == $(wc -c <"$work/genuine-info.json") ]]
surgery replace-stored "$work/bad-hash.pexrc" PEXRC-INFO "$work/bad-hash.json"
rm -rf "$PEXRC_ROOT"
refused run-bad-hash 65 "PEXRC-INFO: six-1.16.0-py2.py3-none-any.whl has no valid content hash" \
  "$work/bad-hash.pexrc" -c 'import six'
