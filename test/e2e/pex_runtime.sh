# The app's process as pex makes it, compared with pex on the same PEX and
# interpreter (3.8, before Python's absolute __main__.__file__, and 3.11):
# multiprocessing children under spawn, forkserver and fork; pex's
# interpreter isolation (sys.flags, PYTHON* variables) for a zipapp and a
# --venv PEX (and one with --venv-system-site-packages); inherit_path
# reaching the base interpreter's site-packages and PYTHONPATH; sys.argv[0]
# from relative, absolute and PATH invocations; the same for the venvs
# PEX_TOOLS=1 ... venv makes.
source "$(dirname "$0")/common.sh"
use_pythons 3.11 3.8
export PEX_ROOT=$work/pex-root

mkdir -p "$work/src/probe"
touch "$work/src/probe/__init__.py"
cat >"$work/src/probe/app.py" <<'PY'
import multiprocessing
import os
import sys


def _main_module():
    import __main__
    return "__main__=%s file=%s" % (__main__.__name__, getattr(__main__, "__file__", None) is not None)


def child(x):
    return "%d %s argv=%s" % (x * x, _main_module(), [os.path.basename(sys.argv[0])] + sys.argv[1:])


def main():
    what = sys.argv[1]
    if what == "pool":
        multiprocessing.set_start_method(sys.argv[2])
        pool = multiprocessing.Pool(2)
        for line in pool.map(child, [1, 2, 3]):
            print(line)
        pool.close()
        pool.join()
    elif what == "flags":
        f = sys.flags
        print("isolated=%d ignore_environment=%d no_user_site=%d safe_path=%s dont_write_bytecode=%d"
              % (bool(getattr(f, "isolated", 0)), bool(f.ignore_environment), bool(f.no_user_site),
                 getattr(f, "safe_path", "-"), f.dont_write_bytecode))
        print(u"caf\u00e9 ok")
    elif what == "site":
        # Where the base interpreter's site-packages stands among the app's.
        seen = []
        for entry in sys.path:
            base = entry.startswith(sys.base_prefix)
            kind = ("base-site" if base else "app-site") if entry.endswith("site-packages") else \
                ("stdlib" if base else "app")
            if not seen or seen[-1] != kind:
                seen.append(kind)
        try:
            import pip
            seen.append("pip importable")
        except ImportError:
            seen.append("no pip")
        print(" ".join(seen))
    elif what == "imports":
        # Where each name comes from: pip is in the PEX, the base install
        # and PYTHONPATH; _distutils_hack (setuptools) in the base install and
        # PYTHONPATH; ppmod only on PYTHONPATH.
        python_path = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        found = []
        for name in ("pip", "_distutils_hack", "ppmod"):
            try:
                module = __import__(name)
            except ImportError:
                found.append(name + "=missing")
                continue
            path = module.__file__
            origin = "base" if path.startswith(sys.base_prefix) else \
                "pythonpath" if any(path.startswith(p) for p in python_path) else "pex"
            found.append("%s=%s@%s" % (name, getattr(module, "__version__", "-"), origin))
        print(" ".join(found))
    elif what == "argv0":
        print("absolute=%s name=%s" % (os.path.isabs(sys.argv[0]), os.path.basename(sys.argv[0])))
PY
"$PEX_TOOL" -D "$work/src" -e probe.app:main --include-tools -o "$work/zipapp.pex" >/dev/null
"$PEX_TOOL" -D "$work/src" -e probe.app:main --venv -o "$work/venv.pex" >/dev/null
"$PEX_TOOL" -D "$work/src" -e probe.app:main --venv --venv-system-site-packages -o "$work/venvsys.pex" >/dev/null
"$PEX_TOOL" -D "$work/src" -e probe.app:main --venv --non-hermetic-venv-scripts -o "$work/venvopen.pex" >/dev/null
# A PYTHONPATH entry shadowing names the PEX and the base install have.
mkdir -p "$work/pp/pip"
echo '__version__ = "pythonpath"' >"$work/pp/pip/__init__.py"
# (setuptools' distutils-precedence.pth calls add_shim at start-up.)
echo 'def add_shim(): pass' >"$work/pp/_distutils_hack.py"
touch "$work/pp/ppmod.py"
# Each side in a directory of its own, under the same file name, so that
# sys.argv[0] can be compared as it is.
mkdir -p "$work/pex" "$work/rc"
# pip of another version than the base interpreters' (3.8: 23.0.1, 3.11: 23.2.1).
"$PEX_TOOL" -D "$work/src" -e probe.app:main pip==24.0 -o "$work/inherit.pex" >/dev/null
"$PEX_TOOL" -D "$work/src" -e probe.app:main pip==24.0 --inherit-path=fallback \
  -o "$work/inheritfallback.pex" >/dev/null
