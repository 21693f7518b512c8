# Entry forms, script entry points and PEX_* variables behave as
# under pex; every case compares stdout and exit status with pex's own run.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)
src=$(dirname "$0")/../fixtures/greet/src

build() {  # build NAME PEX-ARGS...
  local name=$1
  shift
  "$PEX_TOOL" "$@" -o "$work/$name.pex" >/dev/null
  inject "$work/$name.pex" -o "$work/$name.pexrc"
}

compare() {  # compare CASE APP ARGS... (environment from the caller)
  local name=$1 app=$2
  shift 2
  run_case "$name-pex" "$py" "$work/$app.pex" "$@"
  run_case "$name-pexrc" "$work/$app.pexrc" "$@"
  same_as "$name-pex" "$name-pexrc"
  pass "$name: exit $(cat "$work/$name-pex.rc"): $(head -c 70 "$work/$name-pex.out" | tr '\n' ' ')"
}

build attr -D "$src" six==1.16.0 -e greet.cli:APP.run
compare entry-obj-attr attr a b
PEX_INTERPRETER=1 compare pex-interpreter attr -c 'import greet, sys; print(greet.__name__, sys.argv)'

build injected -D "$src" six==1.16.0 -e greet.cli:main --inject-args '--exit {pex.env.GREET_CODE}' \
  --inject-env GREET_INJECTED=by-pex --bind-resource-path GREET_RESOURCE=greet/greeting.txt
GREET_CODE=3 compare inject-args-env-resource injected more
GREET_CODE='' GREET_INJECTED=from-caller compare inject-env-setdefault injected
PEX_MODULE=greet.cli:main compare module-override-skips-inject-args injected plain

build lib -D "$src" six==1.16.0 cowsay==6.1
PEX_MODULE=greet.cli:main compare pex-module-func lib x y
PEX_MODULE=cowsay compare pex-module-package lib -t moo
PEX_SCRIPT=cowsay compare pex-script-console lib -t moo
PEX_SCRIPT=nosuch compare pex-script-missing lib
PEX_SCRIPT=cowsay PEX_MODULE=greet.cli:main compare pex-script-and-module lib

mkdir -p "$work/pp"
echo 'print("imported from", __name__)' >"$work/pp/leaky.py"
PYTHONPATH=$work/pp compare inherit-false lib -c 'import leaky'
PYTHONPATH=$work/pp PEX_INHERIT_PATH=prefer compare inherit-prefer lib -c 'import leaky'
PYTHONPATH=$work/pp PEX_INHERIT_PATH=fallback compare inherit-fallback lib -c 'import leaky'
PEX_EXTRA_SYS_PATH=$work/pp compare extra-sys-path lib -c 'import leaky, os; print(os.environ["PYTHONPATH"])'
PEX_FOO=1 compare strip-pex-env lib -c 'import os; print(sorted(k for k in os.environ if k.startswith("PEX")))'

# Console scripts of the PEX's wheels are in the venv's bin/, hermetic, and
# PEX_VENV_BIN_PATH puts them on PATH for the app.
PEX_VENV_BIN_PATH=prepend "$work/lib.pexrc" \
  -c 'import subprocess; subprocess.check_call(["cowsay", "-t", "from bin"])' | grep -q "from bin"
