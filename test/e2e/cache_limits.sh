# A cache that bounds and cleans itself. With a cap below two apps'
# size, running A, then B, then A again keeps the root under the cap once
# each eviction is done; an app that runs is never broken and the starting
# app's own units never go; the venv of an app's previous build (same path)
# goes after PEXRC_KEEP_OLD_BUILDS, not before, and wheels another app uses
# stay.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
inject "$FIXTURES/six.pex" -o "$work/a.pexrc"
inject "$FIXTURES/cowsay.pex" -o "$work/b.pexrc"

# Waits for the background eviction a cold start left (it holds the lock).
settle() { [[ ! -e $PEXRC_ROOT/locks/evict.lck ]] || timeout 120 flock "$PEXRC_ROOT/locks/evict.lck" true; }
total() { "$PEXRC_INJECT" cache info --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_bytes"])'; }
run_a() { "$work/a.pexrc" -c 'import six; print(six.__version__)'; }
run_b() { "$work/b.pexrc" -t moo >/dev/null; }

# Each app alone, to choose a cap that holds one but not both.
PEXRC_ROOT=$work/alone-a run_a >/dev/null
size_a=$(PEXRC_ROOT=$work/alone-a total)
PEXRC_ROOT=$work/alone-b run_b
size_b=$(PEXRC_ROOT=$work/alone-b total)
cap=$(( (size_a > size_b ? size_a : size_b) + 32768 ))
(( cap < size_a + size_b )) || { echo "cap $cap does not split $size_a + $size_b" >&2; exit 1; }
export PEXRC_CACHE_MAX_SIZE=$cap

# 1. A, B, A: after each eviction the root fits, and the app that started is whole.
for step in a b a; do
  "run_$step" >/dev/null
  settle
  size=$(total)
  (( size <= cap )) || { echo "after $step: $size bytes > cap $cap" >&2; "$PEXRC_INJECT" cache info >&2; exit 1; }
  [[ $(ls "$PEXRC_ROOT/venvs" | wc -l) == 1 ]]
done
[[ $(run_a) == 1.16.0 ]]
pass "A, B, A under a cap of $cap bytes (A alone $size_a, B alone $size_b): the root fits after each eviction"

# `cache info` says what would go: under the cap, nothing; under a lower
# cap, the one venv (it is idle) and its units.
"$PEXRC_INJECT" cache info >"$work/info.out"
grep -qE "^limit: .* \(PEXRC_CACHE_MAX_SIZE\); old builds go 1w after their last use \(0 now\)$" "$work/info.out"
grep -qx "would evict now: 0 entries, 0 B" "$work/info.out"
PEXRC_CACHE_MAX_SIZE=1K "$PEXRC_INJECT" cache info >"$work/info-low.out"
grep -qE "^would evict now: [0-9]+ entries, " "$work/info-low.out"
grep -qE "^  venvs/.* over the cap  $work/a.pexrc$" "$work/info-low.out"
pass "cache info: $(grep '^limit' "$work/info.out")"

# 2. B starts while A runs: A's venv and units stay (A imports after B's
# eviction ended), and so do B's own; the root stays over the cap until A exits.
mkfifo "$work/release"
"$work/a.pexrc" -c 'import sys; open(sys.argv[1], "w").write("1"); open(sys.argv[2]).read()
import six.moves; print(six.moves.__name__)' "$work/running" "$work/release" >"$work/held.out" &
held=$!
wait_for_file "$work/running"
run_b
settle
[[ $(ls "$PEXRC_ROOT/venvs" | wc -l) == 2 ]]
units=$(python3 -c 'import json,sys
for v in sys.argv[1:]: print(" ".join(u["dir"] for u in json.load(open(v))["units"]))' "$PEXRC_ROOT"/venvs/*/pexrc-venv.json)
[[ -n $units ]]
for unit in $units; do
  [[ -d $PEXRC_ROOT/$unit ]] || { echo "$unit of a running or starting app was evicted" >&2; exit 1; }
done
echo go >"$work/release"
wait "$held"
[[ $(cat "$work/held.out") == six.moves ]]
pass "B started while A ran: nothing of either went ($(total) bytes, over the cap until A exits)"

# 3. Old builds: app.pexrc is greet, then replaced at the same path by
# another build (cowsay's: what counts is the path); six.pexrc, another app,
# shares greet's six wheel.
unset PEXRC_CACHE_MAX_SIZE
export PEXRC_ROOT=$work/builds PEXRC_KEEP_OLD_BUILDS=1h
inject "$FIXTURES/greet.pex" -o "$work/app.pexrc"
"$work/app.pexrc" a >/dev/null
inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
"$work/six.pexrc" -c 'import six' >/dev/null
old_venv=$(grep -l "\"app\":\"$work/app.pexrc\"" "$PEXRC_ROOT"/venvs/*/pexrc-venv.json | xargs dirname)
old_code=$(ls -d "$PEXRC_ROOT"/code/*)
six_wheel=$(ls -d "$PEXRC_ROOT"/wheels/*)
inject "$FIXTURES/cowsay.pex" -o "$work/app.pexrc"
"$work/app.pexrc" -t moo >/dev/null  # a new build: cold, starts an eviction
settle
[[ -d $old_venv ]]
"$PEXRC_INJECT" cache info >"$work/builds.out"
grep -qE "^limit: none; old builds go 1h after their last use \(1 now\)$" "$work/builds.out"
new_manifest=$(grep -l "\"app\":\"$work/app.pexrc\"" "$PEXRC_ROOT"/venvs/*/pexrc-venv.json | grep -v "$old_venv")

# A cold start of something else runs the eviction: six.pexrc on CPython
# 3.12 (its venv for 3.12 removed first).
py312=$(find_python 3.12)
cold_start_elsewhere() {
  local venv
  for venv in $(grep -l "\"python\":\"$py312\"" "$PEXRC_ROOT"/venvs/*/pexrc-venv.json || true); do
    rm -rf "$(dirname "$venv")"
  done
  "$@" PEX_PYTHON="$py312" "$work/six.pexrc" -c 'print("ran")' >"$work/cold.out" 2>"$work/cold.err"
  settle
}
# Younger than the hour (unused and superseded 50 minutes ago): kept.
touch -d '50 minutes ago' "$old_venv" "$new_manifest"
cold_start_elsewhere env
[[ -d $old_venv ]] || { echo "the old build went before its time" >&2; exit 1; }
# Older: it goes with the code only it linked to; the six wheel stays.
touch -d '2 hours ago' "$old_venv" "$new_manifest"
cold_start_elsewhere env
[[ ! -e $old_venv && ! -e $old_code && -d $six_wheel ]] ||
  { echo "old venv, its code or the shared wheel not as expected:" >&2; "$PEXRC_INJECT" cache info >&2; exit 1; }
[[ $("$work/app.pexrc" -t moo) == *moo* ]]
[[ $("$work/six.pexrc" -c 'import six; print(six.__version__)') == 1.16.0 ]]
pass "old builds: kept at 50 minutes, gone at 2 hours with the code only they used; the shared wheel stays"

# 4. Settings: the root's pexrc.toml; a bad value is a warning on a cold
# start (the app runs) and an error (exit 78) for the tools.
unset PEXRC_KEEP_OLD_BUILDS
printf '# set by the administrator\nmax_size = "64M"\n' >"$PEXRC_ROOT/pexrc.toml"
"$PEXRC_INJECT" cache info | grep -qx "limit: 64.0 MiB ($PEXRC_ROOT/pexrc.toml:2); old builds go 1w after their last use (0 now)"
chmod 666 "$PEXRC_ROOT/pexrc.toml"
"$PEXRC_INJECT" cache info | grep -q "^limit: none;"  # others could write it: not read
chmod 644 "$PEXRC_ROOT/pexrc.toml"
cold_start_elsewhere env PEXRC_CACHE_MAX_SIZE=lots
[[ $(cat "$work/cold.out") == ran ]]
grep -qx "pexrc: warning: PEXRC_CACHE_MAX_SIZE: the cache's max size must be a size such as 20G, 512M or a number of bytes, not 'lots'; the cache is not kept within limits until that is fixed" "$work/cold.err"
echo 'max_size = 20G' >"$PEXRC_ROOT/pexrc.toml"
refused bad-toml 78 "^pexrc-inject: $PEXRC_ROOT/pexrc.toml:1: max_size wants a quoted string or a number$" \
  "$PEXRC_INJECT" cache info
pass "settings: pexrc.toml read when trusted; bad values named"
