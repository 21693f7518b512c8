# `venv DIR`: installs the app into a plain virtual environment, as pex's venv
# tool does, with pex's options. Every file is a copy (a reflink where the
# file system can share blocks safely), never a link into pexrc's cache: DIR
# keeps working after a prune, and writes into DIR never reach the cache.
import errno
import hashlib
import os
import shutil
import subprocess
import sys
from collections import OrderedDict

import pexrc_bundle
from tool_common import CONTEXT, PEX_INFO, ToolError, app_units, record_hash, warn

SCOPE_FILE = ".pex-venv-scope"
# What pex leaves out of a PEX's own code when installing it.
NOT_SOURCES = ("__main__.py", "__pex__", "__pycache__", "pex", ".bootstrap", ".deps", "PEX-INFO")
FICLONE = 0x40049409  # linux/fs.h: share the source's blocks, copy-on-write


def add_arguments(parser):
    parser.add_argument("venv", nargs=1, metavar="PATH", help="Where to create the venv.")
    parser.add_argument("--scope", default="all", choices=("all", "deps", "srcs"),
                        help="What to install: everything, only the dependencies, or only the "
                             "PEX's own code (a container image can then cache the first step).")
    parser.add_argument("-b", "--bin-path", default="false", choices=("false", "prepend", "append"),
                        help="Put the venv's bin/ on PATH (front or back) when DIR/pex runs.")
    parser.add_argument("-f", "--force", action="store_true", default=False,
                        help="Replace PATH if it exists.")
    parser.add_argument("--collisions-ok", action="store_true", default=False,
                        help="Warn instead of failing when two sources provide the same file "
                             "with different contents (the PEX's own code wins).")
    parser.add_argument("-p", "--pip", action="store_true", default=False,
                        help="Install pip (and, before Python 3.12, setuptools) into the venv; "
                             "different versions in the PEX need --collisions-ok.")
    parser.add_argument("--copies", action="store_true", default=False,
                        help="Copy the interpreter into the venv instead of linking it.")
    parser.add_argument("--site-packages-copies", action="store_true", default=False,
                        help="Accepted as pex accepts it: pexrc always copies.")
    parser.add_argument("--system-site-packages", action="store_true", default=False,
                        help="Let the venv see the interpreter's site-packages.")
    parser.add_argument("--compile", action="store_true", default=False,
                        help="Byte-compile every .py file of the venv.")
    parser.add_argument("--prompt", help="The prompt the venv's activate scripts show.")
    parser.add_argument("--non-hermetic-scripts", dest="hermetic_scripts", action="store_false",
                        default=True,
                        help="Leave the interpreter's isolation flag out of script shebangs, "
                             "so PYTHONPATH and the user site reach DIR/pex and its scripts.")
    parser.add_argument("--rm", "--remove", dest="remove", default=None, choices=("pex", "all"),
                        help="Afterwards delete the PEX file ('pex'), or the PEX file and "
                             "pexrc's cache ('all').")


class Layout(object):
    """Where things go in the venv at `root`."""

    def __init__(self, root):
        self.root = root
        self.bin = os.path.join(root, "bin")
        self.site_packages = os.path.join(root, CONTEXT["interpreter"]["probe"]["site_packages"])
        name = os.path.basename(sys.executable)
        self.python_name = name if os.path.exists(os.path.join(self.bin, name)) else "python"
        self.python = os.path.join(self.bin, self.python_name)


class Provenance(object):
    """Which sources provided each installed file: two that differ collide."""

    def __init__(self):
        self.sources = OrderedDict()

    def add(self, src, dst):
        self.sources.setdefault(dst, []).append(src)

    def collisions(self, python):
        found = OrderedDict()
        for dst, srcs in self.sources.items():
            if len(srcs) < 2:
                continue
            by_content = OrderedDict()
            for src in srcs:
                by_content.setdefault(sha1_of(src), []).append(src)
            if len(by_content) < 2:
                continue
            if os.path.basename(dst) == "__init__.py" and same_syntax(python, srcs):
                continue
            found[dst] = by_content
        return found


