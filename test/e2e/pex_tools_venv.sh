# PEX_TOOLS=1 ./app.pexrc venv DIR, option by option, against
# PEX_TOOLS=1 python app.pex venv DIR on the same PEX: the same site-packages
# file set (bytecode aside), the same stdout and exit status from DIR/pex and
# the console scripts, and a DIR that keeps working once pexrc's cache is gone.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)
fixtures=$(dirname "$0")/../fixtures
export PEX_ROOT=$work/pex-root  # pex's own cache, private to this test

# A -D app with a wheel that has console, #!python and shell scripts and a
# data file; cowsay; and an app whose own six.py shadows the six wheel's.
mkdir -p "$work/wheels" "$work/shadow"
python3 "$fixtures/greettool/make_wheel.py" "$work/wheels" >/dev/null
"$PEX_TOOL" -D "$fixtures/greet/src" greettool cowsay==6.1 six==1.16.0 -f "$work/wheels" \
  -e greet.cli:main --include-tools -o "$work/tool.pex" >/dev/null
"$PEX_TOOL" cowsay==6.1 -c cowsay --include-tools -o "$work/cowsay.pex" >/dev/null
echo 'X = "shadowed"' >"$work/shadow/six.py"
"$PEX_TOOL" -D "$work/shadow" six==1.16.0 --include-tools -o "$work/shadow.pex" >/dev/null
for app in tool cowsay shadow; do inject "$work/$app.pex" -o "$work/$app.pexrc"; done
cd "$work"

# What a venv holds, as relative paths: site-packages without bytecode, and
# the venv's own top level and bin/.
venv_files() {
  (cd "$1" && find . -path ./lib -prune -o -not -name '*.pyc' -print | grep -v __pycache__ | sort)
  (cd "$1"/lib/python*/site-packages && find . -not -path '*/__pycache__*' -not -name '*.pyc' | sort)
}

# venv_pair NAME APP VENV-ARGS...: makes NAME-pex with pex and NAME-pexrc with
# pexrc; both must end the same way, with the same files.
venv_pair() {
  local name=$1 app=$2
  shift 2
  PEX_TOOLS=1 run_case "$name-make-pex" "$py" "$app.pex" venv "$@" "$name-pex"
  PEX_TOOLS=1 run_case "$name-make-pexrc" "./$app.pexrc" venv "$@" "$name-pexrc"
  if ! cmp -s "$name-make-pex.rc" "$name-make-pexrc.rc"; then
    echo "$name: venv exits $(cat "$name-make-pexrc.rc"), pex's $(cat "$name-make-pex.rc")" >&2
    cat "$name-make-pex.err" "$name-make-pexrc.err" >&2
    return 1
  fi
  # Each caller expects both venvs made; refusals are checked with refused.
  if [[ $(cat "$name-make-pex.rc") != 0 ]]; then
    echo "$name: neither pex nor pexrc made the venv:" >&2
    cat "$name-make-pex.err" >&2
    return 1
  fi
  venv_files "$name-pex" >"$name-pex.files"
  venv_files "$name-pexrc" >"$name-pexrc.files"
  if ! diff "$name-pex.files" "$name-pexrc.files" >&2; then
    echo "$name: the venvs differ (< pex, > pexrc)" >&2
    return 1
  fi
  pass "$name: venv $* gives pex's file set ($(wc -l <"$name-pexrc.files") paths)"
}

# same_run NAME VENV CMD-IN-VENV ARGS...: the command, run from each venv,
# gives the same stdout and exit status.
same_run() {
  local name=$1 venv=$2 cmd=$3
  shift 3
  [[ -x $venv-pex/$cmd ]]
  [[ -x $venv-pexrc/$cmd ]]
  run_case "$name-pex" "$venv-pex/$cmd" "$@"
  run_case "$name-pexrc" "$venv-pexrc/$cmd" "$@"
  same_as "$name-pex" "$name-pexrc"
  pass "$name: $cmd $* -> exit $(cat "$name-pex.rc"): $(head -c 60 "$name-pex.out" | tr '\n' ' ')"
}

venv_pair cowsay cowsay
same_run cowsay-pex cowsay pex -t moo
same_run cowsay-script cowsay bin/cowsay -t moo

