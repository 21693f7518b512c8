"""Checks the manifests of every unit in a pexrc cache root, reading their
format on its own (docs/DESIGN.md, "Content hashes"): each wheel and code unit
has a .pexrc-unit whose SHA-256 is the unit's directory name and whose records
match the files on disk (kind, mode, size, digest); each .pexrc-bytecode-<tag>
marker lists .pyc files that are there as recorded.

  unit_manifests.py ROOT      prints "UNITS FILES LAYERS" or fails naming why
"""
import hashlib
import os
import stat
import struct
import sys

PIECE = 4 << 20
HEADER = b"pexrc-unit-1\n"


def file_digest(path):
    outer = hashlib.sha256()
    with open(path, "rb") as f:
        for piece in iter(lambda: f.read(PIECE), b""):
            outer.update(hashlib.sha256(piece).digest())
    return outer.digest()


def records(text, where):
    if not text.startswith(HEADER):
        sys.exit("%s: no pexrc-unit-1 header" % where)
    pos = len(HEADER)
    while pos < len(text):
        kind = text[pos:pos + 4]
        end = text.index(b"\0", pos + 4)
        path = text[pos + 4:end].decode("utf-8")
        pos = end + 1
        if kind == b"d755":
            yield kind, path, None, None
        elif kind in (b"f755", b"f644"):
            size, = struct.unpack("<Q", text[pos:pos + 8])
            yield kind, path, size, text[pos + 8:pos + 40]
            pos += 40
        else:
            sys.exit("%s: unknown record kind %r" % (where, kind))


def check(unit, text, where):
    files = 0
    for kind, path, size, digest in records(text, where):
        full = os.path.join(unit, path)
        st = os.lstat(full)
        if kind == b"d755":
            if not stat.S_ISDIR(st.st_mode):
                sys.exit("%s: %s is not a directory" % (where, path))
            continue
        files += 1
        executable = bool(st.st_mode & 0o111)
        if not stat.S_ISREG(st.st_mode) or st.st_size != size or executable != (kind == b"f755"):
            sys.exit("%s: %s is not the file recorded" % (where, path))
        if file_digest(full) != digest:
            sys.exit("%s: %s does not have the recorded content" % (where, path))
    return files


def main(root):
    units = files = layers = 0
    for kind in ("wheels", "code"):
        top = os.path.join(root, kind)
        for name in sorted(os.listdir(top)) if os.path.isdir(top) else []:
            unit = os.path.join(top, name)
            with open(os.path.join(unit, ".pexrc-unit"), "rb") as f:
                text = f.read()
            if hashlib.sha256(text).hexdigest() != name:
                sys.exit("%s: its manifest does not hash to its name" % unit)
            units += 1
            files += check(unit, text, unit)
            for marker in sorted(os.listdir(unit)):
                if marker.startswith(".pexrc-bytecode-"):
                    with open(os.path.join(unit, marker), "rb") as f:
                        layers += 1
                        files += check(unit, f.read(), os.path.join(unit, marker))
    print(units, files, layers)


if __name__ == "__main__":
    main(sys.argv[1])
