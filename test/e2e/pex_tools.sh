# PEX_TOOLS=1 ./app.pexrc TOOL behaves as PEX_TOOLS=1 python app.pex
# TOOL on the same PEX: stdout and exit status compared tool by tool.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)
"$PEX_TOOL" -D "$(dirname "$0")/../fixtures/greet/src" six==1.16.0 cowsay==6.1 -e greet.cli:main \
  --include-tools -o "$work/app.pex" >/dev/null
inject "$work/app.pex" -o "$work/app.pexrc"
cd "$work"  # both name the PEX relative to the working directory

# Both runs of a case, pex's with its own cache root; pex_root is the one
# value that differs by design (each reports its own cache).
tools_case() {  # NAME TOOL-ARGS...
  local name=$1
  shift
  PEX_TOOLS=1 run_case "$name-pex" "$py" "$work/app.pex" "$@"
  PEX_TOOLS=1 run_case "$name-pexrc" "$work/app.pexrc" "$@"
  for side in pex pexrc; do
    sed -E -i 's/(, )?"pex_root": ?"[^"]*"//' "$work/$name-$side.out"
  done
  same_as "$name-pex" "$name-pexrc"
  pass "$name: exit $(cat "$work/$name-pex.rc"): $(head -c 80 "$work/$name-pex.out" | tr '\n' ' ')"
}
tools_case info info
tools_case info-indent info --indent 2
tools_case info-indent-0 info -i 0
PEX_MODULE=cowsay PEX_INHERIT_PATH=fallback PEX_IGNORE_ERRORS=true tools_case info-env info
tools_case info-passthrough info -- whatever
tools_case interpreter interpreter
tools_case interpreter-v interpreter -v
tools_case interpreter-vvv interpreter -vvv --indent 4
tools_case interpreter-indent-ignored interpreter --indent 2
tools_case version --version
tools_case no-tool
tools_case bad-option info --bogus
tools_case bad-indent info --indent two

# -o writes the file (its directory made), and nothing to stdout.
PEX_TOOLS=1 "$work/app.pexrc" info -o "$work/out/info.json"
PEX_TOOLS=1 "$py" "$work/app.pex" info | python3 -c '
import json, sys
mine, theirs = json.load(open(sys.argv[1])), json.load(sys.stdin)
mine.pop("pex_root"), theirs.pop("pex_root")
assert mine == theirs' "$work/out/info.json"
pass "info -o FILE"

# python app.pexrc takes the same path.
[[ $(PEX_TOOLS=1 "$py" "$work/app.pexrc" interpreter) == "$py" ]]
pass "python app.pexrc with PEX_TOOLS"

# A PEX without tools, and a PEX_TOOLS that is no boolean: pex's status 1.
"$PEX_TOOL" six==1.16.0 -o "$work/plain.pex" >/dev/null
inject "$work/plain.pex" -o "$work/plain.pexrc"
PEX_TOOLS=1 refused no-tools 1 "^pexrc: .*plain\.pexrc: The PEX_TOOLS environment variable was set, but this PEX was not built with tools" \
  "$work/plain.pexrc" info
PEX_TOOLS=1 run_case no-tools-pex "$py" "$work/plain.pex" info
[[ $(cat "$work/no-tools-pex.rc") == 1 ]]
PEX_TOOLS=yes refused bad-value 1 "^pexrc: Invalid bool value for PEX_TOOLS, must be 0/1/false/true, got 'yes'$" \
  "$work/app.pexrc" info
PEX_TOOLS=0 "$work/app.pexrc" x | grep -qx "Hello from greet, six 1.16.0, 1 args: x"
pass "PEX_TOOLS=0 runs the app"

# interpreter --all: the one in use first, then every other compatible one
# on PATH, with facts as pex gives them.
for v in 3.9 3.12; do ln -sf "$(find_python $v)" "$work/bin/python$v"; done
tools_case interpreter-all interpreter --all
tools_case interpreter-all-vvv interpreter -a -vvv -i 1
PEX_PYTHON=python3.12 tools_case interpreter-all-pex-python interpreter -a
grep -q "Ignoring PEX_PYTHON=python3.12" "$work/interpreter-all-pex-python-pexrc.err"
rm "$work/bin/python3.9" "$work/bin/python3.12"

# graph and repository on an app whose requirements carry extras and markers.
"$PEX_TOOL" requests==2.31.0 charset-normalizer==3.3.2 idna==3.6 urllib3==2.2.1 certifi==2024.2.2 \
  --include-tools -o "$work/req.pex" >/dev/null
