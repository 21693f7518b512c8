# Cache roots that fill up or cannot be written: a clear one-line error or the
# temporary-root fallback, never a partial entry a later run trusts.
# Needs root for the mounts (as the CI machines have); skipped otherwise.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
if [[ $(id -u) != 0 ]]; then echo "skip: mounting a small file system needs root"; exit 77; fi
"$PEX_TOOL" numpy==1.26.4 six==1.16.0 -o "$work/np.pex" >/dev/null
inject "$work/np.pex" -o "$work/np.pexrc"
check='import numpy, six; print(numpy.arange(4).sum())'
mnt=$work/mnt
mkdir -p "$mnt"
cleanup_mount() { umount "$mnt" 2>/dev/null || true; }
trap 'cleanup_mount; rm -rf "$work"' EXIT

# Full: numpy needs ~70 MB; a 24 MB tmpfs fills up mid-extraction.
mount -t tmpfs -o size=24m pexrc-full "$mnt"
export PEXRC_ROOT=$mnt/root
run_case full "$work/np.pexrc" -c "$check"
[[ $(cat "$work/full.rc") == 74 && $(wc -l <"$work/full.err") == 1 ]] || { cat "$work/full.err" >&2; exit 1; }
# Names the app, the wheel, the cache and the cause.
grep -qE "^pexrc: $work/np.pexrc: cannot extract [^ ]+\.whl into $PEXRC_ROOT: .*No space left on device \(its file system has .* free; this first run needs .*\)$" \
  "$work/full.err" || { cat "$work/full.err" >&2; exit 1; }
[[ -z $(ls -A "$PEXRC_ROOT/wheels" 2>/dev/null) && -z $(ls -A "$PEXRC_ROOT/venvs" 2>/dev/null) ]]
[[ -z $(ls -A "$PEXRC_ROOT/work" 2>/dev/null) ]]
pass "full: $(cat "$work/full.err"); nothing published, work/ empty"
# Room made: the next run works from the same root.
umount "$mnt"
mount -t tmpfs -o size=200m pexrc-roomy "$mnt"
[[ $("$work/np.pexrc" -c "$check") == 6 ]]
pass "with room, the same root works"

# Read-only with a finished venv: warm runs work (no write needed).
settled "$PEXRC_ROOT"
mount -o remount,ro "$mnt"
[[ $("$work/np.pexrc" -c "$check") == 6 ]]
pass "read-only root, warm: works"
# Read-only without one: a temporary root for this run, removed afterwards.
rm -rf "$work/other-root"
run_case ro-cold env PEXRC_ROOT="$mnt/elsewhere" TMPDIR="$work" "$work/np.pexrc" -c "$check"
[[ $(cat "$work/ro-cold.rc") == 0 && $(cat "$work/ro-cold.out") == 6 ]] || { cat "$work/ro-cold.err" >&2; exit 1; }
grep -q "not using the cache root $mnt/elsewhere: .*Read-only file system; using .* for this run" "$work/ro-cold.err"
[[ -z $(ls -d "$work"/pexrc-root.* 2>/dev/null) ]]
pass "read-only root, cold: $(head -1 "$work/ro-cold.err")"
