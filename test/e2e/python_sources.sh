# The Python pexrc ships (the launcher's boot script and the pex runtime
# module spliced into it, the interpreter probe, the bytecode compiler, the
# fallback __main__.py, the PEX_TOOLS program and its templates) compiles
# under every interpreter pexrc supports, and all of pexrc's Python is
# pyflakes-clean.
source "$(dirname "$0")/common.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
shipped=("$root"/launcher/venv/boot_script.py "$root"/launcher/venv/pex_runtime.py
         "$root"/runtime/select/probe.py "$root"/launcher/compile/compile_sources.py
         "$root"/injector/write/fallback_main.py "$root"/injector/compile/compile_server.py
         "$root"/launcher/tools/pex_tools/*.py)
compile_all='
import sys
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        compile(f.read(), path, "exec")
'
pythons=()
for v in 2.7 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13; do pythons+=("$(find_python "$v")"); done
pythons+=(/usr/bin/pypy3)
for python in "${pythons[@]}"; do
  "$python" -c "$compile_all" "${shipped[@]}"
  pass "$("$python" -c 'import platform; print(platform.python_implementation(), platform.python_version())'): ${#shipped[@]} files compile"
done
tools_python=$TOOLS_PYTHON
"$tools_python" -m pyflakes "${shipped[@]}" "$root"/scripts/*.py "$root"/scripts/build/*.py \
  "$root"/test/e2e/*.py "$root"/test/fixtures/greettool/*.py
pass "pyflakes: clean"
