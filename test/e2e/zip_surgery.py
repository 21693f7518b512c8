"""Makes broken archives for the bad-input tests (Python 3, stdlib only).

  zip_surgery.py replace-stored FILE NAME NEW_BYTES_FILE
      Overwrites a stored entry's data in place (same length) and fixes its
      CRC in both headers, so only the content is wrong, not the zip.
  zip_surgery.py rename FILE OLD NEW
      Renames an entry in place in both headers (names of equal length).
  zip_surgery.py rewrite-pex SRC DST NAME NEW_BYTES_FILE
      Copies a PEX (keeping its #! line) with one entry's content replaced.
"""
import struct
import sys
import zipfile
import zlib


def central_records(data):
    eocd = data.rindex(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack_from("<II", data, eocd + 12)
    prefix = eocd - cd_size - cd_offset
    pos = eocd - cd_size
    while pos < eocd:
        n, m, k = struct.unpack_from("<HHH", data, pos + 28)
        name = data[pos + 46 : pos + 46 + n]
        (local,) = struct.unpack_from("<I", data, pos + 42)
        yield pos, name, local + prefix
        pos += 46 + n + m + k


def replace_stored(path, name, new):
    data = bytearray(open(path, "rb").read())
    for cd, entry, local in central_records(bytes(data)):
        if entry == name.encode():
            n, m = struct.unpack_from("<HH", data, local + 26)
            start = local + 30 + n + m
            (size,) = struct.unpack_from("<I", data, local + 22)
            assert size == len(new), (size, len(new))
            data[start : start + size] = new
            crc = zlib.crc32(new) & 0xFFFFFFFF
            struct.pack_into("<I", data, local + 14, crc)
            struct.pack_into("<I", data, cd + 16, crc)
            open(path, "wb").write(data)
            return
    raise SystemExit("no entry " + name)


def rename(path, old, new):
    assert len(old) == len(new)
    data = bytearray(open(path, "rb").read())
    for cd, entry, local in central_records(bytes(data)):
        if entry == old.encode():
            data[cd + 46 : cd + 46 + len(old)] = new.encode()
            data[local + 30 : local + 30 + len(old)] = new.encode()
            open(path, "wb").write(data)
            return
    raise SystemExit("no entry " + old)


def rewrite_pex(src, dst, name, new):
    raw = open(src, "rb").read()
    shebang = raw[: raw.index(b"\n") + 1] if raw.startswith(b"#!") else b""
    with zipfile.ZipFile(src) as zin, open(dst, "wb") as out:
        out.write(shebang)
        with zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                zout.writestr(info, new if info.filename == name else zin.read(info))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "replace-stored":
        replace_stored(sys.argv[2], sys.argv[3], open(sys.argv[4], "rb").read())
    elif cmd == "rename":
        rename(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "rewrite-pex":
        rewrite_pex(sys.argv[2], sys.argv[3], sys.argv[4], open(sys.argv[5], "rb").read())
    else:
        raise SystemExit(__doc__)
