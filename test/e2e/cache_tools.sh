# The cache tools: `pexrc-inject cache dir|info|prune` and the same through
# any app with PEXRC_TOOLS=1; last use recorded by running apps; prune by age.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)
inject "$FIXTURES/greet.pex" -o "$work/greet.pexrc"
inject "$FIXTURES/six.pex" -o "$work/six.pexrc"

[[ $("$PEXRC_INJECT" cache dir) == "$PEXRC_ROOT" ]]
[[ $(PEXRC_TOOLS=1 "$work/six.pexrc" cache dir) == "$PEXRC_ROOT" ]]
"$PEXRC_INJECT" cache --help | grep -q "^usage: pexrc-inject cache dir | info \[--json\] | prune"
PEXRC_TOOLS=1 "$work/six.pexrc" cache --help | grep -q "^usage: PEXRC_TOOLS=1 .*six.pexrc cache"
pass "cache dir and --help from both programs"

run_case bad-tool env PEXRC_TOOLS=1 "$work/six.pexrc" venv /tmp/x
[[ $(cat "$work/bad-tool.rc") == 64 && $(wc -l <"$work/bad-tool.err") == 1 ]]
grep -q "PEXRC_TOOLS is set: the tools are 'cache'.*not 'venv'" "$work/bad-tool.err"
run_case bad-age "$PEXRC_INJECT" cache prune --older-than 3x
[[ $(cat "$work/bad-age.rc") == 64 ]]
grep -q "not '3x'" "$work/bad-age.err"
pass "unknown tool and bad age: exit 64, one line"

"$work/greet.pexrc" a >/dev/null
"$work/six.pexrc" -c 'import six'
"$PEXRC_INJECT" cache info --json >"$work/info.json"
"$py" - "$work/info.json" "$work" <<'PY'
import json, sys
info = json.load(open(sys.argv[1]))
work = sys.argv[2]
apps = sorted(v["app"] for v in info["venvs"])
assert apps == [work + "/greet.pexrc", work + "/six.pexrc"], apps
assert all(not v["in_use"] and v["bytes"] > 0 for v in info["venvs"]), info["venvs"]
names = sorted(w["name"] for w in info["wheels"])
assert names == ["six-1.16.0"], names  # shared by both apps
assert [c["name"] for c in info["code"]] == ["user code"]
assert all(w["linked"] for w in info["wheels"] + info["code"])
units = {u for v in info["venvs"] for u in v["units"]}
assert units == {w["dir"] for w in info["wheels"] + info["code"]}, units
assert info["total_bytes"] >= sum(e["bytes"] for k in ("venvs", "wheels", "code") for e in info[k])
PY
PEXRC_TOOLS=1 "$work/six.pexrc" cache info >"$work/info.txt"
grep -qE "^venvs \(2\)$" "$work/info.txt"
grep -qE "^wheels \(1\)$" "$work/info.txt"
grep -qE "^  wheels/[0-9a-f]+ +[0-9.]+ KiB  used 20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-9:]{8}Z  linked +six-1.16.0$" "$work/info.txt"
pass "cache info lists both venvs with their apps, six once, linked"

# Last use: an app run moves its venv's date forward once it is an hour old.
greet_venv=$("$py" -c 'import json, sys; print([v["dir"] for v in json.load(open(sys.argv[1]))["venvs"] if v["app"].endswith("greet.pexrc")][0])' "$work/info.json")
six_venv=$("$py" -c 'import json, sys; print([v["dir"] for v in json.load(open(sys.argv[1]))["venvs"] if v["app"].endswith("six.pexrc")][0])' "$work/info.json")
touch -d '20 days ago' "$PEXRC_ROOT/$greet_venv" "$PEXRC_ROOT/$six_venv"
"$work/six.pexrc" -c 'pass'
(( $(date +%s) - $(stat -c %Y "$PEXRC_ROOT/$six_venv") < 60 ))
(( $(date +%s) - $(stat -c %Y "$PEXRC_ROOT/$greet_venv") > 19 * 86400 ))
pass "a warm run records its venv's last use"

# prune --older-than 14d: greet's venv and its code go, six stays (six's venv
# still links it).
"$PEXRC_INJECT" cache prune --older-than 14d >"$work/prune.out"
grep -q "^removed 1 venv(s), 0 wheel(s), 1 code unit(s)" "$work/prune.out"
[[ ! -e $PEXRC_ROOT/$greet_venv && -e $PEXRC_ROOT/$six_venv && -z $(ls -A "$PEXRC_ROOT/code") ]]
[[ $(ls "$PEXRC_ROOT/wheels" | wc -l) == 1 ]]
"$work/greet.pexrc" again >/dev/null  # rebuilt from its own file
pass "prune by age: $(cat "$work/prune.out")"

# Debris of a killed build is removed by prune as well.
mkdir -p "$PEXRC_ROOT/work/extract.work-dead01/pkg"
echo x >"$PEXRC_ROOT/work/extract.work-dead01/pkg/x.py"
PEXRC_TOOLS=1 "$work/six.pexrc" cache prune >"$work/prune2.out"
grep -q "1 leftover(s) of killed runs" "$work/prune2.out"
[[ -z $(ls -A "$PEXRC_ROOT/work") ]]
pass "prune from an app (default age 14d): $(cat "$work/prune2.out")"

# prepare: the first run's work without the app, bytecode included, from the
# app or from pexrc-inject (which runs the app's own launcher from memory, so
# the file needs no execute bit); a second time changes nothing.
export PEXRC_ROOT=$work/prepared
cp "$work/greet.pexrc" "$work/greet-noexec.pexrc"
chmod a-x "$work/greet-noexec.pexrc"
"$PEXRC_INJECT" prepare "$work/greet-noexec.pexrc" >"$work/prepare.out"
grep -qE "^prepared $work/greet-noexec.pexrc for /.*python3.11 \(3\.11\.[0-9]+\): $PEXRC_ROOT/venvs/[0-9a-f]+, [0-9]+ files, " "$work/prepare.out"
find "$PEXRC_ROOT" -name 'six*.pyc' | grep -q .
PEXRC_TOOLS=1 "$work/greet.pexrc" prepare --json >"$work/prepare.json"
"$py" -c 'import json, sys; j = json.load(open(sys.argv[1])); assert j["built"] is False and j["files"] > 0, j' "$work/prepare.json"
[[ $(ls "$PEXRC_ROOT/venvs" | wc -l) == 1 ]]
"$PEXRC_INJECT" prepare --help | grep -q "^usage: pexrc-inject prepare APP.pexrc \[--json\]"
PEXRC_TOOLS=1 "$work/greet.pexrc" prepare --help | grep -q "^usage: PEXRC_TOOLS=1 .*greet.pexrc prepare \[--json\]"
refused prepare-bad-arg 64 "prepare: unknown argument '--now'" env PEXRC_TOOLS=1 "$work/greet.pexrc" prepare --now
refused prepare-no-app 64 "prepare: which APP.pexrc" "$PEXRC_INJECT" prepare
pass "prepare: $(cat "$work/prepare.out")"
