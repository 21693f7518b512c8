"""Turns a text file into a C++ source defining `const char NAME[]` in namespace
pexrc, so Python programs live as real .py files and ship inside the binaries.

  embed_text.py INPUT OUTPUT NAME [--python-c]

--python-c embeds, instead of the text, a one-line program for `python -c`
that inflates the zlib-compressed text and runs it: the launcher stub, which
is copied into every .pexrc, then carries a third of the bytes, and Python
(2.7 as 3.x) does the inflating.
"""
import base64
import sys
import zlib

DELIMITER = "PEXRC_EMBED"


def python_c(text, label):
    packed = base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")
    return ('import zlib, base64; exec(compile(zlib.decompress(base64.b64decode("%s")), "%s", "exec"))'
            % (packed, label))


def main(source, output, name, mode=None):
    with open(source, encoding="utf-8") as f:
        text = f.read()
    if mode == "--python-c":
        text = python_c(text, "<pexrc: %s>" % source.replace("\\", "/").split("/")[-1])
    elif mode is not None:
        sys.exit(__doc__)
    if ")" + DELIMITER + '"' in text:
        sys.exit("%s: contains the raw-string delimiter %s" % (source, DELIMITER))
    with open(output, "w", encoding="utf-8") as f:
        f.write("// Generated from %s by embed_text.py: edit that file, not this one.\n" % source)
        f.write("namespace pexrc {\nextern const char %s[];\n" % name)
        f.write('const char %s[] = R"%s(%s)%s";\n}  // namespace pexrc\n' % (name, DELIMITER, text, DELIMITER))


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
