#!/bin/sh
# Unpacks Debian's arm64 CPython 3.11 and the libraries it loads into DEST, a
# root for qemu-aarch64 (QEMU_LD_PREFIX=DEST): the aarch64 launcher's tests run
# real arm64 Python there. Needs the arm64 architecture in apt (scripts/setup).
# usage: arm64_root.sh DEST
set -eu
dest=$(realpath -m "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
if ! apt-get download -q python3.11-minimal:arm64 libpython3.11-minimal:arm64 \
  libpython3.11-stdlib:arm64 libc6:arm64 zlib1g:arm64 libexpat1:arm64 libffi8:arm64 \
  libssl3:arm64 libbz2-1.0:arm64 liblzma5:arm64 libuuid1:arm64 >apt.log 2>&1; then
  cat apt.log >&2
  echo "arm64_root.sh: cannot download the arm64 packages (scripts/setup adds the arm64 architecture)" >&2
  exit 1
fi
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
for deb in ./*.deb; do dpkg-deb -x "$deb" "$dest.tmp"; done
rm -rf "$dest"
mv "$dest.tmp" "$dest"
