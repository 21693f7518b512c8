# pexrc-inject itself cross-built for aarch64, and this build's stub objects.
# 1. Each stub object of this build (embed_stub.sh) is an object for the
#    injector's CPU holding exactly its launcher in a read-only section, with
#    the _start/_end symbols, no _size symbol and a non-executable stack note.
# 2. The injector is configured for aarch64 (launcher/cross/aarch64-linux.ini
#    and libzstd.sh's static libzstd; static) in XBUILD, once; later runs
#    rebuild what changed. Its own launcher is built there; every other target's
#    is this build's (-Dprebuilt_launchers). Its aarch64 stub object passes
#    the checks of 1 for AArch64, and its launcher is this build's aarch64 one.
# 3. Under qemu-user it lists this build's targets with aarch64-linux as its
#    host, and it writes the same bytes for six.pex as this build's
#    pexrc-inject, for every target: both embed the same launchers and pipeline.
# usage: aarch64_injector.sh MESON SOURCE_DIR XBUILD_DIR [TARGET OBJECT LAUNCHER]...
# Needs PEXRC_INJECT, FIXTURES, LAUNCHER_TARGETS (test/e2e/meson.build).
source "$(dirname "$0")/../e2e/common.sh"
meson=$1 src=$2 xbuild=$3
shift 3

# scripts/setup installs all of these: a missing one is a failure, not a skip.
qemu=""
for q in /usr/bin/qemu-aarch64-static "$(command -v qemu-aarch64 || true)"; do
  [[ -n $q && -x $q ]] && { qemu=$q; break; }
done
[[ -n $qemu ]] || { echo "no qemu-aarch64 (scripts/setup installs qemu-user-static)" >&2; exit 1; }
for tool in aarch64-linux-gnu-g++ aarch64-linux-gnu-objcopy readelf objcopy file; do
  command -v "$tool" >/dev/null || { echo "no $tool (scripts/setup installs it)" >&2; exit 1; }
done

machine_of() { readelf -h "$1" | sed -n 's/^ *Machine: *//p'; }

