# pexrc-inject's bytecode compiler, run by each interpreter it compiles for
# (CPython or PyPy 3.7+) as `python -s -S -c <this>` with PYTHONHASHSEED=0,
# so that sets of constants marshal in the same order on every run.
#
# Requests on stdin, one after another: u32 name length, name (the source's
# path inside its cache unit, which becomes co_filename until the import
# system points it at the extracted file), u32 source length, source bytes.
# Each answer on stdout: u32 length, then that many bytes of an
# unchecked-hash .pyc (PEP 552): the cache never changes a file it has
# published, so an import need not check the source. Length 0 means the
# source does not compile here (a template, or code for another version),
# which is skipped as pip skips it. The first answer, before any request, is
# this interpreter's cache tag.
import importlib.util
import marshal
import struct
import sys

UNCHECKED_HASH = 1  # PEP 552 flags: hash-based, check_source off

stdin = sys.stdin.buffer
stdout = sys.stdout.buffer


def read_exactly(size):
    data = stdin.read(size)
    if len(data) != size:
        raise EOFError
    return data


def read_field():
    (size,) = struct.unpack("<I", read_exactly(4))
    return read_exactly(size)


def answer(data):
    stdout.write(struct.pack("<I", len(data)))
    stdout.write(data)
    stdout.flush()


def pyc_of(name, source):
    try:
        code = compile(source, name, "exec", dont_inherit=True, optimize=0)
    except Exception:
        # SyntaxError, ValueError (a NUL byte), RecursionError, ...
        return b""
    return b"".join([
        importlib.util.MAGIC_NUMBER,
        struct.pack("<I", UNCHECKED_HASH),
        importlib.util.source_hash(source),
        marshal.dumps(code),
    ])


def main():
    answer(sys.implementation.cache_tag.encode("ascii"))
    while True:
        try:
            name = read_field().decode("utf-8", "surrogateescape")
        except EOFError:
            return
        answer(pyc_of(name, read_field()))


main()
