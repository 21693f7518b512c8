# One injection of a PEX with manylinux
# wheels for x86_64 and aarch64 writes a file per target, byte-reproducible
# whatever --jobs; each runs on its architecture and extracts only its own
# wheel. The aarch64 one runs for real under qemu-user (a binfmt handler this
# test registers and removes) on Debian's arm64 CPython 3.11, against pex's
# own runtime on that interpreter: cold, warm and `python app.pexrc`.
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/qemu_binfmt.sh"
[[ -x $ARM64_ROOT/usr/bin/python3.11 ]] || { echo "no arm64 CPython under $ARM64_ROOT" >&2; exit 1; }
py311=$(find_python 3.11)

"$PEX_TOOL" pyyaml==6.0.2 --platform manylinux2014_x86_64-cp-311-cp311 \
  --platform manylinux2014_aarch64-cp-311-cp311 -o "$work/yaml.pex" >/dev/null
unzip -Z1 "$work/yaml.pex" | grep -E '^\.deps/PyYAML-[^/]*/$' >"$work/wheels"
grep -q x86_64 "$work/wheels"
grep -q aarch64 "$work/wheels"

# No --target: both launchers, from the wheels' platform tags.
inject "$work/yaml.pex"
x86=$work/yaml.x86_64-linux.pexrc arm=$work/yaml.aarch64-linux.pexrc
[[ -x $x86 && -x $arm ]]
readelf -h "$x86" | grep -q 'Machine:.*X86-64'
readelf -h "$arm" | grep -q 'Machine:.*AArch64'
[[ $(grep -c '^pexrc-inject: wrote' "$work/inject.err") == 2 ]]
pass "no --target: $(cd "$work" && echo yaml.*.pexrc)"

# Reproducible per target whatever --jobs, and the same bytes as a one-target run.
inject "$work/yaml.pex" -j 1 -o "$work/j1.{target}.pexrc"
cmp "$x86" "$work/j1.x86_64-linux.pexrc"
cmp "$arm" "$work/j1.aarch64-linux.pexrc"
inject "$work/yaml.pex" --target aarch64-linux-gnu -o "$work/only-arm.pexrc"
cmp "$arm" "$work/only-arm.pexrc"
"$ARCHIVE_DIGEST" "$x86" >"$work/x86.digest"
"$ARCHIVE_DIGEST" "$arm" >"$work/arm.digest"
cmp "$work/x86.digest" "$work/arm.digest"
pass "byte-identical with -j 1 and as a single target; both payloads read back alike"

program='import platform, yaml; print(platform.machine(), yaml.__with_libyaml__, yaml.dump({"a": [1, 2]}).strip())'
wheel_tag() { grep -h '^Tag:' "$PEXRC_ROOT"/wheels/*/PyYAML-6.0.2.dist-info/WHEEL | sort -u; }

use_pythons 3.11
run_case x86-ref "$py311" "$work/yaml.pex" -c "$program"
run_case x86-rc "$x86" -c "$program"
same_as x86-ref x86-rc
grep -q '^x86_64 True' "$work/x86-rc.out"
[[ $(ls -d "$PEXRC_ROOT"/wheels/*/PyYAML-6.0.2.dist-info | wc -l) == 1 ]]
wheel_tag | grep -q x86_64
if wheel_tag | grep -q aarch64; then echo "extracted a aarch64 wheel too" >&2; exit 1; fi
pass "x86_64: $(head -1 "$work/x86-rc.out"), extracted only $(wheel_tag | tr '\n' ' ')"

# aarch64: the kernel hands arm64 ELF files to qemu until the test ends.
run_foreign_elf aarch64

export QEMU_LD_PREFIX=$ARM64_ROOT
mkdir -p "$work/arm-bin"
ln -sf "$ARM64_ROOT/usr/bin/python3.11" "$work/arm-bin/python3.11"
arm_py=$work/arm-bin/python3.11
PATH="$work/arm-bin" "$arm_py" -c 'import platform; assert platform.machine() == "aarch64"'
runs_like_pex "$work/arm-bin" "$arm_py" "$work/yaml.pex" "$arm" "$program"
grep -q '^aarch64 True' "$work/ref.out" || { cat "$work/ref.out" >&2; exit 1; }
[[ $(ls -d "$PEXRC_ROOT"/wheels/*/PyYAML-6.0.2.dist-info | wc -l) == 1 ]]
wheel_tag | grep -q aarch64
if wheel_tag | grep -q x86_64; then echo "extracted a x86_64 wheel too" >&2; exit 1; fi
pass "aarch64 under qemu: cold, warm and python app.pexrc print '$(head -1 "$work/cold.out")' as pex does; extracted only $(wheel_tag | tr '\n' ' ')"