# check_stub TARGET OBJECT LAUNCHER MACHINE OBJCOPY
check_stub() {
  local target=$1 obj=$2 launcher=$3 machine=$4 objcopy=$5
  local sym=pexrc_stub_${target//-/_}
  [[ $(machine_of "$obj") == "$machine" ]] ||
    { echo "$obj: not an object for $machine:" >&2; readelf -h "$obj" >&2; return 1; }
  readelf -SW "$obj" >"$work/sections"
  # Section flags: exactly A (allocated), neither W nor X.
  grep -qE '\] \.rodata +PROGBITS +[0-9a-f]+ [0-9a-f]+ [0-9a-f]+ [0-9a-f]+ +A ' "$work/sections" ||
    { echo "$obj: no read-only .rodata:" >&2; cat "$work/sections" >&2; return 1; }
  grep -qE '\] \.note\.GNU-stack +PROGBITS +[0-9a-f]+ [0-9a-f]+ 000000 [0-9a-f]+ +0 ' "$work/sections" ||
    { echo "$obj: no empty, flagless .note.GNU-stack:" >&2; cat "$work/sections" >&2; return 1; }
  readelf -sW "$obj" >"$work/symbols"
  local size start end
  size=$(stat -c %s "$launcher")
  start=$(awk -v s="${sym}_start" '$8 == s && $5 == "GLOBAL" {print $2}' "$work/symbols")
  end=$(awk -v s="${sym}_end" '$8 == s && $5 == "GLOBAL" {print $2}' "$work/symbols")
  if [[ -z $start || -z $end ]] || ((16#$end - 16#$start != size)); then
    echo "$obj: ${sym}_start/_end missing or not $size bytes apart:" >&2
    cat "$work/symbols" >&2
    return 1
  fi
  if grep -q _size "$work/symbols"; then
    echo "$obj: has a _size symbol:" >&2; cat "$work/symbols" >&2; return 1
  fi
  "$objcopy" -O binary --only-section=.rodata "$obj" "$work/rodata"
  cmp "$work/rodata" "$launcher" || { echo "$obj: .rodata is not $launcher" >&2; return 1; }
  pass "$(basename "$obj"): $machine, read-only .rodata of $size bytes = $(basename "$launcher"), ${sym}_start/_end, .note.GNU-stack"
}

host_machine=$(machine_of "$PEXRC_INJECT")
(($# % 3 == 0 && $# > 0)) || { echo "usage: no TARGET OBJECT LAUNCHER triples" >&2; exit 1; }
declare -A launcher_of
while (($#)); do
  check_stub "$1" "$2" "$3" "$host_machine" objcopy
  launcher_of[$1]=$3
  shift 3
done
"$PEXRC_INJECT" --list-targets >"$work/host-targets"
[[ -n $LAUNCHER_TARGETS ]]
for target in $LAUNCHER_TARGETS; do
  grep -qE "^$target( |\$)" "$work/host-targets" ||
    { echo "this build's pexrc-inject does not list $target:" >&2; cat "$work/host-targets" >&2; exit 1; }
done
pass "this build's pexrc-inject lists $(cut -d' ' -f1 "$work/host-targets" | tr '\n' ' ')"

# The wheel's settings (pyproject.toml): static, so qemu needs no arm64 root,
# and zlib for deflate because Debian ships no static ISA-L. The other
# targets' launchers are this build's, named by target.
start=$SECONDS how=rebuilt
mkdir -p "$xbuild-launchers"
for target in "${!launcher_of[@]}"; do
  ln -sfn "$(realpath "${launcher_of[$target]}")" "$xbuild-launchers/pexrc-launcher-$target"
done
cross=$src/launcher/cross/aarch64-linux.ini
"$src/launcher/cross/libzstd.sh" "$cross" "$xbuild-zstd"
if [[ ! -f $xbuild/build.ninja || $(cat "$xbuild.files" 2>/dev/null) != "$cross $LAUNCHER_TARGETS" ]]; then
  how="configured and built"
  rm -rf "$xbuild"
  targets=$(tr ' ' ',' <<<"$LAUNCHER_TARGETS")
  "$meson" setup --cross-file "$cross" --cross-file "$xbuild-zstd/cross.ini" -Dbuildtype=release \
    -Dstatic_injector=true -Disal=disabled -Dtests=false -Dlauncher_targets="$targets" \
    -Dprebuilt_launchers="$xbuild-launchers" "$xbuild" "$src" >"$work/setup.log" 2>&1 ||
    { cat "$work/setup.log" >&2; echo "configuring $xbuild failed (scripts/setup installs the arm64 libraries)" >&2; exit 1; }
  echo "$cross $LAUNCHER_TARGETS" >"$xbuild.files"
fi
"$meson" compile -C "$xbuild" injector/pexrc-inject >"$work/compile.log" 2>&1 ||
  { cat "$work/compile.log" >&2; exit 1; }
xinject=$xbuild/injector/pexrc-inject
xlauncher=$xbuild/launcher/pexrc-launcher
pass "pexrc-inject for aarch64 $how in $((SECONDS - start)) s ($xbuild)"

file -b "$xinject" | grep -q 'ARM aarch64' || { echo "$xinject: $(file -b "$xinject")" >&2; exit 1; }
check_stub aarch64-linux "$xbuild/injector/stub-aarch64-linux.o" "$xlauncher" AArch64 aarch64-linux-gnu-objcopy

"$qemu" "$xinject" --list-targets >"$work/cross-targets"
sed 's/ (host)//' "$work/host-targets" | awk '{print $1, $2}' >"$work/host-sizes"
sed 's/ (host)//' "$work/cross-targets" | awk '{print $1, $2}' >"$work/cross-sizes"
if ! grep -q '^aarch64-linux (host) ' "$work/cross-targets" || ! cmp -s "$work/host-sizes" "$work/cross-sizes"; then
  echo "the aarch64 pexrc-inject lists, under $qemu:" >&2
  cat "$work/cross-targets" >&2
  exit 1
fi
pass "under $(basename "$qemu"): $(file -b "$xinject" | cut -d, -f1-2) lists $(awk '{print $1, ($2 == "(host)" ? "(host)" : "")}' "$work/cross-targets" | tr '\n' ' ')with this build's launcher sizes"

# The same launchers in both (same compiler, sources and flags), so the same output.
[[ -n ${launcher_of[aarch64-linux]:-} ]] || { echo "this build has no aarch64-linux launcher" >&2; exit 1; }
cmp "$xlauncher" "${launcher_of[aarch64-linux]}"
for target in $LAUNCHER_TARGETS; do
  options=(--no-compile --no-config -q --target "$target" "$FIXTURES/six.pex")
  "$qemu" "$xinject" "${options[@]}" -o "$work/cross.$target.pexrc"
  "$PEXRC_INJECT" "${options[@]}" -o "$work/host.$target.pexrc"
  cmp "$work/cross.$target.pexrc" "$work/host.$target.pexrc"
done
cmp -n "$(stat -c %s "$xlauncher")" "$work/cross.aarch64-linux.pexrc" "$xlauncher"
pass "six.pex injected under qemu for $LAUNCHER_TARGETS: identical to this build's pexrc-inject output"