def sha1_of(path):
    digest = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def same_syntax(python, paths):
    # Namespace __init__.py files that differ only in comments or layout are
    # one file to Python (and to pex): compare them as parsed (3.9+).
    program = ("import ast, sys\n"
               "texts = set()\n"
               "for p in sys.argv[1:]:\n"
               "    with open(p) as f:\n"
               "        texts.add(ast.unparse(ast.parse(f.read(), p)))\n"
               "sys.exit(0 if len(texts) == 1 else 1)\n")
    if sys.version_info[:2] < (3, 9):
        return False
    with open(os.devnull, "w") as devnull:
        return subprocess.call([python, "-c", program] + list(paths), stderr=devnull) == 0


def collision_report(venv_dir, collisions):
    lines = ["Encountered collision%s populating %s from PEX at %s:" % (
        "" if len(collisions) == 1 else "s", venv_dir, CONTEXT["pex"])]
    for index, (dst, by_content) in enumerate(collisions.items(), 1):
        lines.append("%d. %s was provided by:" % (index, dst))
        for fingerprint, srcs in by_content.items():
            lines.append("\tsha1:%s -> %s" % (fingerprint, ", ".join(srcs)))
    return "\n".join(lines)


def copy_file(src, dst, mode, replace):
    """Copies src to dst (mode `mode`); an existing dst stays unless `replace`."""
    if os.path.lexists(dst):
        if not replace:
            return False
        os.unlink(dst)  # a new inode: nothing else sharing the old one changes
    parent = os.path.dirname(dst)
    if not os.path.isdir(parent):
        os.makedirs(parent)
    cloned = False
    with open(src, "rb") as source:
        with open(dst, "wb") as target:
            try:
                import fcntl
                fcntl.ioctl(target.fileno(), FICLONE, source.fileno())
                cloned = True
            except (ImportError, IOError, OSError):
                pass
    if not cloned:
        shutil.copyfile(src, dst)  # in the kernel (sendfile) from Python 3.8
    os.chmod(dst, mode)
    return True


def file_mode(path):
    return 0o755 if os.stat(path).st_mode & 0o111 else 0o644


def tree_files(root, skip_top=()):
    """(relative path, absolute path) of every file below root, sorted."""
    found = []
    for top, dirs, files in os.walk(root):
        rel_top = os.path.relpath(top, root)
        # .pyc files stay behind: a source from another unit may win a
        # collision, and --compile makes the venv's own.
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        if rel_top == ".":
            dirs[:] = [d for d in dirs if d not in skip_top]
            # (.pexrc-*: the launcher's bookkeeping, a unit's manifest and its
            # markers of shipped bytecode.)
            files = [f for f in files if f not in skip_top and not f.startswith(".pexrc-")]
        dirs.sort()
        for name in sorted(files):
            rel = name if rel_top == "." else os.path.join(rel_top, name)
            found.append((rel, os.path.join(top, name)))
    return found


