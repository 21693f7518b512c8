# A second, hostile local user (docs/SECURITY.md, "Local attackers"): nothing
# another user planted or controls ever runs as the victim, no root run
# deletes through links, no directory that is not a pexrc cache is written
# or wiped, and a cache root warms once for every user, read-only.
# Creates and removes two throwaway users; needs root (as CI runs).
source "$(dirname "$0")/common.sh"
use_pythons 3.11
if [[ $(id -u) != 0 ]]; then echo "skip: creating throwaway users needs root"; exit 77; fi
export PATH=$PATH:/usr/sbin:/sbin  # useradd, userdel

victim=pexrc-v$$
attacker=pexrc-a$$
for u in "$victim" "$attacker"; do useradd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$u"; done
cleanup() {
  umount "$work/ro" 2>/dev/null || true
  pkill -u "$victim" 2>/dev/null || true
  for u in "$victim" "$attacker"; do userdel "$u" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
# A shared /tmp of our own (sticky, writable by all, like the real one).
tmp=$work/tmp
mkdir -m 1777 "$tmp"
py=/usr/bin/python3.11  # readable by every user (pyenv's live under /root)

# as USER [NAME=VALUE...] CMD...: CMD as USER in a clean environment (but
# the sanitizer build's options).
as() {
  local user=$1
  shift
  setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups \
    env -i PATH=/usr/bin:/bin HOME=/nonexistent PEXRC_COMPILE=0 PEX_PYTHON=$py \
    ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} "$@"
}
# Under a process limit LeakSanitizer cannot start the thread it checks from.
no_leak_check=ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
# no_temporary_roots DIR: no fallback root left behind in DIR.
no_temporary_roots() { compgen -G "$1/pexrc-root.*" >/dev/null && return 1; return 0; }

inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
inject "$FIXTURES/cowsay.pex" -o "$work/cowsay.pexrc"
check='import six; print(six.__version__)'