script=$(ls "$PEXRC_ROOT"/venvs/*/bin/cowsay | head -1)
head -1 "$script" | grep -Eq '^#!/.*/venvs/[0-9a-f]+/bin/python3\.11 -sE$'
PYTHONPATH=$work/pp "$script" -t direct | grep -q direct
pass "console scripts in the venv's bin/ run hermetically; PEX_VENV_BIN_PATH=prepend finds them"
run_case no-bin-path "$work/lib.pexrc" -c 'import subprocess; subprocess.check_call(["cowsay", "-t", "x"])'
[[ $(cat "$work/no-bin-path.rc") != 0 ]]
pass "without PEX_VENV_BIN_PATH the scripts are not on PATH"

# An unusable cache root: one warning line, the app still runs, and the
# temporary root it ran from is gone afterwards.
touch "$work/not-a-dir"
mkdir -p "$work/tmp"
PEXRC_ROOT=$work/not-a-dir/root TMPDIR=$work/tmp run_case fallback "$work/lib.pexrc" -c 'print("ran")'
[[ $(cat "$work/fallback.rc") == 0 && $(cat "$work/fallback.out") == ran ]]
[[ $(wc -l <"$work/fallback.err") == 1 ]]
grep -q "not using the cache root $work/not-a-dir/root: $work/not-a-dir is not a directory; using" "$work/fallback.err"
[[ -z $(ls -A "$work/tmp") ]]
pass "unwritable cache root: $(cut -c1-90 "$work/fallback.err")..."

# PEX_ROOT moves pexrc's cache beside pex's when PEXRC_ROOT is unset.
(unset PEXRC_ROOT; PEX_ROOT=$work/pex-root "$work/lib.pexrc" -c 'pass')
[[ -d $work/pex-root/pexrc/venvs ]]
pass "PEX_ROOT=DIR puts the cache in DIR/pexrc"

# Interpreter options reach the app: given to `python app.pexrc`, and frozen
# into the PEX with --inject-python-args.
flags='import sys; print(sys.flags.dev_mode, sys.flags.optimize)'
[[ $("$py" -X dev -O "$work/lib.pex" -c "$flags") == "True 1" ]]
[[ $("$py" -X dev -O "$work/lib.pexrc" -c "$flags") == "True 1" ]]
pass "python -X dev -O app.pexrc keeps the options, as pex does"
build pyargs -D "$src" six==1.16.0 --inject-python-args='-X dev'
compare inject-python-args pyargs -c "$flags"

# `python app.pexrc` works on a file without its execute bit (or on a noexec
# mount): the fallback runs the launcher from a memory file, no copy on disk.
cp "$work/lib.pexrc" "$work/plain-file.pexrc"
chmod a-x "$work/plain-file.pexrc"
[[ $("$py" "$work/plain-file.pexrc" -c 'import os, six; print(os.environ["PEX"])') == "$work/plain-file.pexrc" ]]
[[ ! -e $PEXRC_ROOT/launchers ]]
pass "python app.pexrc without the execute bit runs, with PEX naming the file"

# The launcher execs: the pid the shell started is the app's, and signals
# reach it directly (SIGTERM ends it as it would end python itself).
"$work/lib.pexrc" -c 'import os, sys, time; print(os.getpid()); sys.stdout.flush(); time.sleep(60)' >"$work/pid.out" &
pid=$!
wait_for_file "$work/pid.out"
[[ $(cat "$work/pid.out") == "$pid" ]]
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
[[ $rc == 143 ]]
pass "exec, not a child: same pid, SIGTERM delivered to the app (exit $rc)"

# A namespace package spread over two wheels imports from both.
build ns jaraco.functools==4.0.1 jaraco.context==5.3.0
compare namespace-package ns -c 'import jaraco.functools, jaraco.context; print(jaraco.functools.__name__, jaraco.context.__name__)'

# PEX_PATH merges other PEXes' wheels in: a .pexrc, or a .pex with its
# injected .pexrc beside it.
merged='import jaraco.context, six; print(jaraco.context.__name__, six.__version__)'
PEX_PATH=$work/ns.pex run_case pex-path-ref "$py" "$work/lib.pex" -c "$merged"
PEX_PATH=$work/ns.pexrc run_case pex-path "$work/lib.pexrc" -c "$merged"
same_as pex-path-ref pex-path
PEX_PATH=$work/ns.pex run_case pex-path-sibling "$work/lib.pexrc" -c "$merged"
same_as pex-path-ref pex-path-sibling
run_case no-pex-path "$work/lib.pexrc" -c 'import jaraco.context'
[[ $(cat "$work/no-pex-path.rc") == 1 ]]
PEX_PATH=$work/nothing-here.pexrc run_case pex-path-missing "$work/lib.pexrc" -c pass
[[ $(cat "$work/pex-path-missing.rc") == 66 && $(wc -l <"$work/pex-path-missing.err") == 1 ]]
pass "PEX_PATH: $(cat "$work/pex-path.out"); a missing entry: $(cat "$work/pex-path-missing.err")"

# Ctrl-C: SIGINT reaches the app as Python's KeyboardInterrupt, as under pex.
for app in "$work/lib.pex" "$work/lib.pexrc"; do
  "$py" - "$py" "$app" <<'PY' >"$work/sigint.out"
import signal, subprocess, sys, time
cmd = ([sys.argv[1]] if sys.argv[2].endswith(".pex") else []) + [sys.argv[2]]
program = "import sys, time\ntry:\n    print('ready'); sys.stdout.flush(); time.sleep(30)\nexcept KeyboardInterrupt:\n    print('KeyboardInterrupt'); sys.exit(3)"
child = subprocess.Popen(cmd + ["-c", program], stdout=subprocess.PIPE)
assert child.stdout.readline().strip() == b"ready"
child.send_signal(signal.SIGINT)
print(child.stdout.read().decode().strip(), child.wait())
PY
  [[ $(cat "$work/sigint.out") == "KeyboardInterrupt 3" ]]
done
pass "SIGINT becomes KeyboardInterrupt in the app (pex and pexrc)"

# On a terminal, no entry point gives an interactive REPL with the PEX's wheels.
# The REPL leaves by itself (script(1) may not pass the pipe's end on as ^D
# under load), and a REPL that never does fails the test instead of hanging it.
printf 'import six; print(six.__name__, 6 * 7)\nraise SystemExit\n' |
  timeout 120 script -qec "$work/lib.pexrc" /dev/null | tr -d '\r' >"$work/tty.out"
grep -q '^>>> ' "$work/tty.out"
grep -q '^six 42$' "$work/tty.out"
pass "interactive REPL on a TTY"

# The same on a real noexec mount, where this machine lets us make one.
mkdir -p "$work/noexec"
if mount -t tmpfs -o noexec,size=64m tmpfs "$work/noexec" 2>/dev/null; then
  trap 'umount "$work/noexec" 2>/dev/null || true; rm -rf "$work"' EXIT
  cp "$work/lib.pexrc" "$work/noexec/app.pexrc"
  run_case direct "$work/noexec/app.pexrc" -c pass
  [[ $(cat "$work/direct.rc") == 126 ]]  # the kernel refuses, as expected
  [[ $("$py" "$work/noexec/app.pexrc" -c 'import six; print(six.__version__)') == 1.16.0 ]]
  umount "$work/noexec"
  pass "python app.pexrc on a noexec mount runs"
else
  echo "note: cannot mount a noexec tmpfs here; the no-execute-bit case above covers the same path"
fi
