# pex's behaviour at run time, once: the cache venv's boot script and the
# `venv` tool's DIR/pex each get a copy of this file spliced in where they
# import from it (scripts/build/splice_module.py), since each must stay a
# single file. Python 2.7 and 3.5+, standard library only.
import os
import sys


def flag(environ, name):
    # pex's truth for its boolean variables at run time.
    return environ.get(name, "").lower() in ("1", "true")


def remove_at_exit(root):
    # A temporary cache root goes when the app is done, as pex's does.
    if root:
        import atexit
        import shutil
        atexit.register(shutil.rmtree, root, True)


def keep_lease_from_children(fd):
    # The launcher's shared lock on the venv, inherited through its exec so
    # that housekeeping leaves the venv alone while the app runs; the app's
    # own exec'd children need not hold it (pex's access lock is
    # close-on-exec too).
    if not fd:
        return
    try:
        import fcntl

        fd = int(fd)
        fcntl.fcntl(fd, fcntl.F_SETFD, fcntl.fcntl(fd, fcntl.F_GETFD) | fcntl.FD_CLOEXEC)
    except (ImportError, ValueError, EnvironmentError):
        pass


def with_bin_dir(environ, bin_dir, mode):
    # PEX_VENV_BIN_PATH: the venv's bin/ before or after PATH's entries
    # (an unset PATH gains no empty entry, which would mean the working
    # directory).
    path = environ.get("PATH", "")
    path = path.split(os.pathsep) if path else []
    path = [bin_dir] + path if mode == "prepend" else path + [bin_dir]
    environ["PATH"] = os.pathsep.join(path)


def strip_pex_env(environ, keep_extra_sys_path=False):
    for name in list(environ):
        if not name.startswith("PEX_"):
            continue
        if keep_extra_sys_path and name == "PEX_EXTRA_SYS_PATH":
            environ["__PEX_EXTRA_SYS_PATH__"] = environ[name]
        del environ[name]


def inject_env(environ, pairs):
    for name, value in pairs:
        environ.setdefault(name, value)


def resource_path(name, resource):
    relative = os.path.normpath(os.path.join(*resource.split("/")))
    if os.path.isabs(resource) or relative.startswith(os.pardir):
        sys.exit("The following resource binding spec is invalid: %s=%s\n"
                 "The resource path %s must be relative to the `sys.path`." % (name, resource, resource))
    for entry in sys.path:
        path = os.path.join(entry, relative)
        if os.path.isfile(path):
            return path
    sys.exit("There was no resource file %s found on the `sys.path` corresponding to the given "
             "resource binding spec `%s=%s`" % (resource, name, resource))


def bind_resource_paths(environ, pairs):
    for name, resource in pairs:
        environ[name] = resource_path(name, resource)


class _Lookup(object):
    def __init__(self, values):
        self._values = values

    def __getattr__(self, name):
        return self._values.get(name, "")


class _Replacements(object):
    def __init__(self, environ):
        self.env = _Lookup(environ)


def injected_args(templates, environ):
    # inject_args with `{pex.env.NAME}` replaced ("" when unset).
    replacements = _Replacements(environ)
    return [arg.format(pex=replacements) for arg in templates]


def exec_program(name, source):
    program = compile(source, name, "exec", 0, 1)
    exec(program, {"__name__": "__main__", "__file__": name, "__builtins__": __builtins__})


def read_program(args):
    # What `python -c CMD`, `python -` or `python PATH` runs, as (name,
    # source); sys.argv becomes what python would make it.
    name = args[0]
    sys.argv = list(args)
    if name == "-c":
        if len(args) < 2:
            sys.stderr.write("Argument expected for the -c option\n")
            sys.exit(2)
        sys.argv = ["-c"] + args[2:]
        return "-c <cmd>", args[1]
    if name == "-":
        return name, sys.stdin.read()
    path = name if os.path.isfile(name) else os.path.join(name, "__main__.py")
    with open(path) as f:
        return name, f.read()


def run_entry_point(entry_point):
    # "module" runs as __main__; "module:attr.attr" is called and its result
    # returned. Extras ("module:attr [extra]", as console scripts name them)
    # do not change what runs.
    entry_point = entry_point.split("[", 1)[0].strip()
    module_name, _, attrs = entry_point.partition(":")
    if not attrs:
        import runpy
        runpy.run_module(module_name, run_name="__main__", alter_sys=True)
        return None
    import importlib
    target = importlib.import_module(module_name)
    for attr in attrs.split("."):
        target = getattr(target, attr)
    return target()


def inherit_modes(environ, built_in):
    # pex reads inherit_path twice: PEX_INHERIT_PATH=prefer|fallback widens
    # what stays importable beside the PEX (never narrows it), while any
    # value it has, "false" included, decides where the PEX's own entries go.
    # (The launcher has refused any other value.)
    given = environ.get("PEX_INHERIT_PATH") or built_in
    keep = given if given in ("prefer", "fallback") else built_in
    return keep, given


def _python_path_entries(environ):
    entries = set()
    for entry in environ.get("PYTHONPATH", "").split(os.pathsep):
        if entry:
            entries.add(entry)
            entries.add(os.path.abspath(entry))
    return entries


def _base_site_entries(stdlib):
    # What the base interpreter's site.py adds when it starts outside a venv,
    # as pex's interpreter started: the user site (when enabled), then
    # site-packages, each with its .pth lines, which see only the standard
    # library. Python 2 runs with -S here, so there "import site" does it.
    # Modules those lines import from outside the standard library are
    # forgotten again, as pex forgets them.
    saved = list(sys.path)
    modules = set(sys.modules)
    sys.path[:] = stdlib
    import site
    if sys.version_info[0] >= 3:
        dirs = site.getsitepackages([sys.base_prefix])
        if site.check_enableusersite():
            dirs.insert(0, site.getusersitepackages())
        for site_dir in dirs:
            if os.path.isdir(site_dir):
                site.addsitedir(site_dir)
    added = [p for p in sys.path if p not in stdlib]
    sys.path[:] = saved

    def under(path, entries):
        return any(path.startswith(entry + os.sep) for entry in entries if entry)

    for name in set(sys.modules) - modules:
        path = getattr(sys.modules[name], "__file__", None)
        if path and (under(path, added) or not under(path, stdlib)):
            del sys.modules[name]
    return added


def arrange_sys_path(environ, app_site, keep, order):
    # sys.path in blocks: P the user's PYTHONPATH, S the standard library,
    # A the app's site-packages (its code and wheels) from `app_site` on, B
    # the base interpreter's site-packages. Hermetic by default (S A);
    # otherwise where pex puts them, with A standing for both the PEX's code
    # and its wheels.
    app_site = os.path.realpath(app_site)
    inherited = _python_path_entries(environ)
    python_path = [p for p in sys.path if p in inherited]
    rest = [p for p in sys.path if p not in inherited]
    app_start = len(rest)
    for i, entry in enumerate(rest):
        if os.path.realpath(entry or os.curdir) == app_site:
            app_start = i
            break
    stdlib, app = rest[:app_start], rest[app_start:]
    if keep == "false":
        sys.path[:] = stdlib + app
        return
    base = _base_site_entries(stdlib)
    if keep == "prefer":
        sys.path[:] = python_path + stdlib + base + app
    elif order == "fallback":
        sys.path[:] = stdlib + app + base + python_path
    else:
        sys.path[:] = stdlib + base + python_path + app
