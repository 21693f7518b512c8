"""Makes broken archives for the bad-input tests (Python 3, stdlib only).

  zip_surgery.py replace-stored FILE NAME NEW_BYTES_FILE
      Overwrites a stored entry's data in place (same length) and fixes its
      CRC in both headers, so only the content is wrong, not the zip.
  zip_surgery.py rename FILE OLD NEW
      Renames an entry in place in both headers (names of equal length);
      \\xNN in NEW stands for that byte, so NEW may hold what argv cannot.
  zip_surgery.py rewrite-pex SRC DST NAME NEW_BYTES_FILE
      Copies a PEX (keeping its #! line) with one entry's content replaced.
  zip_surgery.py flip-byte FILE NAME
      Inverts the middle byte of an entry's (compressed) data, headers intact.
  zip_surgery.py shift-local FILE NAME
      Points NAME's central-directory record one byte past its local header.
  zip_surgery.py bzip2-entry SRC DST NAME
      Copies a PEX with one entry compressed with bzip2 (method 12).
  zip_surgery.py add-copy SRC DST NAME NEW_NAME
      Copies a PEX and appends NAME's data once more as NEW_NAME (which may
      repeat a name that is there already).
"""
import struct
import sys
import warnings
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
    new = new.encode().decode("unicode_escape").encode("latin-1")
    assert len(old.encode()) == len(new), (old, new)
    data = bytearray(open(path, "rb").read())
    for cd, entry, local in central_records(bytes(data)):
        if entry == old.encode():
            data[cd + 46 : cd + 46 + len(new)] = new
            data[local + 30 : local + 30 + len(new)] = new
            open(path, "wb").write(data)
            return
    raise SystemExit("no entry " + old)


def flip_byte(path, name):
    data = bytearray(open(path, "rb").read())
    for cd, entry, local in central_records(bytes(data)):
        if entry == name.encode():
            n, m = struct.unpack_from("<HH", data, local + 26)
            (size,) = struct.unpack_from("<I", data, cd + 20)
            assert size > 0
            data[local + 30 + n + m + size // 2] ^= 0xFF
            open(path, "wb").write(data)
            return
    raise SystemExit("no entry " + name)


def shift_local(path, name):
    data = bytearray(open(path, "rb").read())
    for cd, entry, local in central_records(bytes(data)):
        if entry == name.encode():
            (offset,) = struct.unpack_from("<I", data, cd + 42)
            struct.pack_into("<I", data, cd + 42, offset + 1)
            open(path, "wb").write(data)
            return
    raise SystemExit("no entry " + name)


def copy_pex(src, dst, name, new=None, method=None, extra_name=None):
    raw = open(src, "rb").read()
    shebang = raw[: raw.index(b"\n") + 1] if raw.startswith(b"#!") else b""
    with zipfile.ZipFile(src) as zin, open(dst, "wb") as out:
        out.write(shebang)
        with zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename == name:
                    data = data if new is None else new
                    info.compress_type = info.compress_type if method is None else method
                zout.writestr(info, data)
            if extra_name is not None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # "Duplicate name" is the point
                    zout.writestr(extra_name, zin.read(name))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "replace-stored":
        replace_stored(sys.argv[2], sys.argv[3], open(sys.argv[4], "rb").read())
    elif cmd == "rename":
        rename(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "rewrite-pex":
        copy_pex(sys.argv[2], sys.argv[3], sys.argv[4], new=open(sys.argv[5], "rb").read())
    elif cmd == "flip-byte":
        flip_byte(sys.argv[2], sys.argv[3])
    elif cmd == "shift-local":
        shift_local(sys.argv[2], sys.argv[3])
    elif cmd == "add-copy":
        copy_pex(sys.argv[2], sys.argv[3], sys.argv[4], extra_name=sys.argv[5])
    elif cmd == "bzip2-entry":
        copy_pex(sys.argv[2], sys.argv[3], sys.argv[4], method=zipfile.ZIP_BZIP2)
    else:
        raise SystemExit(__doc__)
