# Every layout pex 2.105 produces (--layout loose / packed,
# --no-pre-install-wheels as zipapp, packed and loose, --sh-boot) is injected
# into the .pexrc layout of a zipapp with pre-installed wheels, and runs like
# the original, cold and warm. What cannot be converted faithfully is refused.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)
greet_src=$(cd "$(dirname "$0")/../fixtures/greet/src" && pwd)

build() {
  local name=$1
  shift
  "$PEX_TOOL" "$@" -o "$work/$name" >/dev/null 2>"$work/build.err" || { cat "$work/build.err" >&2; return 1; }
}

# expect_same NAME ARGS...: the original (a file or a directory, run with
# python3.11 as pex documents) and NAME.pexrc give the same stdout and exit
# status, cold and warm. $PRE sets the environment of both, e.g. PEX_SCRIPT.
expect_same() {
  local name=$1
  shift
  run_case ref env ${PRE:+"$PRE"} "$py" "$work/$name" "$@"
  rm -rf "$PEXRC_ROOT"
  run_case cold env ${PRE:+"$PRE"} "$work/$name.pexrc" "$@"
  run_case warm env ${PRE:+"$PRE"} "$work/$name.pexrc" "$@"
  same_as ref cold
  same_as ref warm
  if [[ ! -s $work/ref.out && $(cat "$work/ref.rc") == 0 ]]; then
    echo "reference run of $name printed nothing" >&2
    exit 1
  fi
}

# The .deps/ files of a .pexrc as "<sha256> <size> <name>" lines.
# (Each reader's own failure counts: only grep's "no line" is forgiven.)
deps_digest() {
  local digest
  digest=$("$ARCHIVE_DIGEST" "$1") || return
  grep ' \.deps/' <<<"$digest" || true
}
# The names of a .pexrc's wheel scripts.
bin_scripts() {
  local names
  names=$(unzip -Z1 "$1") || return
  grep '\.prefix/bin/.' <<<"$names" || true
}

variants=(loose packed wheels wheels-packed wheels-loose sh)
declare -A flags=(
  [loose]="--layout loose" [packed]="--layout packed" [wheels]="--no-pre-install-wheels"
  [wheels-packed]="--no-pre-install-wheels --layout packed"
  [wheels-loose]="--no-pre-install-wheels --layout loose" [sh]="--sh-boot")

for app in cowsay greet; do
  for v in "${variants[@]}"; do
    name=$app-$v
    # shellcheck disable=SC2086  # flags are words
    if [[ $app == cowsay ]]; then
      build "$name" cowsay==6.1 -c cowsay ${flags[$v]}
    else
      build "$name" -D "$greet_src" six==1.16.0 -e greet.cli:main ${flags[$v]}
    fi
    # Injected before any run: running a loose PEX may leave __pycache__ in it.
    inject "$work/$name" -o "$work/$name.pexrc"
    [[ -x $work/$name.pexrc ]]
    if [[ $app == cowsay ]]; then
      for args in "-t Moo!" "-c nosuch -t x"; do
        eval "set -- $args"
        expect_same "$name" "$@"
      done
    else
      for args in "" "a b c" "--exit 3"; do
        eval "set -- $args"
        expect_same "$name" "$@"
      done
    fi
    # The .pexrc holds what a zipapp with pre-installed wheels holds:
    # PEX-INFO, PEXRC-INFO, __main__.py first, wheels as chroots, no pex runtime.
    "$py" - "$work/$name.pexrc" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
assert names[:3] == ["PEX-INFO", "PEXRC-INFO", "__main__.py"], names[:3]
assert not any(n.startswith((".bootstrap", "__pex__/")) or n == "pex" for n in names), names
wheels = [n for n in names if n.startswith(".deps/") and n.count("/") == 2 and n.endswith(".whl/")]
assert wheels, names
for w in wheels:
    assert any(n.startswith(w) and n.endswith(".dist-info/METADATA") for n in names), w
PY
    pass "$name (${flags[$v]}): same output and exit status as pex, cold and warm"
  done

  # Directory and --no-pre-install-wheels layouts give the wheels pex
  # installs itself: packed and loose exactly, wheel files converted up to
  # what pex generates (its bookkeeping, RECORD, the entry-point scripts).
  inject "$FIXTURES/$app.pex" -o "$work/$app.pexrc"
  deps_digest "$work/$app.pexrc" >"$work/zipapp.deps"
  for v in loose packed; do
    deps_digest "$work/$app-$v.pexrc" | diff "$work/zipapp.deps" -
  done
  generated='/(\.layout\.json|[^/]*\.pex-info/.*|[^/]*\.dist-info/RECORD|\.prefix/bin/[^/]*)$'
  grep -Ev "$generated" "$work/zipapp.deps" >"$work/zipapp.kept"
  for v in wheels wheels-packed wheels-loose; do
    deps_digest "$work/$app-$v.pexrc" | grep -Ev "$generated" | diff "$work/zipapp.kept" -
  done
  want=$(bin_scripts "$work/$app.pexrc")
  got=$(bin_scripts "$work/$app-wheels.pexrc")
  [[ $app != cowsay || -n $want ]]
  [[ $got == "$want" ]]
  pass "$app: loose and packed wheels equal the zipapp's; converted wheel files too, but for pex's bookkeeping"
