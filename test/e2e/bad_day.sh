# The machine's bad day, beside pex on the same interpreter: closed
# descriptors 0-2, a .pexrc, cache root, interpreter and argv whose bytes are
# not UTF-8, a setuid copy run by another user, no HOME, the venv's lease in
# the app's children, and --venv-site-packages-copies.
# Creates and removes throwaway users; needs root (as CI runs).
source "$(dirname "$0")/common.sh"
use_pythons 3.11
if [[ $(id -u) != 0 ]]; then echo "skip: creating throwaway users needs root"; exit 77; fi
export PATH=$PATH:/usr/sbin:/sbin  # useradd, userdel
py=$(find_python 3.11)
users=()
cleanup() {
  for u in "${users[@]}"; do
    pkill -u "$u" 2>/dev/null || true
    userdel --remove "$u" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
pex_run() { PEX_ROOT=$work/pex-root "$py" "$FIXTURES/six.pex" "$@"; }

# no_bytes_in_locks: nothing was ever written into a lock file of the root.
no_bytes_in_locks() {
  local written
  mapfile -t written < <(find "$PEXRC_ROOT/locks" -type f -size +0 2>/dev/null)
  if ((${#written[@]})); then
    echo "bytes written into lock files: ${written[*]}" >&2
    head -c 300 "${written[@]}" >&2
    return 1
  fi
}

# 1. Closed stdin/stdout(/stderr): what the app sees is what it sees under
# pex (closed streams are None), cold, warm, from a temporary root and with
# PEX_VERBOSE; no byte of ours lands in a lock file.
# shellcheck disable=SC2034  # read by the eval'ed command lines below
seen='import sys, six
open(sys.argv[1], "w").write(repr([sys.stdin is None, sys.stdout is None, sys.stderr is None, six.__version__]))'
for closed in '<&- >&-' '<&- >&- 2>&-'; do
  eval "pex_run -c \"\$seen\" \"\$work/ref.seen\" $closed"
  for run in cold warm; do
    [[ $run == warm ]] || rm -rf "$PEXRC_ROOT"
    rc=0
    eval "\"\$work/six.pexrc\" -c \"\$seen\" \"\$work/\$run.seen\" $closed" || rc=$?
    [[ $rc == 0 ]]
    cmp "$work/ref.seen" "$work/$run.seen"
    no_bytes_in_locks
  done
  rc=0
  eval "PEX_VERBOSE=1 \"\$work/six.pexrc\" -c \"\$seen\" \"\$work/verbose.seen\" $closed" || rc=$?
  [[ $rc == 0 ]]
  cmp "$work/ref.seen" "$work/verbose.seen"
  no_bytes_in_locks
  # A root that is not pexrc's: a temporary root for the run.
  mkdir -p "$work/not-a-cache"
  echo keep >"$work/not-a-cache/mine.txt"
  rc=0
  eval "PEXRC_ROOT=\$work/not-a-cache TMPDIR=\$work \"\$work/six.pexrc\" -c \"\$seen\" \"\$work/tmproot.seen\" $closed" || rc=$?
  [[ $rc == 0 ]]
  cmp "$work/ref.seen" "$work/tmproot.seen"
  [[ $(cat "$work/not-a-cache/mine.txt") == keep ]]
  [[ ! -e $work/not-a-cache/venvs ]]
  [[ ! -e $work/not-a-cache/wheels ]]
  expect_fails compgen -G "$work/pexrc-root.*" >/dev/null
  pass "1: closed ($closed): $(cat "$work/ref.seen") as under pex, cold, warm, PEX_VERBOSE, temporary root; lock files empty"
done

# 2. Bytes that are not UTF-8 in the .pexrc's directory and in argv: runs as
# pex runs there, cold and warm; every JSON output stays valid and names
# the path's very bytes; the trace is written whole.
odd=$work/dir-$'\xff\xfe'
mkdir -p "$odd"
cp "$work/six.pexrc" "$odd/app.pexrc"
cp "$FIXTURES/six.pex" "$odd/app.pex"
argv_seen='import os, sys, six
print(os.fsencode(os.path.dirname(os.path.abspath(sys.argv[0]))), [os.fsencode(a) for a in sys.argv[1:]])
print(os.fsencode(os.getcwd()), six.__version__)'
export PEXRC_ROOT=$work/odd-root
(cd "$odd" && PEX_ROOT=$work/pex-root run_case odd-ref "$py" ./app.pex -c "$argv_seen" $'\xff' $'a\xc3\x28')
for run in odd-cold odd-warm; do
  (cd "$odd" && run_case "$run" ./app.pexrc -c "$argv_seen" $'\xff' $'a\xc3\x28')
  same_as odd-ref "$run"
done
json_names() {  # json_names FILE KEY: the bytes of the path-valued KEY, as hex
  "$py" -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    v = v[int(k)] if isinstance(v, list) else v[k]
print(v["hex"] if isinstance(v, dict) else v.encode().hex())' "$@"
}
want=$(printf '%s' "$odd/app.pexrc" | od -An -tx1 | tr -d ' \n')
"$PEXRC_INJECT" info --json "$odd/app.pexrc" >"$work/info.json"
[[ $(json_names "$work/info.json" path) == "$want" ]]
PEXRC_TOOLS=1 "$odd/app.pexrc" cache info --json >"$work/cache-info.json"
[[ $(json_names "$work/cache-info.json" venvs.0.app) == "$want" ]]
PEXRC_TOOLS=1 "$odd/app.pexrc" prepare --json >"$work/prepare.json"
[[ $(json_names "$work/prepare.json" app) == "$want" ]]
# pex's tools get the path through the launcher's JSON context.
"$PEX_TOOL" six==1.16.0 --include-tools -o "$work/tools.pex" >/dev/null
inject "$work/tools.pex" -o "$odd/tools.pexrc"
PEX_TOOLS=1 "$odd/tools.pexrc" info >"$work/tools-info.json"
[[ $("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["pex_root"])' "$work/tools-info.json") == "$PEXRC_ROOT" ]]
PEX_TOOLS=1 "$odd/tools.pexrc" interpreter -v >"$work/tools-interpreter.json"
grep -q '"requirement": "CPython==3.11' "$work/tools-interpreter.json"
run_case odd-verbose env PEX_VERBOSE=1 "$odd/app.pexrc" -c 'print(1)'
[[ $(cat "$work/odd-verbose.rc") == 0 ]]
grep -q '^pexrc: \[.*\] exec ' "$work/odd-verbose.err"
pass "2: a .pexrc in $(printf '%q' "$odd") with argv $(printf '%q ' $'\xff' $'a\xc3\x28'): as pex, cold and warm; info, cache info and prepare --json name its bytes; PEX_TOOLS info and interpreter run"

# The cache root's name and the interpreter's directory may be any bytes too.
export PEXRC_ROOT=$work/root-$'\xff'/cache
run_case odd-root "$work/six.pexrc" -c 'import six; print(six.__version__)'
[[ $(cat "$work/odd-root.out") == 1.16.0 ]]
PEXRC_TOOLS=1 "$work/six.pexrc" cache info --json >"$work/root-info.json"
[[ $(json_names "$work/root-info.json" root) == $(printf '%s' "$PEXRC_ROOT" | od -An -tx1 | tr -d ' \n') ]]
pass "2: a cache root named $(printf '%q' "$PEXRC_ROOT"): cold, cache info --json"
oddpy=$work/py-$'\xff'/bin/python3.11
mkdir -p "${oddpy%/*}"
cp "$py" "$oddpy"  # a copy: its home is that directory
# pyvenv.cfg is UTF-8: with the root's name not UTF-8 either, no venv can say where it is.
LC_ALL=C refused py-both-odd 69 "^pexrc: .*/py-.*/bin/python3\.11: its directory's name is not UTF-8, nor is the cache root's" \
  env PEX_PYTHON="$oddpy" "$work/six.pexrc" -c 'import six'
export PEXRC_ROOT=$work/root
for run in py-cold py-warm; do
  run_case "$run" env PEX_PYTHON="$oddpy" "$work/six.pexrc" -c 'import sys, six; print(sys.version_info[:2], six.__version__)'
  [[ $(cat "$work/$run.out") == "(3, 11) 1.16.0" ]] || { cat "$work/$run.err" >&2; exit 1; }
done
pass "2: an interpreter in $(printf '%q' "${oddpy%/*}"): cold and warm"

# 3. A setuid (or setgid) copy run by another user: refused before reading
# anything the caller controls, one line, exit 79; the injector too.
runner=pexrc-s$$
useradd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$runner"
users+=("$runner")
chmod 755 "$work"
# (LeakSanitizer cannot inspect a process with rights its caller lacks.)
as_runner() {
  setpriv --reuid="$runner" --regid="$(id -g "$runner")" --clear-groups \
    env -i PATH=/usr/bin:/bin HOME=/nonexistent PEX_PYTHON=/usr/bin/python3.11 \
    ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0} \
    ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} "$@"
}
for bits in 4755 2755; do
  install -m "$bits" -o root -g root "$work/six.pexrc" "$work/suid.pexrc"
  refused "setuid-$bits" 79 "^pexrc: $work/suid.pexrc: refusing to run setuid or setgid \(real uid [0-9]+, effective uid [0-9]+" \
    as_runner env PEX_INTERPRETER=1 "$work/suid.pexrc" -c 'import os; open("/tmp/pexrc-pwned", "w")'
  [[ ! -e /tmp/pexrc-pwned ]]
done
install -m 4755 -o root -g root "$PEXRC_INJECT" "$work/suid-inject"
refused setuid-inject 79 "^pexrc-inject: $work/suid-inject: refusing to run setuid or setgid" \
  as_runner "$work/suid-inject" --version
pass "3: setuid and setgid copies run by $runner: refused, exit 79, nothing run"

# 4. No HOME (env -i, a service, a random uid): the passwd entry's home if it
# exists and is usable, else a temporary root with one warning line.
homeless=pexrc-h$$
useradd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$homeless"
users+=("$homeless")
housed=pexrc-u$$
useradd --create-home --home-dir "/home/$housed" --shell /usr/sbin/nologin "$housed"
users+=("$housed")
cp "$work/six.pexrc" "$work/shared.pexrc"
chmod 755 "$work/shared.pexrc"
for user in "$homeless" "$housed"; do
  run_case "env-i-$user" setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups \
    env -i PEX_PYTHON=/usr/bin/python3.11 TMPDIR=/tmp \
    ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} \
    "$work/shared.pexrc" -c 'import six; print(six.__version__)'
  [[ $(cat "$work/env-i-$user.rc") == 0 ]] || { cat "$work/env-i-$user.err" >&2; exit 1; }
  [[ $(cat "$work/env-i-$user.out") == 1.16.0 ]]
done
[[ $(wc -l <"$work/env-i-$homeless.err") == 1 ]]
grep -q "^pexrc: warning: no cache root: HOME is not set, and /etc/passwd names no existing home directory for uid $(id -u "$homeless"); using /tmp/pexrc-root\..* for this run" "$work/env-i-$homeless.err"
[[ ! -s $work/env-i-$housed.err ]]
[[ -d /home/$housed/.cache/pexrc/venvs ]]
pass "4: env -i: $homeless gets a temporary root and one warning; $housed runs from /home/$housed/.cache/pexrc, silently"

# A root another user prepared and then lost power on (a ledger of an
# earlier boot names its venv): this user cannot check it, so does not
# trust it: one warning, a private temporary root, the right output.
shared=$work/shared-root
chmod 755 "$work"
PEXRC_ROOT=$shared PEXRC_TOOLS=1 PEX_PYTHON=/usr/bin/python3.11 "$work/shared.pexrc" prepare >/dev/null
ledger=$shared/unsynced/00000000-0000-0000-0000-000000000000.crash1
mkdir -p "$ledger"
touch "$ledger/$(cd "$shared" && echo venvs/* | tr / .)"
run_case crashed-shared setpriv --reuid="$housed" --regid="$(id -g "$housed")" --clear-groups \
  env -i PEX_PYTHON=/usr/bin/python3.11 TMPDIR=/tmp PEXRC_ROOT="$shared" \
  ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} \
  "$work/shared.pexrc" -c 'import six; print(six.__version__)'
[[ $(cat "$work/crashed-shared.out") == 1.16.0 ]]
[[ $(wc -l <"$work/crashed-shared.err") == 1 ]]
grep -q "^pexrc: warning: not using the cache root $shared: it holds entries written before an unclean shutdown, which only its owner can check; using /tmp/pexrc-root\..* for this run" "$work/crashed-shared.err"
[[ -d $ledger ]]
# Its owner's next run checks and rebuilds, and retires the ledger.
[[ $(PEXRC_ROOT=$shared PEX_PYTHON=/usr/bin/python3.11 "$work/shared.pexrc" -c 'import six; print(six.__version__)') == 1.16.0 ]]
[[ ! -e $ledger ]]
pass "4: another user's root with a ledger of an earlier boot: $housed runs from a temporary root after one warning; the owner's run recovers it"

# 5. The venv's lease (the launcher's shared lock, held by the app) is not
# inherited by the app's children, as pex's access lock is not.
# (The listing's own descriptor is gone by the time it is read: skipped.)
fd_targets='import os
def target(f):
    try:
        return os.readlink("/proc/self/fd/" + f)
    except OSError:
        return ""
print(sorted(target(f) for f in os.listdir("/proc/self/fd")))'
children_fds="import subprocess, sys; subprocess.check_call([sys.executable, '-c', '''$fd_targets'''], close_fds=False)"
run_case lease "$work/six.pexrc" -c "$children_fds"
[[ $(cat "$work/lease.rc") == 0 ]]
if grep -q "$PEXRC_ROOT" "$work/lease.out"; then
  echo "a child holds a descriptor into the cache: $(cat "$work/lease.out")" >&2
  exit 1
fi
run_case held "$work/six.pexrc" -c "$fd_targets"
grep -q "$PEXRC_ROOT/venvs/" "$work/held.out"
pass "5: the app holds its venv; a subprocess with close_fds=False holds nothing of the cache"

# 6. --venv-site-packages-copies: no symlink under site-packages, as pex has it.
"$PEX_TOOL" --venv --venv-site-packages-copies six==1.16.0 -o "$work/copies.pex" >/dev/null
inject "$work/copies.pex" -o "$work/copies.pexrc"
islink='import os, six; d = os.path.dirname(six.__file__); print(os.path.islink(six.__file__), os.path.islink(d), os.path.realpath(six.__file__).startswith(os.path.realpath(d)))'
PEX_ROOT=$work/pex-root run_case copies-ref "$py" "$work/copies.pex" -c "$islink"
for run in copies-cold copies-warm; do
  run_case "$run" "$work/copies.pexrc" -c "$islink"
  same_as copies-ref "$run"
done
pass "6: --venv-site-packages-copies: $(cat "$work/copies-ref.out") as under pex"
