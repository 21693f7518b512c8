# What every tool shares: the launcher's facts about this run (CONTEXT), the
# PEX-INFO as stored, pex's way of reporting failures, and output helpers.
import json
import os
from collections import OrderedDict

def _with_paths(pairs):
    # A path that is not UTF-8 comes as {"hex": "<its bytes>"}
    # (common/json_path.h): here it becomes the str Python itself would use
    # for it (PEP 383), or bytes on Python 2.
    if len(pairs) == 1 and pairs[0][0] == "hex" and isinstance(pairs[0][1], type(u"")):
        import binascii

        raw = binascii.unhexlify(pairs[0][1].encode("ascii"))
        return os.fsdecode(raw) if hasattr(os, "fsdecode") else raw
    return OrderedDict(pairs)


def _read_context():
    # The launcher's facts, in a memory file it leaves open for this process.
    with os.fdopen(int(os.environ.pop("PEXRC_TOOLS_CONTEXT_FD")), "r") as f:
        return json.load(f, object_pairs_hook=_with_paths)


CONTEXT = _read_context()
# PEX-INFO as stored, its keys in their order (pex prints them so).
PEX_INFO = json.loads(CONTEXT["pex_info"], object_pairs_hook=OrderedDict)


class ToolError(Exception):
    """A failure reported as pex reports it: the message alone, exit status 1."""


def app_units():
    """(code dirs, [(wheel file, chroot dir)]) of the app's cache units, as
    the runtime venv's manifest names them, in its order."""
    with open(CONTEXT["venv_manifest"]) as f:
        manifest = json.load(f, object_pairs_hook=_with_paths)
    code, wheels = [], []
    for unit in manifest["units"]:
        path = os.path.join(CONTEXT["pex_root"], unit["dir"])
        if unit["dir"].startswith("wheels/"):
            wheels.append((unit["name"], path))
        else:
            code.append(path)
    return code, wheels


def record_hash(data):
    """A RECORD file's hash field for these bytes."""
    import base64
    import hashlib
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def display_path(path):
    # As pex names the PEX in usage lines: relative to the working directory
    # when it lies below it ("./" in front when a bare name would not run),
    # else by its name when its directory is on PATH, else in full.
    cwd = os.getcwd()
    path_dirs = [os.path.realpath(d or ".") for d in os.environ.get("PATH", "").split(os.pathsep)]
    if os.path.commonprefix([path, cwd + os.sep]) == cwd + os.sep:
        rel = os.path.relpath(path, cwd)
        if os.sep not in rel and os.path.realpath(".") not in path_dirs:
            rel = os.path.join(".", rel)
        return rel
    if os.path.dirname(path) in path_dirs:
        return os.path.basename(path)
    return path


def open_output(options):
    if not options.output or options.output == "-":
        return Output(None)
    parent = os.path.dirname(os.path.abspath(options.output))
    if not os.path.isdir(parent):
        os.makedirs(parent)
    return Output(open(options.output, "w"))


class Output(object):
    """Standard output, or a file closed when done: `with open_output(o) as out:`."""

    def __init__(self, f):
        self._file = f

    def __enter__(self):
        import sys
        return self._file or sys.stdout

    def __exit__(self, *exc):
        if self._file:
            self._file.close()
        return False


def write_json(options, data, out, **kwargs):
    # Python 2's json puts ", " between items even when indenting: use the
    # separators Python 3 uses, as pex does, so both give the same text.
    if options.indent is not None and options.indent > 0:
        kwargs["separators"] = (",", ": ")
    json.dump(data, out, indent=options.indent, **kwargs)


def env_flag(name):
    value = os.environ.get(name)
    if value is None:
        return None
    if value.lower() in ("1", "true"):
        return True
    if value.lower() in ("0", "false"):
        return False
    raise ToolError("Invalid bool value for %s, must be 0/1/false/true, got %r" % (name, value))


def warn(options, message):
    # On unless the tool was given --no-emit-warnings. (PEX-INFO's
    # emit_warnings is not consulted: pex's tools print their warnings
    # whatever it says.)
    import sys
    if getattr(options, "emit_warnings", True):
        sys.stderr.write("pexrc: warning: %s\n" % message)