"$PEX_TOOL" -D "$work/src" -e probe.app:main pip==24.0 --inherit-path=prefer \
  -o "$work/inheritprefer.pex" >/dev/null
for layout in zipapp venv venvsys venvopen inherit inheritfallback inheritprefer; do
  cp "$work/$layout.pex" "$work/pex/$layout"
  inject "$work/$layout.pex" -o "$work/rc/$layout"
done

# compare NAME LAYOUT PY ARGS...: pex (python PEX) and pexrc (./app and
# python app) print the same and exit the same, from their directories; a
# hang (children re-running the app) fails instead of stalling the suite.
compare() {
  local name=$1 layout=$2 py=$3
  shift 3
  (cd "$work/pex" && run_case "$name.pex" timeout 120 "$py" "$layout" "$@")
  (cd "$work/rc" && run_case "$name.rc" timeout 120 env PEX_PYTHON="$py" "./$layout" "$@")
  (cd "$work/rc" && run_case "$name.py-rc" timeout 120 "$py" "$layout" "$@")
  same_as "$name.pex" "$name.rc"
  same_as "$name.pex" "$name.py-rc"
  pass "$name: $(tr '\n' ' ' <"$work/$name.pex.out" | cut -c1-110)"
}

for v in 3.8 3.11; do
  py=$(find_python "$v")
  for layout in zipapp venv; do
    for method in spawn forkserver fork; do
      compare "pool-$method-$layout-$v" "$layout" "$py" pool "$method"
    done
    compare "flags-$layout-$v" "$layout" "$py" flags
    PYTHONPATH=$work/nowhere PYTHONIOENCODING=ascii PYTHONDONTWRITEBYTECODE=1 \
      compare "flags-pythonpath-$layout-$v" "$layout" "$py" flags
    PYTHONIOENCODING=ascii compare "flags-ioencoding-$layout-$v" "$layout" "$py" flags
    PYTHONPATH='' compare "flags-empty-pythonpath-$layout-$v" "$layout" "$py" flags
    PYTHONPATH=$work/nowhere PEX_INHERIT_PATH=prefer compare "flags-inherit-$layout-$v" "$layout" "$py" flags
    compare "argv0-relative-$layout-$v" "$layout" "$py" argv0
  done
done

# --non-hermetic-venv-scripts: a --venv PEX that obeys PYTHON* variables.
for v in 3.8 3.11; do
  PYTHONPATH=$work/pp PYTHONIOENCODING=ascii compare "flags-venvopen-$v" venvopen "$(find_python "$v")" flags
  PYTHONPATH=$work/pp compare "imports-venvopen-$v" venvopen "$(find_python "$v")" imports
done

# --venv-system-site-packages: the base interpreter's site-packages after
# the app's (pyenv's CPythons have pip there, the PEX has none).
for v in 3.8 3.11; do
  compare "site-venv-$v" venv "$(find_python "$v")" site
  compare "site-venv-system-site-packages-$v" venvsys "$(find_python "$v")" site
done