class WheelInstall(object):
    """One wheel chroot from the cache installed into the venv."""

    def __init__(self, chroot, layout, shebang, provenance):
        self.chroot = chroot
        self.layout = layout
        self.shebang = shebang
        self.provenance = provenance
        self.moved = {}  # chroot path -> (venv path, new RECORD hash or None)

    def install(self):
        for rel, src in tree_files(self.chroot, skip_top=(".layout.json", ".prefix")):
            dst = os.path.join(self.layout.site_packages, rel)
            self.provenance.add(src, dst)
            copy_file(src, dst, file_mode(src), replace=False)
        prefix = os.path.join(self.chroot, ".prefix")
        if os.path.isdir(prefix):
            for rel, src in tree_files(prefix):
                self._install_prefixed(rel, src)
        for name in sorted(os.listdir(self.chroot)):
            if name.endswith(".dist-info"):
                self._finish_dist_info(os.path.join(self.layout.site_packages, name))

    def _install_prefixed(self, rel, src):
        # What a wheel installs outside site-packages, by install scheme key.
        key, _, rest = rel.partition(os.sep)
        if key == "bin":
            dst = os.path.join(self.layout.bin, rest)
        elif key == "data":
            dst = os.path.join(self.layout.root, rest)
        elif key in ("purelib", "platlib"):
            dst = os.path.join(self.layout.site_packages, rest)
        else:
            dst = os.path.join(self.layout.root, rel)
        self.provenance.add(src, dst)
        new_hash = None
        if key == "bin":
            with open(src, "rb") as f:
                content = f.read()
            if content.startswith(b"#!python"):
                end = content.find(b"\n")
                content = self.shebang.encode("utf-8") + (content[end:] if end >= 0 else b"\n")
                new_hash = (record_hash(content), len(content))
                if not os.path.lexists(dst):
                    with open(dst, "wb") as f:
                        f.write(content)
                    os.chmod(dst, 0o755)
                self.moved[".prefix/" + rel.replace(os.sep, "/")] = (dst, new_hash)
                return
        copy_file(src, dst, file_mode(src), replace=False)
        self.moved[".prefix/" + rel.replace(os.sep, "/")] = (dst, None)

    def _finish_dist_info(self, dist_info):
        # As an installer leaves it: INSTALLER, REQUESTED, and a RECORD that
        # names the files where this venv has them.
        installer, requested = b"pex\n", b""
        added = []
        for name, data in (("INSTALLER", installer), ("REQUESTED", requested)):
            path = os.path.join(dist_info, name)
            if not os.path.exists(path):
                with open(path, "wb") as f:
                    f.write(data)
                added.append("%s/%s,%s,%d" % (os.path.basename(dist_info), name, record_hash(data),
                                              len(data)))
        record = os.path.join(dist_info, "RECORD")
        if not os.path.isfile(record):
            return
        import csv
        with open(record) as f:
            rows = list(csv.reader(f))
        lines = []
        for row in rows:
            if not row:
                continue
            path = row[0]
            if path in self.moved:
                dst, new_hash = self.moved[path]
                path = os.path.relpath(dst, self.layout.site_packages).replace(os.sep, "/")
                if new_hash:
                    row = [path, new_hash[0], str(new_hash[1])]
                else:
                    row = [path] + row[1:]
            lines.append(row)
        os.unlink(record)  # copied from the cache: replaced, not written through
        with open(record, "w") as f:
            writer = csv.writer(f, lineterminator="\n")
            for row in lines:
                writer.writerow(row)
            for line in added:
                f.write(line + "\n")


def install_sources(code_dirs, layout, provenance):
    for code in code_dirs:
        for rel, src in tree_files(code, skip_top=NOT_SOURCES):
            dst = os.path.join(layout.site_packages, rel)
            provenance.add(src, dst)
            copy_file(src, dst, file_mode(src), replace=True)


def fill_template(name, shebang, settings):
    text = pexrc_bundle.DATA[name]
    first_line, rest = text.split("\n", 1)
    marker = "SETTINGS = {}\n"
    if marker not in rest:
        raise ToolError("pexrc's %s template has no SETTINGS line" % name)
    return shebang + "\n" + rest.replace(marker, "SETTINGS = %r\n" % (settings,), 1)


