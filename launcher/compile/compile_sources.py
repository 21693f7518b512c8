# pexrc's bytecode compiler, run by the launcher as `python -E -s -S -c` with
# this text; Python 2.7 and 3. Reads source paths on stdin, one per line. A
# source that already has a .pyc is left alone (another interpreter of the
# same tag, or the app itself, made it). Each .pyc is written into the locked
# work directory named by argv[1] (so a killed compiler leaves nothing a sweep
# cannot tell from a live one's files) and renamed into place, so a
# concurrent import sees a whole file or none. From 3.7 the .pyc is
# unchecked-hash (PEP 552): published cache entries never change, so checking
# the source on every import would be wasted work. Sources that do not
# compile (templates, Python-2-only files in a wheel) are skipped, as pip does.
import os, sys, py_compile
try:
    from importlib.util import cache_from_source
except ImportError:
    def cache_from_source(path):
        return path + "c"
work = sys.argv[1]
count = 0
options = {}
if hasattr(py_compile, "PycInvalidationMode"):
    options["invalidation_mode"] = py_compile.PycInvalidationMode.UNCHECKED_HASH
for line in getattr(sys.stdin, "buffer", sys.stdin):
    source = line.rstrip(b"\n")
    if str is not bytes:
        source = os.fsdecode(source)
    target = cache_from_source(source)
    if os.path.exists(target):
        continue
    private = os.path.join(work, "%d.%d.tmp" % (os.getpid(), count))
    count += 1
    try:
        py_compile.compile(source, cfile=private, dfile=source, doraise=True, **options)
        try:
            os.mkdir(os.path.dirname(target))
        except OSError:
            pass
        os.rename(private, target)
    except Exception:
        try:
            os.unlink(private)
        except OSError:
            pass
