# The launcher of another CPU on that CPU's real CPython (Debian's,
# unpacked into FOREIGN_ROOT), under qemu-user. A PEX built by pex with the
# real manylinux wheels of a C-extension package for x86_64 and TARGET gives
# one file per target (the same bytes as a one-target run under pex's name
# for TARGET); TARGET's runs cold, warm and as `python app.pexrc` print what
# pex's own runtime prints on the emulated interpreter, and extract only
# TARGET's wheel. s390x is big-endian: there this shows every on-disk field
# is read the portable way.
# usage: emulated.sh TARGET PEX_TARGET QEMU_ARCH PYTHON PLATFORM REQUIREMENT PROGRAM
#   PYTHON: the interpreter's name in FOREIGN_ROOT/usr/bin (python3.11);
#   PLATFORM: pex --platform for TARGET (manylinux2014_s390x-cp-311-cp311);
#   PROGRAM: python -c code whose first word of output is platform.machine().
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/qemu_binfmt.sh"
target=$1 pex_target=$2 qemu_arch=$3 python=$4 platform=$5 requirement=$6 program=$7
version=${python#python}
py_tag=cp${version/./}
arch=${platform%%-*}
arch=${arch##manylinux*_}
foreign_python=$FOREIGN_ROOT/usr/bin/$python
[[ -x $foreign_python ]] || { echo "no $foreign_python (test/tools/debian_root.py)" >&2; exit 1; }

"$PEX_TOOL" "$requirement" --no-build --platform "manylinux2014_x86_64-cp-$version-$py_tag" \
  --platform "$platform" -o "$work/app.pex" >/dev/null
unzip -Z1 "$work/app.pex" | grep -E '^\.deps/[^/]*\.whl/$' >"$work/wheels"
if ! grep -q "_$arch\.whl/\$" "$work/wheels" || ! grep -q '_x86_64\.whl/$' "$work/wheels"; then
  echo "pex did not ship wheels for x86_64 and $arch:" >&2
  cat "$work/wheels" >&2
  exit 1
fi

# No --target: the launchers its wheels need; TARGET's file under pex's name too.
inject "$work/app.pex"
app=$work/app.$target.pexrc
[[ -x $work/app.x86_64-linux.pexrc && -x $app ]]
[[ $(grep -c '^pexrc-inject: wrote' "$work/inject.err") == 2 ]]
inject "$work/app.pex" --target "$pex_target" -o "$work/only.pexrc"
cmp "$app" "$work/only.pexrc"
# pexrc-inject info reads the launcher's ELF header in its own byte order.
"$PEXRC_INJECT" info "$app" >"$work/info"
if ! grep -qE "^target: +$target\$" "$work/info" ||
   ! grep -qE "^launcher: +pexrc-launcher [^ ]+ $target, " "$work/info"; then
  echo "pexrc-inject info $app:" >&2
  cat "$work/info" >&2
  exit 1
fi
machine=$(readelf -h "$app" | sed -n 's/^ *Machine: *//p')
data=$(readelf -h "$app" | sed -n 's/^ *Data: *//p')
pass "$(sed 's/^\.deps\///; s/\/$//' "$work/wheels" | tr '\n' ' ')-> x86_64-linux and $target ($machine, $data), the latter identical to --target $pex_target"

run_foreign_elf "$qemu_arch"
export QEMU_LD_PREFIX=$FOREIGN_ROOT
mkdir -p "$work/foreign-bin"
ln -s "$foreign_python" "$work/foreign-bin/$python"
# Only the emulated interpreter on PATH while the apps run.
runs_like_pex "$work/foreign-bin" "$work/foreign-bin/$python" "$work/app.pex" "$app" "$program"
read -r seen _ <"$work/ref.out" || true
[[ $seen == "$arch"* ]] || { echo "pex on the emulated $python printed:" >&2; cat "$work/ref.out" >&2; exit 1; }
extracted_platform_tags >"$work/tags"
if [[ ! -s $work/tags ]] || grep -qv "_$arch\$" "$work/tags"; then
  echo "extracted wheels other than $arch's (or none):" >&2
  cat "$work/tags" >&2
  exit 1
fi
PEXRC_TOOLS=1 PATH=$work/foreign-bin run_case version "$app" version
grep -q " $target\$" "$work/version.out"
pass "$target under qemu-$qemu_arch: cold, warm and $python app.pexrc print '$(head -1 "$work/cold.out")' as pex does; extracted only $(tr '\n' ' ' <"$work/tags"); $(cat "$work/version.out")"
