# A cold start killed with SIGKILL at any moment leaves nothing a later run
# trusts half-built: the next run still works, and no work directory is
# mistaken for a finished entry.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
"$PEX_TOOL" numpy==1.26.4 -o "$work/np.pex" >/dev/null
inject "$work/np.pex" -o "$work/np.pexrc"
check='import numpy; print(numpy.arange(6).reshape(2, 3).sum())'

for delay in 0.02 0.05 0.1 0.15 0.2 0.3 0.45; do
  rm -rf "$PEXRC_ROOT"
  "$work/np.pexrc" -c "$check" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [[ $("$work/np.pexrc" -c "$check") == 15 ]]
  # Every published wheel directory holds its whole wheel (RECORD lists it).
  for wheel in "$PEXRC_ROOT"/wheels/*/; do
    record=$(ls "$wheel"*.dist-info/RECORD)
    while IFS=, read -r path _; do
      [[ -e $wheel$path || $path == *.pyc ]] || { echo "missing $wheel$path after kill at ${delay}s" >&2; exit 1; }
    done <"$record"
  done
  pass "killed after ${delay}s: next run works, published entries complete ($(ls "$PEXRC_ROOT/work" 2>/dev/null | wc -l) stale work dirs)"
done
