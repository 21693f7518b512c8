# Sourced after common.sh: run_foreign_elf QEMU_ARCH makes the kernel hand
# that CPU's ELF files to /usr/bin/qemu-QEMU_ARCH-static (qemu-user) until the
# test exits, through a binfmt_misc handler of the test's own, with the magic
# and mask Debian's qemu-user-static gives that CPU (/usr/share/binfmts/).
# Registering needs root; CI runs as root.
run_foreign_elf() {
  local arch=$1 binfmt=/proc/sys/fs/binfmt_misc
  local qemu=/usr/bin/qemu-$arch-static spec=/usr/share/binfmts/qemu-$arch
  local handler=pexrc-e2e-$arch magic mask
  [[ -x $qemu && -f $spec ]] || { echo "no $qemu or $spec (scripts/setup installs qemu-user-static)" >&2; return 1; }
  magic=$(sed -n 's/^magic //p' "$spec")
  mask=$(sed -n 's/^mask //p' "$spec")
  # Mounted where the kernel has it but nobody mounted it (containers, VMs).
  [[ -e $binfmt/register ]] || mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null || true
  if [[ ! -w $binfmt/register ]]; then
    echo "cannot register a binfmt handler ($binfmt/register not writable: run as root)" >&2
    return 1
  fi
  [[ ! -e $binfmt/$handler ]] || echo -1 >"$binfmt/$handler"
  # The magic and mask reach the kernel as \x.. text (echo, not printf: a NUL
  # would cut the magic and make every 64-bit program run under qemu). F: the
  # kernel opens qemu now, so it works in any mount namespace later.
  echo ":$handler:M::$magic:$mask:$qemu:F" >"$binfmt/register"
  at_exit "echo -1 >'$binfmt/$handler'"
  /bin/true  # the host's programs still run as themselves
}