inject "$work/req.pex" -o "$work/req.pexrc"
# Each side names its own file and cache in places; the rest must agree.
tools_pair() {  # NAME APP TOOL-ARGS...
  local name=$1 app=$2
  shift 2
  PEX_TOOLS=1 run_case "$name-pex" "$py" "$work/$app.pex" "$@"
  PEX_TOOLS=1 run_case "$name-pexrc" "$work/$app.pexrc" "$@"
  for side in pex pexrc; do
    sed -E -i -e "s|$work/$app\.pex(rc)?|APP|g" -e 's|"location": "[^"]*"|"location": LOC|' \
      -e 's# /[^ ]*(installed_wheels|/wheels/)[^ ]*$# LOC#' "$work/$name-$side.out"
  done
  same_as "$name-pex" "$name-pexrc"
  pass "$name: exit $(cat "$work/$name-pex.rc"): $(head -c 80 "$work/$name-pex.out" | tr '\n' ' ')"
}
for app in app req; do
  tools_pair "graph-$app" "$app" graph
  tools_pair "repository-info-$app" "$app" repository info
  tools_pair "repository-info-v-$app" "$app" repository info -v --indent 2
done
tools_pair graph-output req graph -o "$work/req.dot"
sed "s|$work/req\.pexrc|APP|g" "$work/req.dot" >"$work/req.rc.dot"
PEX_TOOLS=1 "$py" "$work/req.pex" graph >"$work/req.pex.dot"
sed -i "s|$work/req\.pex|APP|g" "$work/req.pex.dot"
[[ -s $work/req.pex.dot ]]
cmp "$work/req.rc.dot" "$work/req.pex.dot"
tools_pair graph-render-no-dot req graph --render
tools_pair extract-needs-dir app repository extract
PEX_TOOLS=1 refused extract-sources 1 "^pexrc cannot extract the PEX's sources as an sdist" \
  "$work/app.pexrc" repository extract -D -f "$work/no-sdist"

# repository extract: the same wheel files, byte for byte, as pex's.
for mode in "" --use-system-time; do
  rm -rf "$work/whl-pex" "$work/whl-pexrc"
  for app in app req; do
    PEX_TOOLS=1 "$py" "$work/$app.pex" repository extract $mode -f "$work/whl-pex" >"$work/extract-pex.out"
    PEX_TOOLS=1 "$work/$app.pexrc" repository extract $mode -f "$work/whl-pexrc" >"$work/extract-pexrc.out"
    sed "s|whl-pex/|DIR/|" "$work/extract-pex.out" >"$work/extract-pex.said"
    sed "s|whl-pexrc/|DIR/|" "$work/extract-pexrc.out" >"$work/extract-pexrc.said"
    [[ -s $work/extract-pex.said ]]
    cmp "$work/extract-pex.said" "$work/extract-pexrc.said"
  done
  (cd "$work/whl-pex" && sha256sum -- *.whl) >"$work/whl-pex.sums"
  (cd "$work/whl-pexrc" && sha256sum -- *.whl) >"$work/whl-pexrc.sums"
  diff "$work/whl-pex.sums" "$work/whl-pexrc.sums"
  pass "repository extract $mode: $(wc -l <"$work/whl-pexrc.sums") wheels identical to pex's"
done
# ... which pip installs into a fresh venv, where the app's code runs.
"$py" -m venv "$work/fresh"
"$work/fresh/bin/pip" install -q --no-index -f "$work/whl-pexrc" cowsay six requests
run_case fresh-cowsay "$work/fresh/bin/cowsay" -t extracted
PEX_SCRIPT=cowsay run_case app-cowsay "$work/app.pexrc" -t extracted
same_as app-cowsay fresh-cowsay
"$work/fresh/bin/python" -c 'import requests, urllib3; assert requests.__version__ == "2.31.0"'
pass "pip installs the extracted wheels and they run"

# --serve: a find-links server on a free port, its pid:port written out.
PEX_TOOLS=1 "$work/app.pexrc" repository extract -f "$work/served" --serve --pid-file "$work/server.pid" \
  >"$work/serve.out" 2>&1 &
wait_for_file "$work/server.pid" "$work/serve.out"
pid_port=$(<"$work/server.pid")
port=${pid_port#*:}
python3 -c 'import sys, urllib.request; page = urllib.request.urlopen("http://localhost:%s/" % sys.argv[1]).read().decode(); assert "cowsay-6.1-py3-none-any.whl" in page' "$port"
kill "$(cut -d: -f1 "$work/server.pid")"
wait || true
grep -q "^Serving find-links repo of $work/app.pexrc via $work/served at http://localhost:$port$" "$work/serve.out"
pass "repository extract --serve on port $port"
