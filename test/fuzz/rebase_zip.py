"""Fuzz seed helper: copies the zip inside a .pexrc (or .pex) without the bytes
in front of it (the launcher stub, the #! line), its offsets rebased to match,
so that a seed is the few kilobytes of zip the reader parses rather than a
megabyte of launcher that mutations would mostly land in.

    rebase_zip.py [--prefix TEXT] [--zip64] IN OUT

--prefix puts TEXT back in front, uncounted by the offsets: the other way
ZipReader measures prepended bytes. --zip64 writes the same archive in its
zip64 form (zip64 extra fields for every size and offset, zip64 end record and
locator), which pexrc-inject only writes past 4 GiB or 65,535 entries.
Small archives only: the input must not be zip64 itself.
"""
import argparse
import struct

MAX32 = 0xFFFFFFFF


def read_records(data, src):
    eocd = data.rfind(b"PK\x05\x06")
    if eocd < 0:
        raise ValueError(f"{src}: no end of central directory record")
    count, cd_size, cd_offset = struct.unpack_from("<HII", data, eocd + 10)
    cd_start = eocd - cd_size
    base = cd_start - cd_offset  # where the archive's offset 0 lies in the file
    records, pos = [], cd_start
    for _ in range(count):
        if data[pos:pos + 4] != b"PK\x01\x02":
            raise ValueError(f"{src}: bad central directory record")
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        end = pos + 46 + name_len + extra_len + comment_len
        record = bytearray(data[pos:end])
        if MAX32 in struct.unpack_from("<II", record, 20) + struct.unpack_from("<I", record, 42):
            raise ValueError(f"{src}: already zip64")
        records.append(record)
        pos = end
    return base, cd_start, records


def to_zip64(record):
    # APPNOTE 4.5.3: the saturated fields' values, uncompressed size first.
    compressed, uncompressed = struct.unpack_from("<II", record, 20)
    (offset,) = struct.unpack_from("<I", record, 42)
    name_len, extra_len = struct.unpack_from("<HH", record, 28)
    extra = struct.pack("<HHQQQ", 0x0001, 24, uncompressed, compressed, offset)
    struct.pack_into("<II", record, 20, MAX32, MAX32)
    struct.pack_into("<I", record, 42, MAX32)
    struct.pack_into("<H", record, 30, extra_len + len(extra))
    cut = 46 + name_len
    return record[:cut] + extra + record[cut:]


def rebase(data, prefix=b"", zip64=False, name="input"):
    """The archive in `data` without what precedes it, behind `prefix`."""
    base, cd_start, records = read_records(data, name)
    offsets = [struct.unpack_from("<I", r, 42)[0] for r in records]
    first = base + min(offsets, default=cd_start - base)

    out = bytearray(data[first:cd_start])
    directory = bytearray()
    for record, offset in zip(records, offsets):
        struct.pack_into("<I", record, 42, base + offset - first)
        directory += to_zip64(record) if zip64 else record
    cd_offset = len(out)
    out += directory
    if zip64:
        end_offset = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(records),
                           len(records), len(directory), cd_offset)
        out += struct.pack("<IIQI", 0x07064B50, 0, end_offset, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, MAX32, MAX32, 0)
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(records), len(records),
                           len(directory), cd_offset, 0)
    return prefix + bytes(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", default="")
    parser.add_argument("--zip64", action="store_true")
    parser.add_argument("src")
    parser.add_argument("dst")
    args = parser.parse_args()
    data = open(args.src, "rb").read()
    out = rebase(data, args.prefix.encode(), args.zip64, args.src)
    open(args.dst, "wb").write(out)


if __name__ == "__main__":
    main()
