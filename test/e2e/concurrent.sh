# Concurrent first runs: 32 cold starts of one app all succeed; 32 of two
# apps sharing a wheel all succeed and extract it once; prune racing with
# running and starting apps removes nothing they use.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)

inject "$FIXTURES/greet.pex" -o "$work/greet.pexrc"
inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
"$py" "$FIXTURES/greet.pex" one two >"$work/expected"
for round in 1 2; do
  rm -rf "$PEXRC_ROOT"
  "$RUN_CONCURRENTLY" 32 "$work/expected" "$work/greet.pexrc" one two
  # Nothing half-built is left behind: every work dir was published or removed.
  [[ -z $(find "$PEXRC_ROOT/work" -mindepth 1 -maxdepth 1 2>/dev/null) ]]
  pass "round $round: 32 concurrent cold starts"
done

# Two apps that ship the same six wheel, 16 cold starts of each at once.
rm -rf "$PEXRC_ROOT"
pids=()
for i in $(seq 16); do
  PEX_VERBOSE=2 "$work/greet.pexrc" one two >"$work/greet.$i.out" 2>"$work/greet.$i.err" &
  pids+=($!)
  PEX_VERBOSE=2 "$work/six.pexrc" -c 'import six; print(six.__version__)' \
    >"$work/six.$i.out" 2>"$work/six.$i.err" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
for i in $(seq 16); do
  cmp -s "$work/greet.$i.out" "$work/expected"
  [[ $(cat "$work/six.$i.out") == 1.16.0 ]]
done
extractions=$(cat "$work"/*.err | grep -c '^pexrc: \[.*\] extracted six-1.16.0-py2.py3-none-any.whl -> ' || true)
[[ $extractions == 1 && $(ls -d "$PEXRC_ROOT"/wheels/*/six-1.16.0.dist-info | wc -l) == 1 ]] ||
  { echo "six extracted $extractions times" >&2; exit 1; }
pass "32 cold starts of two apps sharing six: all succeed, six extracted once"

# Prune in a loop while apps run (each holds its venv until the test lets
# it go) and others start cold: every app works, and nothing a running app
# uses disappears.
rm -rf "$PEXRC_ROOT"
# The held app says it is running (in a file), then waits for its fifo.
long='import sys, six; open(sys.argv[1], "w").write("1"); open(sys.argv[2]).read(); import six.moves; print("done", six.__version__)'
held=() others=()
for i in $(seq 8); do
  mkfifo "$work/release.$i"
  "$work/six.pexrc" -c "$long" "$work/running.$i" "$work/release.$i" >"$work/long.$i.out" 2>"$work/long.$i.err" &
  held+=($!)
  wait_for_file "$work/running.$i" "$work/long.$i.err"
  "$work/greet.pexrc" one two >"$work/racing.$i.out" 2>"$work/racing.$i.err" &
  others+=($!)
  "$PEXRC_INJECT" cache prune --older-than 0 >>"$work/prune.out" 2>&1 &
  others+=($!)
done
for pid in "${others[@]}"; do wait "$pid"; done
for i in $(seq 8); do echo go >"$work/release.$i"; done
for pid in "${held[@]}"; do wait "$pid"; done
for i in $(seq 8); do
  [[ $(cat "$work/long.$i.out") == "done 1.16.0" ]] || { cat "$work/long.$i.err" >&2; exit 1; }
  cmp -s "$work/racing.$i.out" "$work/expected" || { cat "$work/racing.$i.err" >&2; exit 1; }
done
grep -qE "; [1-9][0-9]* old venv\(s\) kept because an app is using them" "$work/prune.out"
# With every app gone, a prune empties the cache of venvs and units.
"$PEXRC_INJECT" cache prune --older-than 0 >"$work/final-prune.out"
[[ -z $(ls -A "$PEXRC_ROOT/venvs") && -z $(ls -A "$PEXRC_ROOT/wheels") && -z $(ls -A "$PEXRC_ROOT/work") ]]
pass "8 prunes racing 8 running and 8 starting apps: all apps worked; then: $(cat "$work/final-prune.out")"