def write_text(path, text, mode=0o644):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def install_pex_main(layout, options, shebang, hermetic_args, wheel_count):
    site = layout.site_packages
    write_text(os.path.join(site, "PEX_EXTRA_SYS_PATH.py"), pexrc_bundle.DATA["venv_extra_sys_path.py"])
    if sys.version_info[:2] >= (3, 15):
        write_text(os.path.join(site, "PEX_EXTRA_SYS_PATH.start"), "PEX_EXTRA_SYS_PATH:extend_sys_path\n")
    if sys.version_info[:2] < (3, 20):
        write_text(os.path.join(site, "PEX_EXTRA_SYS_PATH.pth"),
                   "import PEX_EXTRA_SYS_PATH; PEX_EXTRA_SYS_PATH.extend_sys_path(legacy=True)\n")
    write_text(os.path.join(layout.root, "PEX-INFO"), CONTEXT["pex_info"])
    settings = {
        "python_name": layout.python_name,
        "bin_path": options.bin_path,
        "strip_pex_env": bool(PEX_INFO.get("strip_pex_env", True)),
        "inject_env": sorted((PEX_INFO.get("inject_env") or {}).items()),
        "bind_resource_paths": sorted((PEX_INFO.get("bind_resource_paths") or {}).items()),
        "inject_args": list(PEX_INFO.get("inject_args") or []),
        "entry_point": PEX_INFO.get("entry_point") or None,
        "script": PEX_INFO.get("script") or None,
        "hermetic_args": hermetic_args if PEX_INFO.get("venv_hermetic_scripts", True) else None,
    }
    main_py = os.path.join(layout.root, "__main__.py")
    write_text(main_py, fill_template("venv_main.py", shebang, settings), 0o755)
    link = os.path.join(layout.root, "pex")
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink("__main__.py", link)
    requirements = len(PEX_INFO.get("requirements") or [])
    summary = "pexrc venv of %s: %d requirement%s, %d distribution%s." % (
        os.path.basename(CONTEXT["pex"]), requirements, "" if requirements == 1 else "s",
        wheel_count, "" if wheel_count == 1 else "s")
    write_text(os.path.join(layout.root, "pex-repl"),
               fill_template("venv_repl.py", shebang, {"summary": summary}), 0o755)


def run_quietly(command, env=None):
    """Runs command with its output kept; returns (status, output)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    output = process.communicate()[0].decode("utf-8", "replace")
    return process.returncode, output


def refuse_to_remove(path):
    # --force replaces PATH; not when PATH holds what this run needs or much
    # more than a venv (pex would remove it all the same).
    real = os.path.realpath(path)
    precious = [("the PEX file", CONTEXT["pex"]), ("pexrc's cache", CONTEXT["pex_root"])]
    for what, inside in precious:
        inside = os.path.realpath(inside)
        if inside == real or inside.startswith(real.rstrip(os.sep) + os.sep):
            raise ToolError("Refusing to remove %s for --force: it holds %s (%s)" % (path, what, inside))
    if real in ("/", os.path.realpath(os.path.expanduser("~"))):
        raise ToolError("Refusing to remove %s for --force" % path)


def create_venv(path, options):
    if sys.version_info[0] < 3:
        raise ToolError("pexrc cannot create a venv with Python %d.%d (no venv module; pex uses "
                        "a vendored virtualenv): run the tools with a Python 3 interpreter, "
                        "e.g. PEX_PYTHON=python3" % sys.version_info[:2])
    if options.force and os.path.lexists(path):
        refuse_to_remove(path)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    command = [sys.executable, "-m", "venv", path, "--without-pip"]
    if options.copies:
        command.append("--copies")
    if options.system_site_packages:
        command.append("--system-site-packages")
    prompt_applied = False
    if options.prompt and sys.version_info[:2] >= (3, 6):
        command += ["--prompt", options.prompt]
        prompt_applied = True
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    status, output = run_quietly(command, env)
    if status != 0:
        raise ToolError("Creating a venv at %s failed (%s exited %d):\n%s" % (
            path, " ".join(command), status, output.rstrip()))
    if options.prompt and not prompt_applied:
        warn(options, "Unable to apply custom --prompt %r in %s venv; continuing with the "
                      "default prompt." % (options.prompt, sys.version.split()[0]))


def dist_info_versions(dirs, projects):
    """{project: version} of the named projects' .dist-info dirs found in `dirs`."""
    found = {}
    for directory in dirs:
        if not os.path.isdir(directory):
            continue
        for name in os.listdir(directory):
            if name.endswith(".dist-info"):
                project, _, version = name[:-len(".dist-info")].partition("-")
                key = project.lower().replace("_", "-")
                if key in projects:
                    found[key] = version
    return found