done

# A PEX's layout does not show in the .pexrc: wheel files from a zipapp, a
# packed and a loose directory give the same bytes, whatever --jobs.
cmp "$work/cowsay-wheels.pexrc" "$work/cowsay-wheels-packed.pexrc"
cmp "$work/cowsay-wheels.pexrc" "$work/cowsay-wheels-loose.pexrc"
inject --jobs 1 "$work/cowsay-wheels-loose" -o "$work/j1.pexrc"
cmp "$work/cowsay-wheels-loose.pexrc" "$work/j1.pexrc"
pass "cowsay wheel files: zipapp, packed and loose give identical bytes, --jobs 1 too"

# --sh-boot: the interpreter is the one pex's /bin/sh script tries first.
for app in cowsay greet; do
  info=$(unzip -p "$work/$app-sh.pexrc" PEXRC-INFO)
  [[ $info == *'"python_hint":"python3.11"'* && $info == *'"shebang":"#!/bin/sh"'* ]] || {
    echo "$app-sh PEXRC-INFO: $info" >&2
    exit 1
  }
done
PEX_VERBOSE=1 "$work/cowsay-sh.pexrc" -t x 2>"$work/sh.err" >/dev/null
grep -q "using the current interpreter .*python3.11" "$work/sh.err"
pass "--sh-boot: python_hint python3.11 from the script's candidate list, used without a search"

# Console scripts of a wheel file: PEX_SCRIPT runs them as under pex.
PRE=PEX_SCRIPT=cowsay expect_same cowsay-wheels -t hi
pass "PEX_SCRIPT=cowsay with wheel files: $(head -2 "$work/ref.out" | tail -1)"

