import os, sys, sysconfig
# Run with -S and importing neither json nor platform: on a first run this
# process is on the critical path, and site (with its .pth files), json's
# re and enum, and platform cost several times what the facts below do.


def var(name):
    try:
        return sysconfig.get_config_var(name)
    except Exception:
        return None


def glibc_version():
    try:
        found = os.confstr("CS_GNU_LIBC_VERSION")
        if found:
            return found.split()[1]
    except (AttributeError, ValueError, OSError, IndexError):
        pass
    try:
        import ctypes
        get = ctypes.CDLL(None).gnu_get_libc_version
        get.restype = ctypes.c_char_p
        found = get()
        return found if isinstance(found, str) else found.decode("ascii")
    except Exception:
        return None


def venv_home():
    # What site.py reads (and -S skips): pyvenv.cfg beside the executable or
    # one level up, whose "home" is the base installation's bin directory.
    exe_dir = os.path.dirname(os.path.abspath(sys.executable))
    for d in (exe_dir, os.path.dirname(exe_dir)):
        cfg = os.path.join(d, "pyvenv.cfg")
        if os.path.isfile(cfg):
            with open(cfg) as f:
                for line in f:
                    key, sep, value = line.partition("=")
                    if sep and key.strip().lower() == "home":
                        return value.strip()
            return None
    return None


def base_executable():
    names = ["python%d.%d" % sys.version_info[:2], "python%d" % sys.version_info[0], "python",
             "pypy%d.%d" % sys.version_info[:2], "pypy%d" % sys.version_info[0], "pypy"]
    dirs = []
    base = getattr(sys, "base_prefix", getattr(sys, "real_prefix", sys.prefix))
    if base != sys.prefix:
        dirs.append(os.path.join(base, "bin"))
    home = venv_home()
    if home:
        dirs.append(home)
    for d in dirs:
        for name in names:
            path = os.path.join(d, name)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return os.path.realpath(path)
    return os.path.realpath(sys.executable)


def site_packages():
    scheme = "venv" if "venv" in sysconfig.get_scheme_names() else "posix_prefix"
    base = "/@base"
    path = sysconfig.get_paths(scheme, vars={"base": base, "platbase": base, "installed_base": base,
                                              "installed_platbase": base})["purelib"]
    return os.path.relpath(path, base)


def path_value(p):
    # A path is bytes; JSON text is Unicode. One that is not UTF-8 travels
    # as {"hex": ...} (common/json_path.h), never mangled.
    raw = os.fsencode(p) if hasattr(os, "fsencode") else p
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        import binascii
        return {"hex": binascii.hexlify(raw).decode("ascii")}


def dump(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, dict):
        return "{" + ", ".join(dump(k) + ": " + dump(v[k]) for k in sorted(v)) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(dump(x) for x in v) + "]"
    if not isinstance(v, (str, type(u""))):
        return str(v)
    if not isinstance(v, type(u"")):
        v = v.decode("utf-8", "replace")  # Python 2's str
    out = ['"']
    for ch in v:
        o = ord(ch)
        if ch in u'"\\':
            out.append(u"\\" + ch)
        elif 0x20 <= o < 0x7F:
            out.append(ch)
        elif o < 0x10000:
            out.append(u"\\u%04x" % o)
        else:
            o -= 0x10000
            out.append(u"\\u%04x\\u%04x" % (0xD800 + (o >> 10), 0xDC00 + (o & 0x3FF)))
    out.append(u'"')
    return u"".join(out)


impl = getattr(sys, "implementation", None)
if impl is not None:
    v = impl.version
    impl_version = "%d.%d.%d" % v[:3]
    if v[3] != "final":
        impl_version += v[3][0] + str(v[4])
    impl_name = impl.name
    cache_tag = impl.cache_tag
else:
    impl_version, impl_name, cache_tag = "0", "", None
# What platform.python_implementation(), python_version(), machine(), ... say.
implementation = "PyPy" if "__pypy__" in sys.builtin_module_names else "CPython"
version = sys.version.split()[0]
uname = os.uname()
sys.stdout.write(dump({
    "implementation": implementation,
    "version": version,
    "version_info": list(sys.version_info[:2]),
    "executable": path_value(base_executable()),
    "is_venv": base_executable() != os.path.realpath(sys.executable),
    "free_threaded": bool(var("Py_GIL_DISABLED")),
    "platform": sysconfig.get_platform(),
    "ext_suffix": var("EXT_SUFFIX") or var("SO"),
    "py_version_nodot": var("py_version_nodot"),
    "py_debug": var("Py_DEBUG"),
    "with_pymalloc": var("WITH_PYMALLOC"),
    "unicode_size": var("Py_UNICODE_SIZE"),
    "maxunicode": sys.maxunicode,
    "has_refcount": hasattr(sys, "gettotalrefcount"),
    "pointer_bits": 64 if sys.maxsize > 2 ** 32 else 32,
    "glibc": glibc_version(),
    "site_packages": site_packages(),
    "cache_tag": cache_tag,
    "markers": {
        "implementation_name": impl_name,
        "implementation_version": impl_version,
        "os_name": os.name,
        "platform_machine": uname[4],
        "platform_python_implementation": implementation,
        "platform_release": uname[2],
        "platform_system": uname[0],
        "platform_version": uname[3],
        "python_full_version": version,
        "python_version": "%d.%d" % sys.version_info[:2],
        "sys_platform": sys.platform,
    },
}) + "\n")