venv_pair tool tool
same_run tool-pex tool pex a b
same_run tool-console-script tool bin/greettool a b c
same_run tool-python-script tool bin/greettool-py x
same_run tool-cowsay tool bin/cowsay -t hi
PEX_SCRIPT=greettool same_run tool-pex-script tool pex s
PEX_MODULE=greettool.cli:main same_run tool-pex-module tool pex m
PEX_MODULE=cowsay same_run tool-pex-module-runpy tool pex -t runpy
PEX_INTERPRETER=1 same_run tool-interpreter tool pex -c 'import six, sys; print(six.__version__, sys.argv)' x
echo 'print(6 * 7)' >repl.in
PEX_INTERPRETER=1 RUN_STDIN=repl.in same_run tool-repl tool pex
PEX_INTERPRETER=1 PEX_MODULE=cowsay same_run tool-two-overrides tool pex
for side in pex pexrc; do run_case "tool-venv-python-$side" "tool-$side/bin/python" "tool-$side/pex" x; done
same_as tool-venv-python-pex tool-venv-python-pexrc
run_case tool-foreign-python "$py" tool-pexrc/pex y   # another python re-executes the venv's
grep -qx "Hello from greet, six 1.16.0, 1 args: y" tool-foreign-python.out
pass "python DIR/pex goes through the venv's interpreter"
# The -I in the shebangs: PYTHONPATH does not reach the app.
mkdir -p "$work/evil"
echo 'raise SystemExit("PYTHONPATH reached the app")' >"$work/evil/six.py"
PYTHONPATH=$work/evil same_run tool-hermetic tool pex h

# The cache can go: the venv is made of copies.
rm -rf "$PEXRC_ROOT"
same_run tool-no-cache tool pex after
same_run tool-no-cache-script tool bin/greettool after
[[ -z $(find tool-pexrc -type l -lname "$PEXRC_ROOT*") ]]
pass "no link into the cache"

# An existing venv is refused without --force (pex's message, status 1),
# replaced with it.
PEX_TOOLS=1 run_case exists-pex "$py" tool.pex venv tool-pex
PEX_TOOLS=1 refused exists 1 "^\[Errno 17\] File exists: '__main__.py' -> '$work/tool-pexrc/pex'$" \
  ./tool.pexrc venv tool-pexrc
[[ $(cat exists-pex.rc) == 1 ]]
grep -q "File exists: '__main__.py' -> '$work/tool-pex/pex'" exists-pex.err
touch tool-pexrc/stale tool-pex/stale
venv_pair tool tool --force
[[ ! -e tool-pexrc/stale ]]
pass "--force replaces the directory"

# --force never removes the directory holding the PEX or the cache.
PEX_TOOLS=1 refused force-guard 1 "^Refusing to remove $work for --force: it holds the PEX file \($work/tool\.pexrc\)$" \
  ./tool.pexrc venv --force .
[[ -f tool.pexrc ]]

# python app.pexrc takes the same path.
PEX_TOOLS=1 "$py" tool.pexrc venv via-python >/dev/null
via_python=$(via-python/pex p)
direct=$(tool-pexrc/pex p)
[[ -n $direct ]]
[[ $via_python == "$direct" ]]
pass "PEX_TOOLS=1 python app.pexrc venv"

# Two steps, as a container build does them: the union is the whole app.
venv_pair steps tool --scope deps
[[ ! -e steps-pexrc/pex && $(cat steps-pexrc/.pex-venv-scope) == deps ]]
venv_pair steps tool --scope srcs
[[ $(cat steps-pexrc/.pex-venv-scope) == all ]]
venv_files tool-pexrc >tool-pexrc.files
venv_files steps-pexrc >steps-pexrc.files
diff tool-pexrc.files steps-pexrc.files
same_run steps-pex steps pex two steps
pass "--scope deps then srcs gives the whole venv"
venv_pair srcs tool --scope srcs
same_run srcs-only srcs bin/python -c 'import greet, sys; print("six" in sys.modules)'

venv_pair bin tool --bin-path prepend
PEX_INTERPRETER=1 same_run bin-prepend bin pex -c 'import os, sys; print(os.environ["PATH"].split(os.pathsep)[0] == os.path.join(sys.prefix, "bin"))'
venv_pair bin-append tool -b append
PEX_INTERPRETER=1 same_run bin-append bin-append pex -c 'import os, sys; print(os.environ["PATH"].split(os.pathsep)[-1] == os.path.join(sys.prefix, "bin"))'
PEX_VENV_BIN_PATH=bogus PEX_INTERPRETER=1 same_run bin-bogus bin-append pex -c pass

venv_pair open tool --non-hermetic-scripts
[[ $(head -1 open-pexrc/bin/greettool) == "#!$work/open-pexrc/bin/python3.11" ]]
[[ $(head -1 open-pex/bin/greettool) == "#!$work/open-pex/bin/python3.11" ]]
PYTHONPATH=$work/evil same_run open-pythonpath open pex h
[[ $(cat open-pythonpath-pexrc.rc) == 1 ]]
grep -qx "PYTHONPATH reached the app" open-pythonpath-pexrc.err
pass "--non-hermetic-scripts: plain shebangs, so PYTHONPATH reaches the app"

