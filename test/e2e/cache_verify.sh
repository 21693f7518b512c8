# `cache verify` finds a flipped byte, a deleted file and a deleted
# unit, from pexrc-inject and from any app; --repair takes away what is
# damaged, a venv an app holds stays, and the next run works again.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
inject "$FIXTURES/greet.pex" -o "$work/greet.pexrc"
inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
expected=$("$work/greet.pexrc" a)
"$work/six.pexrc" -c 'import six' >/dev/null

"$PEXRC_INJECT" cache verify >"$work/clean.out"
grep -qE "^[0-9]+ unit\(s\), [0-9]+ file\(s\), .* checked: 0 damaged, 0 broken venv\(s\)$" "$work/clean.out"
[[ $(PEXRC_TOOLS=1 "$work/six.pexrc" cache verify) == "$(cat "$work/clean.out")" ]]
pass "a sound cache: $(cat "$work/clean.out")"

# Damage: a flipped byte in six's wheel, a file of greet's code deleted.
six_py=$(ls "$PEXRC_ROOT"/wheels/*/six.py)
chmod u+w "$six_py"
printf 'X' | dd of="$six_py" bs=1 seek=10 conv=notrunc 2>/dev/null
greet_code=$(dirname "$(dirname "$(ls "$PEXRC_ROOT"/code/*/greet/cli.py)")")
rm "$greet_code/greet/cli.py"
rc=0
"$PEXRC_INJECT" cache verify >"$work/damaged.out" || rc=$?
[[ $rc == 65 ]] || { echo "verify exited $rc, not 65" >&2; exit 1; }
grep -q "^damaged wheels/.* (six-1.16.0): six.py was altered$" "$work/damaged.out"
grep -q "^damaged code/.*: greet/cli.py is missing$" "$work/damaged.out"
rc=0
"$PEXRC_INJECT" cache verify --json >"$work/damaged.json" || rc=$?
[[ $rc == 65 ]]
python3 - "$work/damaged.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
problems = sorted(u["problem"] for u in report["damaged_units"])
assert problems == ["greet/cli.py is missing", "six.py was altered"], problems
assert len(report["broken_venvs"]) == 2, report["broken_venvs"]
PY
pass "a flipped byte and a deleted file: $(tail -1 "$work/damaged.out")"

# A unit deleted whole: the venvs linking to it are broken.
rm -rf "$greet_code"
rc=0
"$PEXRC_INJECT" cache verify >"$work/missing.out" || rc=$?
[[ $rc == 65 ]]
grep -q "^broken venv venvs/.* ($work/greet.pexrc): links to code/.*, which is missing$" "$work/missing.out"
pass "a deleted unit: $(grep -c '^broken venv' "$work/missing.out") broken venv(s)"

# --repair, while an app holds its venv: that venv stays, the damaged units go.
mkfifo "$work/release"
"$work/six.pexrc" -c 'import sys; open(sys.argv[1], "w").write("1"); open(sys.argv[2]).read()' \
  "$work/running" "$work/release" &
held=$!
wait_for_file "$work/running"
"$PEXRC_INJECT" cache verify --repair >"$work/repair.out"
grep -qE "^repaired: removed 1 unit\(s\) and 1 venv\(s\), .*; 1 broken venv\(s\) kept because an app is using them$" "$work/repair.out"
echo go >"$work/release"
wait "$held"
[[ $("$work/greet.pexrc" a) == "$expected" ]]
pass "--repair: $(tail -1 "$work/repair.out"); the next run works"

# A unit of a finished venv deleted: the next start extracts it again
# instead of failing on an import.
six_unit=$(dirname "$(ls "$PEXRC_ROOT"/wheels/*/six.py)")
rm -rf "$six_unit"
[[ $(PEX_VERBOSE=1 "$work/six.pexrc" -c 'import six; print(six.__version__)' 2>"$work/rebuilt.err") == 1.16.0 ]]
grep -q "lacks wheels/.*: extracting again" "$work/rebuilt.err"
[[ -d $six_unit ]]
pass "a warm start whose venv lacks a unit extracts it again"

# Torn like a power cut before the bytes reached the disk: a venv's manifest
# and boot script empty. verify names the venv; --repair takes it away, and
# the next run builds it again (never an empty boot script run, exit 0).
venv=$(dirname "$(grep -l greet "$PEXRC_ROOT"/venvs/*/pexrc-venv.json)")
: >"$venv/pexrc-venv.json"
: >"$venv/pexrc-boot.py"
rc=0
"$PEXRC_INJECT" cache verify >"$work/torn.out" || rc=$?
[[ $rc == 65 ]]
grep -q "^broken venv ${venv#"$PEXRC_ROOT/"} (app unknown): its pexrc-venv.json is missing or damaged$" "$work/torn.out"
"$PEXRC_INJECT" cache verify --repair >"$work/torn-repair.out"
[[ ! -e $venv ]]
[[ $("$work/greet.pexrc" a) == "$expected" ]]
"$PEXRC_INJECT" cache verify >/dev/null
pass "a torn venv manifest: $(grep '^broken' "$work/torn.out"); repaired, the next run works"
