# Targets inferred from the wheels or refused,
# --list-targets, pex's spellings as aliases, {target} in -o.
source "$(dirname "$0")/common.sh"

"$PEXRC_INJECT" --list-targets >"$work/list"
grep -qx "x86_64-linux (host) *$(stat -c %s "$PEXRC_LAUNCHER") bytes  aliases: x86_64-linux-gnu, x86_64-linux-musl" "$work/list"
# The other launchers are there when the build has them (-Dlauncher_targets;
# the sanitizer build leaves them out), and then only, under pex's names too.
declare -A aliases=(
  [aarch64-linux]="aarch64-linux-gnu, aarch64-linux-musl" [armv7-linux]="armv7-linux-gnueabihf"
  [powerpc64le-linux]="powerpc64le-linux-gnu" [s390x-linux]="s390x-linux-gnu"
  [riscv64-linux]="riscv64gc-linux-gnu")
for target in "${!aliases[@]}"; do
  if [[ " $LAUNCHER_TARGETS " == *" $target "* ]]; then
    grep -qE "^$target +[0-9]+ bytes  aliases: ${aliases[$target]}\$" "$work/list"
  else
    [[ $(grep -c "^$target" "$work/list") == 0 ]]
  fi
done
[[ $(wc -l <"$work/list") == $(wc -w <<<"$LAUNCHER_TARGETS") ]]
aarch64=0
[[ " $LAUNCHER_TARGETS " == *" aarch64-linux "* ]] && aarch64=1
pass "--list-targets: $(tr '\n' ';' <"$work/list")"

# Pure Python: the host's launcher only, under the usual name.
inject "$FIXTURES/cowsay.pex" -o "$work/cowsay.pexrc"
readelf -h "$work/cowsay.pexrc" | grep -q 'Machine:.*X86-64'
[[ $(grep -c '^pexrc-inject: wrote' "$work/inject.err") == 1 ]]
pass "pure-Python PEX: one file for the host"

# Aliases give the same bytes; several targets need {target} in -o.
inject "$FIXTURES/cowsay.pex" --target x86_64-linux-musl -o "$work/alias.pexrc"
cmp "$work/cowsay.pexrc" "$work/alias.pexrc"
if ((aarch64)); then
  inject "$FIXTURES/cowsay.pex" --target x86_64-linux --target aarch64-linux -o "$work/{target}-cowsay"
  ls "$work/x86_64-linux-cowsay" "$work/aarch64-linux-cowsay" >/dev/null
  cmp "$work/cowsay.pexrc" "$work/x86_64-linux-cowsay"
  run_case one-name "$PEXRC_INJECT" "$FIXTURES/cowsay.pex" --target x86_64-linux \
    --target aarch64-linux -o "$work/one.pexrc"
  [[ $(cat "$work/one-name.rc") == 64 ]]
  grep -q '{target}' "$work/one-name.err"
  [[ ! -e $work/one.pexrc ]]
else
  echo "skip - two targets in one run: this build has no aarch64-linux launcher"
fi
run_case unknown "$PEXRC_INJECT" "$FIXTURES/cowsay.pex" --target mips64-linux
[[ $(cat "$work/unknown.rc") == 64 ]]
grep -q 'list-targets' "$work/unknown.err"
pass "aliases, {target} in -o, one -o for two targets and unknown targets refused"

# Only macOS wheels: refused naming them; written with --target and one warning.
"$PEX_TOOL" pyyaml==6.0.2 --platform macosx_11_0_arm64-cp-311-cp311 -o "$work/mac.pex" >/dev/null
run_case mac "$PEXRC_INJECT" "$work/mac.pex" -o "$work/mac.pexrc"
[[ $(cat "$work/mac.rc") == 69 && $(wc -l <"$work/mac.err") == 1 ]]
grep -q 'PyYAML-6.0.2-cp311-cp311-macosx_11_0_arm64.whl' "$work/mac.err"
[[ ! -e $work/mac.pexrc ]]
run_case mac-forced "$PEXRC_INJECT" "$work/mac.pex" --target x86_64-linux -o "$work/mac.pexrc"
[[ $(cat "$work/mac-forced.rc") == 0 && -x $work/mac.pexrc ]]
[[ $(grep -c '^pexrc-inject: warning: .*x86_64-linux launcher cannot use PyYAML-6.0.2-cp311-cp311-macosx_11_0_arm64.whl' "$work/mac-forced.err") == 1 ]]
pass "macOS-only wheels: $(cat "$work/mac.err"); forced: $(grep warning "$work/mac-forced.err")"

# Wheels for three architectures (MarkupSafe's manylinux wheels of x86_64,
# armv7l and ppc64le): three files, each the bytes of a one-target run.
if [[ " $LAUNCHER_TARGETS " == *" armv7-linux "* && " $LAUNCHER_TARGETS " == *" powerpc64le-linux "* ]]; then
  "$PEX_TOOL" markupsafe==3.0.4 --platform manylinux2014_x86_64-cp-311-cp311 \
    --platform manylinux2014_armv7l-cp-311-cp311 --platform manylinux2014_ppc64le-cp-311-cp311 \
    -o "$work/three.pex" >/dev/null
  inject "$work/three.pex"
  [[ $(grep -c '^pexrc-inject: wrote' "$work/inject.err") == 3 ]]
  declare -A machine=([x86_64-linux]=X86-64 [armv7-linux]=ARM [powerpc64le-linux]=PowerPC64)
  for target in x86_64-linux armv7-linux powerpc64le-linux; do
    readelf -h "$work/three.$target.pexrc" | grep -q "Machine:.* ${machine[$target]}\$"
    inject "$work/three.pex" --target "$target" -o "$work/one.$target.pexrc"
    cmp "$work/three.$target.pexrc" "$work/one.$target.pexrc"
  done
  pass "wheels for x86_64, armv7l and ppc64le: $(cd "$work" && echo three.*.pexrc) each identical to its one-target run"
else
  echo "skip - three architectures: this build lacks the armv7-linux or powerpc64le-linux launcher"
fi
