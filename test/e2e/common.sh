# Shared by the end-to-end tests: strict mode, a private work dir, a private
# cache root, and a PATH holding exactly the interpreters a test asks for.
set -Eeuo pipefail
trap 'echo "FAIL: ${BASH_SOURCE[0]}:$LINENO: $BASH_COMMAND" >&2' ERR

work=$(mktemp -d "${TMPDIR:-/tmp}/pexrc-e2e.XXXXXX")
# at_exit COMMAND: run when the test exits, newest first, before the work
# dir goes. A test that sets cache limits or replaces an app starts a
# background eviction (runtime/cache/eviction.h); it ends before the roots go.
exit_steps=()
at_exit() { exit_steps=("$1" "${exit_steps[@]}"); }
# shellcheck disable=SC2154  # s and l are the trap's own loop variables
trap 'for s in "${exit_steps[@]}"; do eval "$s" || true; done
  for l in $(find "$work" -path "*/locks/evict.lck" 2>/dev/null); do timeout 60 flock "$l" true; done
  rm -rf "$work"' EXIT
export PEXRC_ROOT=$work/root
unset PEX_PYTHON PEX_PYTHON_PATH PEXRC_PYTHON PYTHONPATH PEX_VERBOSE
# Background bytecode compilation outlives each run and would race the tests'
# removal of cache roots; e2e-bytecode turns it on and waits for it.
export PEXRC_COMPILE=0

# The real binary of CPython X.Y from pyenv's versions dir (never the shim).
find_python() {
  local v=$1 p
  for p in "$PYTHON_VERSIONS_DIR"/"$v".*/bin/python"$v"; do
    [[ -x $p ]] && { echo "$p"; return; }
  done
  echo "no CPython $v under PYTHON_VERSIONS_DIR=$PYTHON_VERSIONS_DIR" >&2
  return 1
}

# A PATH whose only Pythons are the given versions (plus the system's tools).
use_pythons() {
  mkdir -p "$work/bin"
  local v
  for v in "$@"; do ln -sf "$(find_python "$v")" "$work/bin/python$v"; done
  ln -sf "$(find_python "$1")" "$work/bin/python3"
  export PATH="$work/bin:/usr/local/bin:/usr/bin:/bin"
}

# expect_fails CMD...: the check that CMD fails (a bare `! CMD` is none: set -e
# ignores it). Says what succeeded.
expect_fails() {
  if "$@"; then
    echo "expected to fail, but it succeeded: $*" >&2
    return 1
  fi
}

inject() {
  "$PEXRC_INJECT" "$@" 2>"$work/inject.err" || { cat "$work/inject.err" >&2; return 1; }
}

# run_case NAME CMD...: runs CMD (stdin from $RUN_STDIN, else /dev/null),
# keeping stdout in $work/NAME.out, stderr in NAME.err, exit status in NAME.rc.
run_case() {
  local name=$1 rc=0
  shift
  "$@" >"$work/$name.out" 2>"$work/$name.err" <"${RUN_STDIN:-/dev/null}" || rc=$?
  echo "$rc" >"$work/$name.rc"
}

# same_as REF NAME: NAME's stdout and exit status equal REF's.
same_as() {
  if ! cmp -s "$work/$1.out" "$work/$2.out" || ! cmp -s "$work/$1.rc" "$work/$2.rc"; then
    echo "MISMATCH $2 vs $1: exit $(cat "$work/$2.rc") vs $(cat "$work/$1.rc")" >&2
    diff "$work/$1.out" "$work/$2.out" >&2 || true
    echo "--- stderr of $2:" >&2
    cat "$work/$2.err" >&2
    return 1
  fi
}

pass() { echo "ok - $*"; }