def ensure_pip(layout, options, wheel_dirs):
    projects = ("pip", "setuptools")
    venv_has = dist_info_versions([layout.site_packages], projects)
    if "pip" not in venv_has:
        status, output = run_quietly([layout.python, "-m", "ensurepip", "-U", "--default-pip"])
        venv_has = dist_info_versions([layout.site_packages], projects)
        if status != 0 or "pip" not in venv_has:
            raise ToolError("The virtual environment was successfully created, but Pip was not "
                            "installed:\n%s" % output.rstrip())
    if options.scope == "srcs":
        return
    pex_has = dist_info_versions(wheel_dirs, projects)
    conflicts = [(p, pex_has[p]) for p in projects
                 if p in pex_has and p in venv_has and pex_has[p] != venv_has[p]]
    if not conflicts:
        return
    message = ("You asked for --pip to be installed in the venv at %s,\nbut the PEX at %s "
               "already contains:\n%s" % (layout.root, CONTEXT["pex"],
                                          "\n".join("%s %s" % c for c in conflicts)))
    if not options.collisions_ok:
        raise ToolError(message + "\nConsider re-running either without --pip or with --collisions-ok.")
    warn(options, message + "\nUninstalling venv versions and using versions from the PEX.")
    names = sorted(p for p, _ in conflicts)
    status, output = run_quietly([layout.python, "-m", "pip", "uninstall", "-y"] + names)
    if status != 0:
        raise ToolError("Failed to uninstall venv versions of %s:\n%s" % (" and ".join(names),
                                                                           output.rstrip()))


def prior_scope(path):
    try:
        with open(os.path.join(path, SCOPE_FILE)) as f:
            return f.read().strip()
    except IOError as e:
        if e.errno != errno.ENOENT:
            raise
        return None


def run_venv(options):
    path = os.path.abspath(options.venv[0])
    prior = prior_scope(path)
    partial = prior in ("deps", "srcs")
    installs_sources = options.scope in ("all", "srcs")
    link = os.path.join(path, "pex")
    if installs_sources and not options.force and os.path.lexists(link):
        # pex finds this out half-way; the message is the one it ends with.
        raise ToolError("[Errno 17] File exists: '__main__.py' -> %r" % link)
    if not (partial and not options.force):
        create_venv(path, options)
    layout = Layout(path)
    hermetic_args = "-I" if sys.version_info[0] >= 3 else "-sE"
    shebang = "#!" + layout.python + (" " + hermetic_args if options.hermetic_scripts else "")
    code_dirs, wheels = app_units()
    wheel_dirs = [path for _, path in wheels]
    if options.pip:
        ensure_pip(layout, options, wheel_dirs)

    provenance = Provenance()
    if options.scope in ("all", "deps"):
        for chroot in wheel_dirs:
            WheelInstall(chroot, layout, shebang, provenance).install()
    if installs_sources:
        install_sources(code_dirs, layout, provenance)
        install_pex_main(layout, options, shebang, hermetic_args, len(wheel_dirs))
    collisions = provenance.collisions(layout.python)
    if collisions:
        report = collision_report(path, collisions)
        if not options.collisions_ok:
            raise ToolError(report)
        warn(options, report)

    if options.compile:
        # One worker per CPU (-j 0): most of a big venv's making is compiling.
        status, output = run_quietly([sys.executable, "-m", "compileall", "-q", "-j", "0", path])
        if status != 0:
            warn(options, "ignoring compile error: %s" % output.strip())
    if options.remove:
        pex = CONTEXT["pex"]
        if os.path.isdir(pex):
            shutil.rmtree(pex, True)
        elif os.path.lexists(pex):
            os.unlink(pex)
        if options.remove == "all":
            shutil.rmtree(CONTEXT["pex_root"], True)
    scope = options.scope
    if {prior, scope} == {"deps", "srcs"}:
        scope = "all"
    write_text(os.path.join(path, SCOPE_FILE), scope)
    return 0