# sys.argv[0] when the PEX is found on PATH, or named by absolute path.
for v in 3.8 3.11; do
  py=$(find_python "$v")
  sed "1s|.*|#!$py|" "$work/pex/zipapp" >"$work/pex/onpath"
  cp "$work/rc/zipapp" "$work/rc/onpath"
  chmod +x "$work/pex/onpath" "$work/rc/onpath"
  run_case "path-$v.pex" env PATH="$work/pex:$PATH" onpath argv0
  run_case "path-$v.rc" env PATH="$work/rc:$PATH" PEX_PYTHON="$py" onpath argv0
  same_as "path-$v.pex" "path-$v.rc"
  run_case "abs-$v.pex" "$py" "$work/pex/zipapp" argv0
  run_case "abs-$v.rc" env PEX_PYTHON="$py" "$work/rc/zipapp" argv0
  same_as "abs-$v.pex" "abs-$v.rc"
  pass "argv0 on PATH and absolute, $v: $(cat "$work/path-$v.pex.out") / $(cat "$work/abs-$v.pex.out")"
done

# inherit_path: what PEX-INFO says, widened (never narrowed) by
# PEX_INHERIT_PATH, which also decides whether the PEX's entries go before
# or after the base site-packages; PYTHONPATH first for prefer, last for
# fallback. A value pex rejects is refused with pex's message and status.
for v in 3.8 3.11; do
  py=$(find_python "$v")
  for layout in inherit inheritfallback inheritprefer; do
    for given in unset false prefer fallback; do
      if [[ $given == unset ]]; then unset PEX_INHERIT_PATH; else export PEX_INHERIT_PATH=$given; fi
      PYTHONPATH=$work/pp compare "imports-$layout-$given-$v" "$layout" "$py" imports
      # Without PYTHONPATH, prefer shows the base install ahead of the PEX.
      if [[ $given == unset || $given == prefer ]]; then
        compare "imports-nopythonpath-$layout-$given-$v" "$layout" "$py" imports
      fi
    done
    unset PEX_INHERIT_PATH
  done
done
for given in true bogus ''; do
  (cd "$work/pex" && PEX_INHERIT_PATH=$given run_case "invalid-$given.pex" "$py" inherit imports)
  (cd "$work/rc" && PEX_INHERIT_PATH=$given PEX_PYTHON=$py refused "invalid-$given.rc" 1 \
    "^pexrc: Invalid value for PEX_INHERIT_PATH: '$given' must be one of 'false', 'prefer', 'fallback'\$" \
    ./inherit imports)
  grep -q "Invalid value for PEX_INHERIT_PATH: '$given'" "$work/invalid-$given.pex.err"
  same_as "invalid-$given.pex" "invalid-$given.rc"
  pass "PEX_INHERIT_PATH='$given' refused as pex refuses it"
done

# The venvs PEX_TOOLS=1 ... venv makes from the zipapp and the --venv PEX,
# pex's against pexrc's: the same children, flags and sys.argv[0].
# venv_compare NAME ARGS...: runs the venvs of $layout on $v.
venv_compare() {
  local name=$1
  shift
  (cd "$work/venvs" && run_case "$name.pex" timeout 120 "pex-$layout-$v/pex" "$@")
  (cd "$work/venvs" && run_case "$name.rc" timeout 120 "rc-$layout-$v/pex" "$@")
  same_as "$name.pex" "$name.rc"
  pass "$name: $(tr '\n' ' ' <"$work/$name.pex.out" | cut -c1-110)"
}
for v in 3.8 3.11; do
  py=$(find_python "$v")
  for layout in zipapp venv; do
    (cd "$work/pex" && PEX_TOOLS=1 "$py" "$layout" venv "$work/venvs/pex-$layout-$v" >/dev/null)
    (cd "$work/rc" && PEX_TOOLS=1 PEX_PYTHON=$py "./$layout" venv "$work/venvs/rc-$layout-$v" >/dev/null)
    for method in spawn forkserver fork; do
      venv_compare "venv-pool-$method-$layout-$v" pool "$method"
    done
    venv_compare "venv-flags-$layout-$v" flags
    PYTHONPATH=$work/nowhere PYTHONIOENCODING=ascii venv_compare "venv-flags-pythonpath-$layout-$v" flags
    venv_compare "venv-argv0-$layout-$v" argv0
  done
done