# A wheel with every .data scheme and both kinds of entry points, pre-installed
# by pex and converted by pexrc-inject.
mkdir -p "$work/wheelhouse"
"$py" - "$work/wheelhouse/tiny-1.0-py3-none-any.whl" <<'PY'
import base64, hashlib, sys, zipfile
files = [
    ("tiny/__init__.py", 0o644, b"import sys\n\ndef main():\n    print('tiny main', sys.argv[1:])\n    return 3\n"),
    ("tiny/__main__.py", 0o644, b"print('tiny as a module')\n"),
    ("tiny-1.0.data/purelib/tiny_extra.py", 0o644, b"WHERE = 'purelib'\n"),
    ("tiny-1.0.data/platlib/tiny_plat.py", 0o644, b"WHERE = 'platlib'\n"),
    ("tiny-1.0.data/scripts/tiny-data", 0o755, b"#!/usr/bin/env python3\nimport sys, tiny\nprint('data script', sys.argv[1:])\n"),
    ("tiny-1.0.data/scripts/tiny-sh", 0o755, b"#!/bin/sh\necho sh script \"$@\"\n"),
    ("tiny-1.0.data/data/share/tiny/notes.txt", 0o644, b"notes\n"),
    ("tiny-1.0.data/headers/tiny.h", 0o644, b"int tiny(void);\n"),
    ("tiny-1.0.dist-info/METADATA", 0o644, b"Metadata-Version: 2.1\nName: tiny\nVersion: 1.0\n"),
    ("tiny-1.0.dist-info/WHEEL", 0o644, b"Wheel-Version: 1.0\nGenerator: layouts.sh\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
    ("tiny-1.0.dist-info/entry_points.txt", 0o644, b"[console_scripts]\ntiny = tiny:main\n\n[gui_scripts]\ntiny-gui = tiny\n"),
]
record = []
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, mode, data in files + [("tiny-1.0.dist-info/RECORD", 0o644, None)]:
        if data is None:
            data = ("\n".join(record + [name + ",,"]) + "\n").encode()
        else:
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
        info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
        info.external_attr = (0o100000 | mode) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
PY
build tiny --no-pypi -f "$work/wheelhouse" tiny==1.0
build tiny-wheels --no-pypi -f "$work/wheelhouse" tiny==1.0 --no-pre-install-wheels
inject "$work/tiny" -o "$work/tiny.pexrc"
inject "$work/tiny-wheels" -o "$work/tiny-wheels.pexrc"
# pex's chroot, mapped the ways pexrc deliberately differs (see
# injector/read/wheel_chroot.h): .data/platlib at the root rather than
# .prefix/platlib, headers of a wheel for no single X.Y under
# .prefix/include/<dist>/ rather than a literal pythonX.Y; entry-point
# scripts are pexrc's own. pex 2.105 also loses .data/purelib of a purelib
# wheel (tiny_extra.py), which pexrc keeps at the root.
deps_digest "$work/tiny.pexrc" | grep -Ev "$generated|/\.prefix/bin/tiny(-gui)?$" |
  sed -e 's|/\.prefix/platlib/|/|' -e 's|/include/site/pythonX\.Y/|/include/|' | sort >"$work/pex.tiny"
grep -q '/tiny_plat.py$' "$work/pex.tiny"
grep -q '/\.prefix/data/share/tiny/notes.txt$' "$work/pex.tiny"
deps_digest "$work/tiny-wheels.pexrc" | grep -Ev "$generated|/\.prefix/bin/tiny(-gui)?$|/tiny_extra\.py$" |
  sort | diff "$work/pex.tiny" -
pass "tiny: .data/purelib, platlib, scripts, data and headers land where pex puts them (or as documented)"
zipinfo "$work/tiny-wheels.pexrc" >"$work/tiny.zipinfo"
grep -Eq '^-rwxr-xr-x .* \.deps/tiny-1\.0-py3-none-any\.whl/\.prefix/bin/tiny-sh$' "$work/tiny.zipinfo"
grep -Eq '^-rw-r--r-- .* \.deps/tiny-1\.0-py3-none-any\.whl/\.prefix/data/share/tiny/notes\.txt$' "$work/tiny.zipinfo"
for script in tiny tiny-gui tiny-data tiny-sh; do
  PRE=PEX_SCRIPT=$script expect_same tiny-wheels a b
done
pass "tiny: PEX_SCRIPT of console, gui, data (python) and data (sh) scripts as under pex"
# The generated console script itself, as installed into the venv's bin/.
rm -rf "$PEXRC_ROOT"
"$work/tiny-wheels.pexrc" -c pass
run_case venv_script "$(echo "$PEXRC_ROOT"/venvs/*/bin/tiny)" a b
run_case ref env PEX_SCRIPT=tiny "$py" "$work/tiny-wheels" a b
same_as ref venv_script
run_case extra "$work/tiny-wheels.pexrc" -c 'import tiny_extra, tiny_plat; print(tiny_extra.WHERE, tiny_plat.WHERE)'
[[ $(cat "$work/extra.out") == "purelib platlib" ]]
pass "tiny: generated bin/tiny exits $(cat "$work/ref.rc") like pex's; .data/purelib and platlib importable"
# Where pip would put them in a venv: data files under the venv's root, the
# data scripts in its bin/ with their #!python pointed at the venv.
venv=$(echo "$PEXRC_ROOT"/venvs/*)
[[ $(cat "$venv/share/tiny/notes.txt") == notes ]]
head -1 "$venv/bin/tiny-data" | grep -Eq "^#!$venv/bin/python3\.11 -sE$"
[[ $("$venv/bin/tiny-sh" x) == "sh script x" ]]
pass "tiny: .data/data under the venv root, .data/scripts in its bin/"

# Refused, with one line and exit 69, never dropped in silence.
expect_refusal() {
  local name=$1 input=$2 pattern=$3
  run_case "$name" "$PEXRC_INJECT" "$input" -o "$work/$name.pexrc"
  if [[ $(cat "$work/$name.rc") != 69 || $(wc -l <"$work/$name.err") != 1 ]] ||
    ! grep -Eq "^pexrc-inject: .*$pattern" "$work/$name.err"; then
    echo "$name: exit $(cat "$work/$name.rc") (want 69):" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  [[ ! -e $work/$name.pexrc ]]
  pass "$name: exit 69: $(cat "$work/$name.err")"
}
cp -a "$work/cowsay-loose" "$work/escape-link"
ln -s ../../../../etc/passwd "$work/escape-link/.deps/cowsay-6.1-py3-none-any.whl/cowsay/evil.py"
expect_refusal escape-link "$work/escape-link" "cowsay/evil.py' is a symlink .*outside the PEX"
cp -a "$work/greet-loose" "$work/inner-link"
ln -s cli.py "$work/inner-link/greet/alias.py"
expect_refusal inner-link "$work/inner-link" "greet/alias.py' is a symlink to 'cli.py'"
cp -a "$work/cowsay-wheels-loose" "$work/no-dist-info"
"$py" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("cowsay/__init__.py", "")' \
  "$work/no-dist-info/.deps/cowsay-6.1-py3-none-any.whl"
expect_refusal no-dist-info "$work/no-dist-info" "no \.dist-info directories with a WHEEL file"
