# Power cuts: the cache root lives on an ext4 image on a loop device, that
# image on a second ext4 (also a loop image). Freezing the outer file system
# and copying the inner image gives the inner device as it was at that
# instant, with nothing its page cache still held: what a disk holds after
# the plug is pulled. Each copy is checked (e2fsck replays its journal, as a
# boot does), mounted, and the app run from it must print what pex prints
# (re-extracting what it must), after which the cache verifies clean.
# Cut points: during extraction, just after the exec, and 5-30 s after exit.
# Needs root and loop devices; skipped (77) with the reason where missing.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
export PATH=$PATH:/usr/sbin:/sbin  # losetup, mkfs.ext4, e2fsck, fsfreeze
if [[ $(id -u) != 0 ]]; then echo "skip: loop devices and mounts need root"; exit 77; fi
if ! losetup -f >/dev/null 2>&1; then echo "skip: no free loop device (losetup -f)"; exit 77; fi
for tool in mkfs.ext4 e2fsck fsfreeze losetup; do
  command -v "$tool" >/dev/null || { echo "skip: $tool is missing"; exit 77; }
done
py=$(find_python 3.11)

outer=$work/outer inner=$work/inner copy=$work/copy
mkdir -p "$outer" "$inner" "$copy"
unmount_all() {
  fsfreeze -u "$outer" 2>/dev/null || true
  for m in "$copy" "$inner" "$outer"; do umount "$m" 2>/dev/null || true; done
}
trap 'unmount_all; rm -rf "$work"' EXIT
truncate -s 1G "$work/outer.img"
mkfs.ext4 -q -F "$work/outer.img"
mount -o loop "$work/outer.img" "$outer"
truncate -s 400M "$outer/inner.img"
mkfs.ext4 -q -F "$outer/inner.img"
mount -o loop "$outer/inner.img" "$inner"

"$PEX_TOOL" numpy==1.26.4 requests==2.32.3 -o "$work/np.pex" >/dev/null
inject "$work/np.pex" -o "$work/np.pexrc"
check='import sys, numpy, requests
if len(sys.argv) > 1: open(sys.argv[1], "w").write("running")
print(numpy.arange(10).sum(), numpy.__version__, requests.__version__)'
PEX_ROOT=$work/pex-root run_case ref "$py" "$work/np.pex" -c "$check"
[[ $(cat "$work/ref.rc") == 0 ]]
[[ -s $work/ref.out ]]

# cut NAME: the inner device as it is now, as $work/NAME.img.
cut() {
  fsfreeze -f "$outer"
  cp --sparse=always "$outer/inner.img" "$work/$1.img"
  fsfreeze -u "$outer"
}

# The run's background sync (it waits for the app, then syncs and removes
# its ledger) keeps the copy busy for a moment after the app exits.
unmount_copy() {
  local _
  for _ in $(seq 300); do
    umount "$copy" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$copy stayed busy for 30 s:" >&2
  fuser -vm "$copy" >&2 || true
  return 1
}

# after_cut NAME ROOT: boots the copy (e2fsck, mount, the boot id changed as
# every power cut changes it) and runs the app from ROOT on it, cold or warm
# as the copy has it: what pex prints, then a cache that verifies.
states=()
after_cut() {
  local name=$1 root=$2 fsck=0 ledgers=0 published=0 l
  e2fsck -fy "$work/$name.img" >"$work/$name.fsck" 2>&1 || fsck=$?
  if ((fsck > 1)); then
    echo "$name: e2fsck exit $fsck" >&2
    cat "$work/$name.fsck" >&2
    return 1
  fi
  mount -o loop "$work/$name.img" "$copy"
  local r=$copy/${root#"$inner/"}
  for l in "$r"/unsynced/*; do
    [[ -d $l ]] || continue
    ledgers=$((ledgers + 1))
    mv "$l" "$r/unsynced/00000000-0000-0000-0000-000000000000.${l##*.}"
  done
  local entries=("$r"/venvs/* "$r"/wheels/*)
  for l in "${entries[@]}"; do [[ -e $l ]] && published=$((published + 1)); done
  PEXRC_ROOT=$r run_case "$name" "$work/np.pexrc" -c "$check"
  same_as ref "$name"
  PEXRC_TOOLS=1 PEXRC_ROOT=$r run_case "$name-verify" "$work/np.pexrc" cache verify
  if [[ $(cat "$work/$name-verify.rc") != 0 ]]; then
    echo "$name: after the run, cache verify says:" >&2
    cat "$work/$name-verify.out" "$work/$name-verify.err" >&2
    return 1
  fi
  unmount_copy
  rm -f "$work/$name.img"
  local damaged
  damaged=$(sed -n 's/.*shutdown; \([0-9]*\) damaged.*/\1/p' "$work/$name.err")
  states+=("$name: $published published, $ledgers ledger(s), ${damaged:-0} damaged")
}

# A fresh cold start in a root of its own, with the previous one removed
# for good first (so that no copy holds a half-deleted earlier root).
n=0
fresh_root() {
  rm -rf "$inner"/root-*
  sync -f "$inner"
  n=$((n + 1))
  root=$inner/root-$n
}

# 1. During the cold start: cuts at fixed delays after it began.
for delay in 0.05 0.15 0.3 0.5 0.8 1.2 2.0; do
  fresh_root
  PEXRC_ROOT=$root "$work/np.pexrc" -c "$check" >"$work/bg.out" 2>"$work/bg.err" &
  pid=$!
  sleep "$delay"
  cut "during-$delay"
  wait "$pid"
  after_cut "during-$delay" "$root"
done
pass "during the cold start: ${states[*]}"
states=()

# 2. Just after the exec: the app says it runs, then the cut.
for i in 1 2; do
  fresh_root
  rm -f "$work/started"
  PEXRC_ROOT=$root "$work/np.pexrc" -c "import time; $check
time.sleep(1)" "$work/started" >"$work/bg.out" 2>"$work/bg.err" &
  pid=$!
  wait_for_file "$work/started" "$work/bg.err"
  cut "exec-$i"
  wait "$pid"
  after_cut "exec-$i" "$root"
done
pass "just after the exec: ${states[*]}"
states=()

# 3. After a cold start that exited 0: cuts 5, 15 and 30 s later.
fresh_root
PEXRC_ROOT=$root run_case cold "$work/np.pexrc" -c "$check"
same_as ref cold
waited=0
for at in 5 15 30; do
  sleep $((at - waited))
  waited=$at
  cut "after-$at"
done
for at in 5 15 30; do after_cut "after-$at" "$root"; done
pass "after exit: ${states[*]}"
