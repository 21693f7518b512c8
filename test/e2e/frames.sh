# One 300 MB file, stored as 4 MiB zstd frames with a
# frame table, is decoded frame by frame by several workers into one file,
# which comes out intact; libarchive (which ignores the table) reads it too.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
mkdir -p "$work/src"
# Compressible but not uniform: every MiB carries its own index. The size is
# not a multiple of 4 MiB: libarchive 3.6.2 reports "Truncated zstd file
# body" for zstd entries of exactly N x 4 MiB, although `zstd -t` accepts
# their data and our reader decodes it.
python3.11 - "$work/src/blob.bin" <<'EOF'
import struct, sys
block = bytes(range(256)) * 4096
with open(sys.argv[1], "wb") as f:
    for i in range(300):
        f.write(block[:1000] + struct.pack("<I", i) + block[1004:])
    f.write(b"end" * 1000)
EOF
cat >"$work/src/checkblob.py" <<'EOF'
import hashlib, os
def main():
    h = hashlib.sha256()
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "blob.bin"), "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    print(h.hexdigest(), os.path.getsize(f.name))
EOF
want="$(sha256sum "$work/src/blob.bin" | cut -d' ' -f1) $(stat -c %s "$work/src/blob.bin")"
"$PEX_TOOL" -D "$work/src" -e checkblob:main -o "$work/big.pex"
rm -rf "$work/src"
inject --no-compile "$work/big.pex" -o "$work/big.pexrc"

# The central directory holds a frame table of 75 frames for blob.bin.
python3.11 - "$work/big.pexrc" <<'EOF'
import struct, sys, zipfile
info = zipfile.ZipFile(sys.argv[1]).getinfo("blob.bin")
extra, tables = info.extra, []
while len(extra) >= 4:
    kind, size = struct.unpack("<HH", extra[:4])
    if kind == 0x7A73:
        tables.append(struct.unpack("<%dI" % (size // 4), extra[4:4 + size]))
    extra = extra[4 + size:]
assert len(tables) == 1, info.extra
span, sizes = tables[0][0], tables[0][1:]
assert span == 4 << 20 and len(sizes) == 76 and sum(sizes) == info.compress_size, (span, len(sizes))
EOF
# verify decodes it frame by frame, as extraction does; one frame flipped is
# named with the frame's error.
"$PEXRC_INJECT" verify "$work/big.pexrc" | grep -q "^ok: .* 1 content hashes match"
cp "$work/big.pexrc" "$work/flipped.pexrc"
surgery flip-byte "$work/flipped.pexrc" blob.bin
refused verify-flipped-frame 65 "flipped\\.pexrc: blob\\.bin: " "$PEXRC_INJECT" verify "$work/flipped.pexrc"
# Run, the bad frame ends the extraction, and so does the worker waiting for
# that frame's turn to write: a refusal, never a hang; nothing cached.
rm -rf "$PEXRC_ROOT"
refused run-flipped-frame 65 "flipped\\.pexrc: blob\\.bin: zstd: Data corruption detected$" \
  timeout 120 "$work/flipped.pexrc"
cached=$(find "$PEXRC_ROOT" -name blob.bin)
[[ -z $cached ]]
rm "$work/flipped.pexrc"

PEX_VERBOSE=1 run_case cold "$work/big.pexrc"
[[ $(cat "$work/cold.out") == "$want" ]]
grep -E "extracting 1 item\(s\), 2 files, [0-9]+ bytes in 2 units \(1 framed\) on" "$work/cold.err"
run_case warm "$work/big.pexrc"
[[ $(cat "$work/warm.out") == "$want" ]]
pass "a 300 MB file in 76 frames (one framed unit) extracts intact: $want"

# One worker only: the same result, frame after frame.
rm -rf "$PEXRC_ROOT"
run_case one_cpu taskset -c 0 "$work/big.pexrc"
[[ $(cat "$work/one_cpu.out") == "$want" ]]
pass "the same on one CPU"

# libarchive reads the frames as one stream, ignoring the table.
"$ARCHIVE_DIGEST" "$work/big.pexrc" | grep -q ' blob.bin$'
pass "libarchive reads blob.bin from the .pexrc"

# The first-run line: on a terminal only, and only when extraction outlasts
# about a second; never on a pipe.
rm -rf "$PEXRC_ROOT"
first_run_line_on_tty big.pexrc '300\.0 MiB' taskset -c 0 "$work/big.pexrc"
rm -rf "$PEXRC_ROOT"
run_case piped taskset -c 0 "$work/big.pexrc"
[[ $(cat "$work/piped.rc") == 0 ]]
[[ $(cat "$work/piped.out") == "$want" ]]
expect_fails grep -q "first run of" "$work/piped.err"
pass "first-run line on a terminal as the extraction time says; never on a pipe"
