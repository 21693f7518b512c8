#!/bin/sh
# Cross-builds the launcher for another CPU: a second configuration of this
# same meson project, stub-only, with TARGET's cross file and the static
# libzstd libzstd.sh builds for it, in a directory of the main build tree;
# then copies the stripped stub to OUTPUT. A later call only rebuilds what
# changed. BUILD_DIR.log has the output, and the time the step took.
# usage: build.sh MESON SOURCE_DIR BUILD_DIR CROSS_FILE OUTPUT
set -eu
meson=$1
src=$(realpath "$2") build=$(realpath -m "$3") cross=$(realpath "$4") output=$(realpath -m "$5")
# Not from ninja's directory: meson setup runs `ninja -t restat` and
# `ninja -t cleandead` wherever it finds .ninja_deps in its working directory,
# which would rewrite the outer build's .ninja_log while that ninja runs (it
# then loses the record of every later step and reruns them next time).
cd /
log=$build.log
start=$(date +%s)
fail() {
  cat "$log" >&2
  echo "launcher/cross/build.sh: $1" >&2
  exit 1
}
"$src/launcher/cross/libzstd.sh" "$cross" "$build-zstd" >"$log" 2>&1 ||
  fail "no static libzstd for $(basename "$cross" .ini)"
# A configuration made with other files than these (an older build.sh) is
# made anew: meson would regenerate it with the old ones.
configured_with="$cross $build-zstd/cross.ini"
if [ ! -f "$build/build.ninja" ] || [ "$(cat "$build.files" 2>/dev/null)" != "$configured_with" ]; then
  rm -rf "$build" "$build.files"
  "$meson" setup --cross-file "$cross" --cross-file "$build-zstd/cross.ini" -Dstub_only=true \
    -Dbuildtype=release "$build" "$src" >>"$log" 2>&1 ||
    fail "configuring $build failed (scripts/setup installs the cross toolchain)"
  echo "$configured_with" >"$build.files"
fi
"$meson" compile -C "$build" launcher/pexrc-launcher >>"$log" 2>&1 || fail "building $build failed"
cp "$build/launcher/pexrc-launcher" "$output"
echo "launcher/cross/build.sh: $(basename "$output") in $(($(date +%s) - start)) s" >>"$log"