venv_pair system tool --system-site-packages
grep -qx "include-system-site-packages = true" system-pexrc/pyvenv.cfg
venv_pair copies tool --copies
[[ -f copies-pexrc/bin/python3.11 && ! -L copies-pexrc/bin/python3.11 ]]
venv_pair prompt tool --prompt my-prompt
grep -q "my-prompt" prompt-pexrc/pyvenv.cfg
same_run prompt-activate prompt bin/python -c 'print(open(__import__("sys").prefix + "/bin/activate").read().count("my-prompt") > 0)'
venv_pair compiled tool --compile
[[ -n $(find compiled-pexrc/lib -name 'cli.cpython-311.pyc' -path '*greet*') ]]
pass "--compile writes bytecode"
venv_pair sitecopies tool --site-packages-copies

venv_pair pip tool --pip
same_run pip-version pip bin/python -c 'import pip, sys; print(pip.__version__ != "", sys.prefix != sys.base_prefix)'
[[ -x pip-pexrc/bin/pip ]]
pass "--pip installs pip"

# A file the app ships shadows a wheel's: a collision (pex finds it when it
# copies: --site-packages-copies; pexrc always copies), unless --collisions-ok,
# where the app's file wins.
PEX_TOOLS=1 run_case shadow-make-pex "$py" shadow.pex venv --site-packages-copies shadow-pex
PEX_TOOLS=1 run_case shadow-make-pexrc ./shadow.pexrc venv shadow-pexrc
same_as shadow-make-pex shadow-make-pexrc
grep -q "^Encountered collision populating $work/shadow-pexrc from PEX at $work/shadow.pexrc:$" shadow-make-pexrc.err
grep -q "site-packages/six.py was provided by:$" shadow-make-pexrc.err
pass "collision: exit $(cat shadow-make-pexrc.rc), $(head -1 shadow-make-pexrc.err)"
# (pex must copy here too: linking, it writes the app's six.py through its
# hard link into its cached six wheel, which every later PEX then gets.)
venv_pair shadow-ok shadow --collisions-ok --site-packages-copies --force
PEX_INTERPRETER=1 same_run shadow-ok shadow-ok pex -c 'import six; print(six.X)'

# An entry point naming extras (as console scripts may): pex's zipapp runs
# it without them, its venv's pex fails on them (AttributeError); pexrc's
# app and its venv's pex share one runtime module and both do what the
# zipapp does.
"$PEX_TOOL" -D "$fixtures/greet/src" six==1.16.0 -e 'greet.cli:main [extra]' --include-tools \
  -o extras.pex >/dev/null
inject extras.pex -o extras.pexrc
run_case extras-zipapp "$py" extras.pex a b
run_case extras-app ./extras.pexrc a b
same_as extras-zipapp extras-app
PEX_TOOLS=1 ./extras.pexrc venv extras-venv >/dev/null
run_case extras-venv extras-venv/pex a b
same_as extras-zipapp extras-venv
[[ $(cat extras-app.rc) == 0 ]]
pass "entry point with [extras]: ./app.pexrc and the venv's pex both run it as pex's zipapp does"

# --rm: the PEX file goes (and with `all`, the cache too).
cp tool.pexrc gone.pexrc
cp tool.pex gone.pex
venv_pair rm gone --rm pex
[[ ! -e gone.pexrc && ! -e gone.pex && -d $PEXRC_ROOT ]]
cp tool.pexrc gone.pexrc
cp tool.pex gone.pex
venv_pair rm-all gone --rm all
[[ ! -e gone.pexrc && ! -e gone.pex && ! -e $PEXRC_ROOT && ! -e $PEX_ROOT ]]
same_run rm-all rm-all pex still here
pass "--rm pex and --rm all"

# Usage errors as pex's: status 2.
PEX_TOOLS=1 run_case no-dir-pex "$py" tool.pex venv
PEX_TOOLS=1 run_case no-dir-pexrc ./tool.pexrc venv
same_as no-dir-pex no-dir-pexrc
PEX_TOOLS=1 run_case bad-scope-pex "$py" tool.pex venv --scope some x
PEX_TOOLS=1 run_case bad-scope-pexrc ./tool.pexrc venv --scope some x
same_as bad-scope-pex bad-scope-pexrc
pass "usage errors: exit $(cat no-dir-pexrc.rc)"
