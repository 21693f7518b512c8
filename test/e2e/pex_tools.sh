# Issue 10: PEX_TOOLS=1 ./app.pexrc TOOL behaves as PEX_TOOLS=1 python app.pex
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
