#!/bin/sh
# Builds the static libzstd a cross-built launcher (or injector) links, from
# Debian's source of the host's libzstd (1.5.4, the tarball checked against
# its pinned SHA-256), with CROSS_FILE's C compiler, into DEST:
#   DEST/lib/libzstd.a, DEST/include/*.h, DEST/pkgconfig/libzstd.pc and
#   DEST/cross.ini, a second cross file whose pkg-config path finds it first.
# Why not Debian's libzstd-dev:<arch>: bookworm has none for riscv64, and a
# multiarch install needs the exact host version for every architecture,
# which the archive does not always have (s390x lagged a security update).
# One recipe for every target keeps their launchers alike. Later calls reuse
# DEST; the tarball is kept beside it.
# usage: libzstd.sh CROSS_FILE DEST
set -eu
cross=$1 dest=$(realpath -m "$2")
version=1.5.4
tarball=libzstd_$version+dfsg2.orig.tar.xz
sha256=8cf4bbb65e77ec348d052c8d6230eba66d435bddf64c8b5be2fcb16880c19953
url=http://deb.debian.org/debian/pool/main/libz/libzstd/$tarball

[ -f "$dest/cross.ini" ] && exit 0
cc=$(sed -n "s/^c = '\(.*\)'\$/\1/p" "$cross")
ar=$(sed -n "s/^ar = '\(.*\)'\$/\1/p" "$cross")
triple=${cc%-gcc}
if [ -z "$cc" ] || [ -z "$ar" ]; then
  echo "libzstd.sh: no c = / ar = line in $cross" >&2
  exit 1
fi
command -v "$cc" >/dev/null || { echo "libzstd.sh: no $cc (scripts/setup installs the cross compilers)" >&2; exit 1; }

cache=$(dirname "$dest")/$tarball
if [ ! -f "$cache" ] || ! echo "$sha256  $cache" | sha256sum -c --status; then
  curl -sSf --retry 3 -o "$cache.part" "$url" ||
    { echo "libzstd.sh: cannot download $url" >&2; exit 1; }
  echo "$sha256  $cache.part" | sha256sum -c --status ||
    { echo "libzstd.sh: $url does not have the SHA-256 $sha256" >&2; rm -f "$cache.part"; exit 1; }
  mv "$cache.part" "$cache"
fi

rm -rf "$dest" "$dest.tmp"
mkdir -p "$dest.tmp/src" "$dest.tmp/lib" "$dest.tmp/include" "$dest.tmp/pkgconfig"
tar -xJf "$cache" -C "$dest.tmp/src" --strip-components=1
# Sections per function and datum, so the launcher's --gc-sections keeps
# only the decoder; no legacy (pre-2016) frame formats, which the injector
# never writes (launcher/link/zstd_without_legacy.cc refuses them on x86_64).
if ! make -C "$dest.tmp/src/lib" -j"$(nproc)" libzstd.a CC="$cc" AR="$ar" \
  CFLAGS="-O2 -ffunction-sections -fdata-sections" ZSTD_LEGACY_SUPPORT=0 \
  >"$dest.tmp/make.log" 2>&1; then
  cat "$dest.tmp/make.log" >&2
  echo "libzstd.sh: building libzstd for $triple failed" >&2
  exit 1
fi
cp "$dest.tmp/src/lib/libzstd.a" "$dest.tmp/lib/"
cp "$dest.tmp/src/lib/zstd.h" "$dest.tmp/src/lib/zstd_errors.h" "$dest.tmp/src/lib/zdict.h" \
  "$dest.tmp/include/"
rm -rf "$dest.tmp/src"
cat >"$dest.tmp/pkgconfig/libzstd.pc" <<EOF
Name: zstd
Description: libzstd $version for $triple, built by launcher/cross/libzstd.sh
Version: $version
Libs: -L$dest/lib -lzstd
Cflags: -I$dest/include
EOF
# The target's own multiarch directory stays on the path: the cross-built
# injector finds Boost and zlib there.
cat >"$dest.tmp/cross.ini" <<EOF
[properties]
pkg_config_libdir = ['$dest/pkgconfig', '/usr/lib/$triple/pkgconfig', '/usr/share/pkgconfig']
EOF
mv "$dest.tmp" "$dest"