# 1. `python app.pexrc` on a file it cannot execute never runs a launcher
# copy from a shared directory: one planted where earlier versions looked
# ($TMPDIR/pexrc-launchers/<sha256(stub)[:32]>) stays unrun.
cp "$work/six.pexrc" "$work/plain.pexrc"
chmod 644 "$work/plain.pexrc"
stub=$("$py" -c 'import hashlib, sys, zipfile
n = zipfile.ZipFile(sys.argv[1]).infolist()[0].header_offset
print(hashlib.sha256(open(sys.argv[1], "rb").read(n)).hexdigest()[:32])' "$work/plain.pexrc")
as "$attacker" mkdir -p "$tmp/pexrc-launchers"
printf '#!/bin/sh\ntouch %s/pwned-1\n' "$tmp" >"$work/planted"
install -m 755 -o "$attacker" "$work/planted" "$tmp/pexrc-launchers/$stub"
run_case planted as "$victim" TMPDIR="$tmp" "$py" "$work/plain.pexrc" -c "$check"
[[ $(cat "$work/planted.out") == 1.16.0 && ! -e $tmp/pwned-1 ]] || { cat "$work/planted.err" >&2; exit 1; }
pass "1: python app.pexrc (no execute bit, unwritable HOME) runs the launcher from memory; the planted one never runs"

# 2. A cache root another user controls is never read: the attacker builds
# a venv there and edits its boot script; the victim warns and runs from a
# private root. Likewise a root under a directory the attacker owns, and one
# whose layout another user could write.
shared=$tmp/shared-root
as "$attacker" PEXRC_ROOT="$shared" "$work/six.pexrc" -c pass
boot=$(ls "$shared"/venvs/*/pexrc-boot.py)
as "$attacker" sed -i "1i open('$tmp/pwned-2', 'w').close()" "$boot"
run_case foreign as "$victim" PEXRC_ROOT="$shared" TMPDIR="$tmp" "$work/six.pexrc" -c "$check"
[[ $(cat "$work/foreign.out") == 1.16.0 && ! -e $tmp/pwned-2 ]] || { cat "$work/foreign.err" >&2; exit 1; }
grep -qE "^pexrc: warning: not using the cache root $shared: $shared is owned by uid [0-9]+, neither you nor root; using $tmp/pexrc-root\.[^ ]+ for this run$" "$work/foreign.err"
no_temporary_roots "$tmp"
pass "2: foreign root: $(cat "$work/foreign.err")"
as "$attacker" mkdir -m 777 "$tmp/attacker-dir"
run_case under-foreign as "$victim" PEXRC_ROOT="$tmp/attacker-dir/root" TMPDIR="$tmp" "$work/six.pexrc" -c "$check"
[[ $(cat "$work/under-foreign.out") == 1.16.0 ]]
grep -q "not using the cache root $tmp/attacker-dir/root: $tmp/attacker-dir is owned by uid" "$work/under-foreign.err"
mine=$tmp/victim-root
as "$victim" PEXRC_ROOT="$mine" "$work/six.pexrc" -c pass
chmod o+w "$mine/venvs"
run_case open-layout as "$victim" PEXRC_ROOT="$mine" TMPDIR="$tmp" "$work/six.pexrc" -c "$check"
[[ $(cat "$work/open-layout.out") == 1.16.0 ]]
grep -q "not using the cache root $mine: $mine/venvs is writable by others" "$work/open-layout.err"
chmod o-w "$mine/venvs"
pass "2: roots under another user's directory, or with a layout others can write, are not read"

# 3. Housekeeping never deletes through links: a user's root whose work/ is
# a link to root's files, pruned by root (sudo keeping HOME), and root's own
# root with venvs/ made a link.
precious=$work/precious
mkdir -p "$precious/old-dir"
echo keep >"$precious/keep.txt"
touch -d '40 days ago' "$precious/old-dir"
as "$victim" rm -rf "$mine/work"
as "$victim" ln -s "$precious" "$mine/work"
refused prune-users-root 77 "refusing the cache root $mine: $mine is owned by uid" \
  env PEXRC_ROOT="$mine" "$PEXRC_INJECT" cache prune --older-than 0
refused verify-users-root 77 "refusing the cache root $mine: $mine is owned by uid" \
  env PEXRC_ROOT="$mine" "$PEXRC_INJECT" cache verify --repair
run_case run-users-root env PEXRC_ROOT="$mine" TMPDIR="$tmp" "$work/six.pexrc" -c "$check"
[[ $(cat "$work/run-users-root.out") == 1.16.0 ]]
run_case victim-own-link as "$victim" PEXRC_ROOT="$mine" TMPDIR="$tmp" "$work/six.pexrc" -c "$check"
grep -q "$mine/work is a symbolic link" "$work/victim-own-link.err"
mkdir -p "$work/root3"
PEXRC_ROOT=$work/root3 "$work/six.pexrc" -c pass
rm -rf "$work/root3/venvs"
ln -s "$precious" "$work/root3/venvs"
refused prune-linked-venvs 77 "refusing the cache root $work/root3: $work/root3/venvs is a symbolic link" \
  env PEXRC_ROOT="$work/root3" "$PEXRC_INJECT" cache prune --older-than 0
refused verify-linked-venvs 77 "refusing the cache root $work/root3: $work/root3/venvs is a symbolic link" \
  env PEXRC_ROOT="$work/root3" PEXRC_TOOLS=1 "$work/six.pexrc" cache verify --repair
[[ -f $precious/keep.txt && -d $precious/old-dir ]]
pass "3: linked work/ and venvs/ are refused by prune and verify --repair (exit 77), their targets keep their files"

# 3b. Cache limits come only from a settings file we trust: one another user
# owns (a cap of one byte would empty the cache) is not read.
toml_root=$work/root-toml
PEXRC_ROOT="$toml_root" "$work/six.pexrc" -c pass
printf 'max_size = "1"\n' >"$toml_root/pexrc.toml"
chown "$attacker" "$toml_root/pexrc.toml"
PEXRC_ROOT="$toml_root" "$PEXRC_INJECT" cache info | grep -q "^limit: none; "
chown root "$toml_root/pexrc.toml"
PEXRC_ROOT="$toml_root" "$PEXRC_INJECT" cache info | grep -q "^limit: 1 B ($toml_root/pexrc.toml:1)"
pass "3b: a pexrc.toml another user owns is not read"

# 4. The launcher's own variables are never inherited: a decoy named by an
# inherited _PEXRC_ROOT_FALLBACK survives, the run's real temporary root
# does not leak, and an inherited PEXRC_TOOLS_CONTEXT_FD does not replace
# the tools' context.
mkdir -p "$work/decoy" "$tmp/t4"
touch "$work/decoy/file"
chmod 1777 "$tmp/t4"
run_case decoy env _PEXRC_ROOT_FALLBACK="$work/decoy" "$work/six.pexrc" \
  -c 'import os; print(os.environ.get("_PEXRC_ROOT_FALLBACK"))'
[[ $(cat "$work/decoy.out") == None && -f $work/decoy/file ]]
run_case decoy-fallback as "$victim" _PEXRC_ROOT_FALLBACK="$work/decoy" TMPDIR="$tmp/t4" "$work/six.pexrc" -c "$check"
[[ $(cat "$work/decoy-fallback.out") == 1.16.0 && -f $work/decoy/file ]]
no_temporary_roots "$tmp/t4"
"$PEX_TOOL" six==1.16.0 --include-tools -o "$work/tools.pex" >/dev/null
inject "$work/tools.pex" -o "$work/tools.pexrc"
PEXRC_TOOLS_CONTEXT_FD=0 PEX_TOOLS=1 "$work/tools.pexrc" info </dev/null | grep -q '"distributions"'
pass "4: inherited _PEXRC_ROOT_FALLBACK and PEXRC_TOOLS_CONTEXT_FD are replaced, not obeyed"

# 5. A directory that is no pexrc cache is neither wiped nor pruned; a root
# pexrc makes is tagged (Cache Directory Tagging spec) and marked.
scratch=$work/scratch
mkdir -p "$scratch/work/job1" "$scratch/venvs/myproject"
echo data >"$scratch/work/job1/result"
touch -d '40 days ago' "$scratch/venvs/myproject"
run_case scratch env PEXRC_ROOT="$scratch" "$work/six.pexrc" -c "$check"
[[ $(cat "$work/scratch.out") == 1.16.0 ]]
grep -q "not using the cache root $scratch: $scratch is not a pexrc cache" "$work/scratch.err"
refused prune-scratch 77 "$scratch is not a pexrc cache" \
  env PEXRC_ROOT="$scratch" "$PEXRC_INJECT" cache prune --older-than 30d
[[ -f $scratch/work/job1/result && -d $scratch/venvs/myproject ]]
head -1 "$work/root3/CACHEDIR.TAG" | grep -qx 'Signature: 8a477f597d28d172789f06886806bc55'
[[ -f $work/root3/PEXRC-ROOT ]]
pass "5: /scratch kept whole (run and prune); new roots carry CACHEDIR.TAG and PEXRC-ROOT"

# 6. A probe that cannot start (a process limit) is reported with its cause
# and not remembered; prune drops identities that say "no Python".
r6=$tmp/r6
run_case nproc as "$victim" PEXRC_ROOT="$r6" "$no_leak_check" prlimit --nproc=1 "$work/six.pexrc" -c "$check"
[[ $(cat "$work/nproc.rc") == 68 ]] || { cat "$work/nproc.err" >&2; exit 1; }
grep -q "$py: could not be asked who it is (cannot start: Resource temporarily unavailable)" "$work/nproc.err"
[[ $(as "$victim" PEXRC_ROOT="$r6" "$work/six.pexrc" -c "$check") == 1.16.0 ]]
pass "6: under nproc=1: exit 68 naming EAGAIN; the next run works"
as "$victim" "$py" -c 'import json, sys; json.dump({"format": 3, "candidate": sys.argv[1], "stamp": {}, "probe": None}, open(sys.argv[2], "w"))' \
  "$py" "$r6/interpreters/stale.json"
as "$victim" PEXRC_ROOT="$r6" PEXRC_TOOLS=1 "$work/six.pexrc" cache prune >"$work/prune6.out"
grep -q "1 stale interpreter identity" "$work/prune6.out"
[[ ! -e $r6/interpreters/stale.json ]]
pass "6: cache prune removes a cached 'not a Python'"

# 8. Threads that cannot be created: extraction goes on with the ones it got.
# An app of more than one batch of files, so that there are threads to start.
mkdir -p "$work/many/src"
for i in $(seq 80); do echo "VALUE = $i" >"$work/many/src/mod$i.py"; done
"$PEX_TOOL" -D "$work/many/src" six==1.16.0 -o "$work/many.pex" >/dev/null
inject "$work/many.pex" -o "$work/many.pexrc"
run_case threads as "$victim" PEXRC_ROOT="$r6" "$no_leak_check" PEX_VERBOSE=1 prlimit --nproc=1 \
  "$work/many.pexrc" -c 'import mod80, six; print(mod80.VALUE, six.__version__)'
[[ $(cat "$work/threads.rc") == 0 && $(cat "$work/threads.out") == "80 1.16.0" ]] || { cat "$work/threads.err" >&2; exit 1; }
# Two units or more, two threads or more: a second thread was asked for.
grep -qE " in ([2-9]|[1-9][0-9]+) units \([0-9]+ framed\) on ([2-9]|[1-9][0-9]+) threads" "$work/threads.err"
pass "8: a cold start with no thread to spare (nproc=1) extracts on the calling thread"

# 7. A .pexrc as the interpreter is refused in one line, at once; one named
# like an interpreter on PATH is passed over.
refused pexrc-as-python 68 "PEX_PYTHON=$work/six.pexrc is a pexrc launcher \(a \.pexrc\), not a Python interpreter" \
  timeout 60 env PEX_PYTHON="$work/six.pexrc" "$work/six.pexrc" -c pass
mkdir -p "$work/fakebin"
cp "$work/six.pexrc" "$work/fakebin/python3.9"
[[ $(timeout 60 env PEX_PYTHON_PATH="$work/fakebin:/usr/bin" "$work/six.pexrc" -c "$check") == 1.16.0 ]]
pass "7: a .pexrc named python3.9 on PATH is skipped"

# 9. Temporary roots of dead runs are swept by the next fallback run; a live
# one (its app holds the lock) is not; a launcher error removes its own.
t9=$tmp/t9
mkdir -m 1777 "$t9"
unwritable=(PEXRC_ROOT=/nonexistent/root TMPDIR="$t9")
run_case killed as "$victim" "${unwritable[@]}" "$work/six.pexrc" -c 'import os; os.kill(os.getpid(), 9)'
[[ $(cat "$work/killed.rc") == 137 ]]
if no_temporary_roots "$t9"; then echo "the killed run left no root to sweep" >&2; exit 1; fi
# The live run prints its root, then waits until the test lets it go.
mkfifo -m 0666 "$work/release-live"
as "$victim" "${unwritable[@]}" "$work/six.pexrc" \
  -c 'import sys; print(sys.prefix); sys.stdout.flush(); open(sys.argv[1]).read()' "$work/release-live" \
  >"$work/live.out" 2>/dev/null &
live=$!
wait_for_file "$work/live.out"
[[ $(as "$victim" "${unwritable[@]}" "$work/six.pexrc" -c "$check" 2>/dev/null) == 1.16.0 ]]
[[ -d $(cat "$work/live.out") ]]  # the live run's root is still there
echo go >"$work/release-live"
wait "$live"
no_temporary_roots "$t9"
cp "$work/six.pexrc" "$work/corrupt.pexrc"
surgery flip-byte "$work/corrupt.pexrc" .deps/six-1.16.0-py2.py3-none-any.whl/six.py
run_case corrupt as "$victim" "${unwritable[@]}" "$work/corrupt.pexrc" -c pass
# A damaged frame fails to decode (65) or, with the zstd checksum left to the
# content hash, decodes to other bytes (76): a failed run either way.
[[ $(cat "$work/corrupt.rc") == @(65|76) ]] || { cat "$work/corrupt.err" >&2; exit 1; }
no_temporary_roots "$t9"
pass "9: killed run's root swept next time, live one kept, failed run (exit 65/76) removes its own"

# 10. A relative TMPDIR with an unwritable root works (the path is made absolute).
as "$victim" mkdir -p "$tmp/c10/t"
run_case relative as "$victim" PEXRC_ROOT=/nonexistent/root TMPDIR=t env -C "$tmp/c10" "$work/six.pexrc" -c "$check"
[[ $(cat "$work/relative.out") == 1.16.0 ]] || { cat "$work/relative.err" >&2; exit 1; }
grep -q "using $tmp/c10/t/pexrc-root\." "$work/relative.err"
pass "10: TMPDIR=t: $(cat "$work/relative.err")"

# 11. pexrc-inject never replaces a special file.
mkfifo "$work/fifo"
ln -s /dev/null "$work/to-null"
mkdir "$work/outdir"
refused out-fifo 64 "fifo: exists and is a FIFO; refusing to replace it" \
  "$PEXRC_INJECT" -q "$FIXTURES/six.pex" -o "$work/fifo"
refused out-devnull 64 "to-null: is a symbolic link to /dev/null, which is a character device" \
  "$PEXRC_INJECT" -q "$FIXTURES/six.pex" -o "$work/to-null"
refused out-dir 64 "outdir: exists and is a directory" "$PEXRC_INJECT" -q "$FIXTURES/six.pex" -o "$work/outdir"
[[ -p $work/fifo && -c /dev/null && -d $work/outdir ]]
touch "$work/target.pexrc"
ln -s target.pexrc "$work/link.pexrc"
"$PEXRC_INJECT" -q "$FIXTURES/six.pex" -o "$work/link.pexrc"
[[ -L $work/link.pexrc && $("$work/target.pexrc" -c "$check") == 1.16.0 ]]
pass "11: -o FIFO, link to /dev/null, directory: exit 64; a link to a regular file replaces that file"

# 12. One user (root, at image build time) prepares a root; another runs the
# app from it read-only: warm, silent, nothing written; what is missing for
# another interpreter goes to a private root that reuses the shared wheels.
# Prepared where it is then mounted read-only, as an image's layer would be.
shared_root=$work/ro/root
mkdir -p "$work/ro"
prepare=(env PATH=/usr/bin:/bin PEX_PYTHON="$py" PEXRC_ROOT="$shared_root" PEXRC_TOOLS=1 "$work/cowsay.pexrc" prepare)
(umask 077 && "${prepare[@]}" --json) >"$work/prepare.json"
"$py" - "$work/prepare.json" "$shared_root" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["built"] is True and j["root"] == sys.argv[2] and j["venv"].startswith(sys.argv[2] + "/venvs/"), j
assert j["interpreter"] == "/usr/bin/python3.11" and j["files"] > 10 and j["bytes"] > 10000, j
PY
"${prepare[@]}" | grep -q "^already prepared $work/cowsay.pexrc for $py"
find "$shared_root/wheels" -name '*.pyc' | grep -q .
[[ -z $(find "$shared_root" ! -type l -perm /022) && -z $(find "$shared_root" -type d ! -perm -555) &&
   -z $(find "$shared_root" -type f ! -perm -444) ]]
pass "12: prepare built and compiled (umask 077 notwithstanding: nothing private, nothing writable by others); again: already prepared"
mount --bind "$work/ro" "$work/ro"
mount -o remount,bind,ro "$work/ro"
run_case expected env PEXRC_ROOT="$work/elsewhere" PEX_PYTHON=$py "$work/cowsay.pexrc" -t moo
run_case ro-warm as "$victim" PEXRC_ROOT="$shared_root" TMPDIR="$tmp" "$work/cowsay.pexrc" -t moo
same_as expected ro-warm
[[ ! -s $work/ro-warm.err ]] || { cat "$work/ro-warm.err" >&2; exit 1; }
no_temporary_roots "$tmp"
pass "12: another user on the read-only root: warm, same output, no warning, no temporary root"
run_case ro-pypy as "$victim" PEXRC_ROOT="$shared_root" TMPDIR="$tmp" PEX_PYTHON=/usr/bin/pypy3 PEX_INTERPRETER=1 \
  "$work/cowsay.pexrc" -c 'import os, cowsay; print(os.path.realpath(cowsay.__file__))'
[[ $(cat "$work/ro-pypy.rc") == 0 && $(cat "$work/ro-pypy.out") == "$shared_root"/wheels/*/cowsay/__init__.py ]] ||
  { cat "$work/ro-pypy.out" "$work/ro-pypy.err" >&2; exit 1; }
[[ $(wc -l <"$work/ro-pypy.err") == 1 ]]
grep -q "$shared_root is not writable; using $tmp/pexrc-root\." "$work/ro-pypy.err"
no_temporary_roots "$tmp"
pass "12: another interpreter: one warning, a private venv importing the shared root's wheels"
