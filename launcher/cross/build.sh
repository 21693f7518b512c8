#!/bin/sh
# Cross-builds the launcher for another CPU: a second configuration of this
# same meson project, stub-only, with TARGET's cross file, in a directory of
# the main build tree; then copies the stripped stub to OUTPUT. A later call
# only rebuilds what changed.
# usage: build.sh MESON SOURCE_DIR BUILD_DIR CROSS_FILE OUTPUT
set -eu
meson=$1 src=$2 build=$3 cross=$4 output=$5
log=$build.log
if [ ! -f "$build/build.ninja" ]; then
  rm -rf "$build"
  if ! "$meson" setup --cross-file "$cross" -Dstub_only=true -Dbuildtype=release \
    "$build" "$src" >"$log" 2>&1; then
    cat "$log" >&2
    echo "launcher/cross/build.sh: configuring $build failed (scripts/setup installs the cross toolchain)" >&2
    exit 1
  fi
fi
if ! "$meson" compile -C "$build" launcher/pexrc-launcher >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
cp "$build/launcher/pexrc-launcher" "$output"