# runs_like_pex BIN_DIR PYTHON PEX PEXRC PROGRAM: with only BIN_DIR on PATH,
# PEXRC run cold (PEXRC_ROOT emptied first), warm and as `PYTHON PEXRC`, each
# with `-c PROGRAM`, prints what pex's own runtime prints running PEX on
# PYTHON, and exits as it does. Cases: ref, cold, warm, python.
runs_like_pex() {
  local bin=$1 python=$2 pex=$3 app=$4 program=$5 run
  PEX_ROOT=$work/pex-root PATH=$bin run_case ref "$python" "$pex" -c "$program"
  [[ $(cat "$work/ref.rc") == 0 ]] ||
    { echo "pex on $python:" >&2; cat "$work/ref.out" "$work/ref.err" >&2; return 1; }
  rm -rf "$PEXRC_ROOT"
  for run in cold warm; do
    PATH=$bin run_case "$run" "$app" -c "$program"
    same_as ref "$run"
  done
  PATH=$bin run_case python "$python" "$app" -c "$program"
  same_as ref python
}

# The platform tags of the wheels extracted into PEXRC_ROOT, one "Tag: ..." a line.
extracted_platform_tags() {
  grep -h '^Tag:' "$PEXRC_ROOT"/wheels/*/*.dist-info/WHEEL | grep -v -- '-any$' | sort -u
}

# wait_for_file FILE [LOG]: returns once FILE has something in it (another
# process's "I am running"); fails after a minute, which only a hung process
# takes, printing LOG (that process's stderr) if given.
wait_for_file() {
  local _
  for _ in $(seq 600); do
    [[ -s $1 ]] && return 0
    sleep 0.1
  done
  echo "$1 stayed empty for a minute" >&2
  [[ -z ${2:-} ]] || cat "$2" >&2
  return 1
}

# settled [ROOT]: returns once no ledger is left in ROOT (default $PEXRC_ROOT):
# the sync a cold start leaves to a background process (runtime/cache/ledger.h)
# is done, so nothing of ours writes there any more (a remount read-only
# would find the file system busy). Fails after a minute.
settled() {
  local root=${1:-$PEXRC_ROOT} _
  for _ in $(seq 600); do
    [[ -n $(ls -A "$root/unsynced" 2>/dev/null) ]] || return 0
    sleep 0.1
  done
  echo "$root/unsynced still holds ledgers after a minute: $(ls "$root/unsynced")" >&2
  return 1
}

# Broken archives made to order (zip_surgery.py's docstring lists the cuts).
surgery() { python3 "$(dirname "${BASH_SOURCE[0]}")/zip_surgery.py" "$@"; }

# refused NAME STATUS PATTERN CMD...: CMD exits STATUS with exactly one stderr
# line, which matches the extended regex PATTERN.
refused() {
  local name=$1 status=$2 pattern=$3
  shift 3
  run_case "$name" "$@"
  if [[ $(cat "$work/$name.rc") != "$status" || $(wc -l <"$work/$name.err") != 1 ]] ||
    ! grep -qE "$pattern" "$work/$name.err"; then
    echo "$name: exit $(cat "$work/$name.rc") (want $status):" >&2
    cat "$work/$name.err" >&2
    return 1
  fi
  pass "$name: $(cat "$work/$name.err")"
}

# first_run_line_on_tty APP SIZE_REGEX CMD...: a cold start (CMD, on a
# terminal through script(1)) prints "first run of APP: extracting SIZE..."
# when its extraction took over 1.2 s and not when under 0.8 s; how long it
# takes depends on the machine, so the launcher's own timing decides.
first_run_line_on_tty() {
  local app=$1 size=$2 ms shown=0
  shift 2
  PEX_VERBOSE=1 script -qec "${*@Q}" /dev/null | tr -d '\r' >"$work/tty.out"
  ms=$(grep -oE 'extract took [0-9]+' "$work/tty.out" | grep -oE '[0-9]+$')
  grep -qE "^pexrc: first run of ${app//./\\.}: extracting $size\.\.\.$" "$work/tty.out" && shown=1
  if ((ms >= 1200)); then ((shown == 1)); fi
  if ((ms < 800)); then ((shown == 0)); fi
  echo "first-run line after $ms ms of extraction: shown=$shown"
}
