# pexrc's PEX_TOOLS: `PEX_TOOLS=1 ./app.pexrc TOOL ...` behaves as pex's tools
# do on the same PEX (same options, output and exit statuses). The launcher
# runs this with the app's own interpreter, isolated (-E -s -S -c), once the
# app's venv exists; PEXRC_TOOLS_CONTEXT tells it where everything is.
# Python 2.7 and 3.5+; standard library only.
import sys

# -c puts the working directory first on sys.path; nothing here may come from it.
if sys.path and sys.path[0] in ("", "."):
    del sys.path[0]

import argparse
import json
import os
import platform
from collections import OrderedDict

CONTEXT = json.loads(os.environ.pop("PEXRC_TOOLS_CONTEXT"), object_pairs_hook=OrderedDict)
# PEX-INFO as stored, its keys in their order (pex prints them so).
PEX_INFO = json.loads(CONTEXT["pex_info"], object_pairs_hook=OrderedDict)


class ToolError(Exception):
    """A failure reported as pex reports it: the message alone, exit status 1."""


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
        return sys.stdout, False
    parent = os.path.dirname(os.path.abspath(options.output))
    if not os.path.isdir(parent):
        os.makedirs(parent)
    return open(options.output, "w"), True


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


# info ---------------------------------------------------------------------


def effective_pex_info():
    # PEX-INFO as the app runs with it: the PEX_* variables pex lets override
    # it, then the cache root in use (pexrc's), which pex always adds last.
    info = OrderedDict(PEX_INFO)
    overrides = [
        ("PEX_MODULE", "entry_point", str),
        ("PEX_SCRIPT", "script", str),
        ("PEX_INHERIT_PATH", "inherit_path", str),
        ("PEX_MAX_INSTALL_JOBS", "max_install_jobs", int),
    ]
    for variable, key, kind in overrides:
        value = os.environ.get(variable)
        if value:
            info[key] = kind(value)
    for variable, key in (("PEX_VENV", "venv"), ("PEX_IGNORE_ERRORS", "ignore_errors")):
        value = env_flag(variable)
        if value is not None:
            info[key] = value
    for key in ("requirements", "excluded", "overridden", "interpreter_constraints"):
        info[key] = sorted(info.get(key, []))
    info.pop("pex_root", None)
    info["pex_root"] = CONTEXT["pex_root"]
    return info


def run_info(options):
    out, close = open_output(options)
    try:
        write_json(options, effective_pex_info(), out)
        out.write("\n")
    finally:
        if close:
            out.close()
    return 0


# interpreter ----------------------------------------------------------------


def env_markers():
    # PEP 508's environment markers, computed as the packaging library does.
    impl = getattr(sys, "implementation", None)
    if impl is not None:
        v = impl.version
        impl_version = "%d.%d.%d" % (v.major, v.minor, v.micro)
        if v.releaselevel != "final":
            impl_version += v.releaselevel[0] + str(v.serial)
        impl_name = impl.name
    else:
        impl_version, impl_name = "0", ""
    return OrderedDict([
        ("implementation_name", impl_name),
        ("implementation_version", impl_version),
        ("os_name", os.name),
        ("platform_machine", platform.machine()),
        ("platform_python_implementation", platform.python_implementation()),
        ("platform_release", platform.release()),
        ("platform_system", platform.system()),
        ("platform_version", platform.version()),
        ("python_full_version", platform.python_version()),
        ("python_version", ".".join(platform.python_version_tuple()[:2])),
        ("sys_platform", sys.platform),
    ])


def interpreter_facts(verbose):
    tags = CONTEXT["tags"]
    python_tag, abi, plat = tags[0].split("-")
    impl = platform.python_implementation()
    version = platform.python_version()
    facts = OrderedDict([
        ("path", CONTEXT["python"]),
        ("requirement", "%s==%s" % (impl, version)),
        ("platform", "%s-%s-%s-%s" % (plat, python_tag[:2], version, abi)),
    ])
    if verbose >= 2:
        facts["supported_tags"] = tags
    if verbose >= 3:
        facts["env_markers"] = env_markers()
        facts["venv"] = False
    return facts


def run_interpreter(options):
    out, close = open_output(options)
    try:
        if options.verbose:
            write_json(options, interpreter_facts(options.verbose), out)
        else:
            if options.indent:
                sys.stderr.write(
                    "WARNING: Ignoring --indent=%d since --verbose mode is not enabled.\n"
                    % options.indent)
            out.write(CONTEXT["python"])
        out.write("\n")
    finally:
        if close:
            out.close()
    return 0


# the command line -------------------------------------------------------------


def add_output(parser, what):
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="Write %s to PATH; standard output when absent or `-`." % what)


def add_indent(parser, what, flags=("-i", "--indent")):
    parser.add_argument(*flags, type=int, default=None,
                        help="Pretty-print %s with this many spaces of indent." % what)


def add_global_options(parser, verbosity=True):
    group = parser.add_argument_group(
        "Global options",
        "Accepted as pex accepts them. pexrc keeps no pex cache: --pex-root, "
        "--disable-cache and --cache-dir change nothing (its cache is PEXRC_ROOT).")
    if verbosity:
        group.add_argument("-v", dest="verbose", action="count", default=0,
                           help="More output; repeat for more.")
    group.add_argument("--emit-warnings", dest="emit_warnings", action="store_true", default=True,
                       help="Print warnings.")
    group.add_argument("--no-emit-warnings", dest="emit_warnings", action="store_false",
                       help="Do not print warnings.")
    group.add_argument("--pex-root", metavar="DIR", help="pex's cache directory (unused).")
    group.add_argument("--disable-cache", action="store_true", help="(unused)")
    group.add_argument("--cache-dir", metavar="DIR", help="(unused; deprecated by pex)")
    group.add_argument("--tmpdir", metavar="DIR", default=None,
                       help="Directory for temporary files (must exist).")
    group.add_argument("--rcfile", metavar="FILE", help="pex's rc file (unused).")


def build_parser(prog_name):
    parser = argparse.ArgumentParser(
        prog="PEX_TOOLS=1 " + prog_name,
        description="Tools for working with %s." % prog_name,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    build = PEX_INFO.get("build_properties") or {}
    parser.add_argument("-V", "--version", action="version",
                        version=build.get("pex_version", "unknown"))
    parser.set_defaults(run=lambda options: parser.error("a subcommand is required"))
    commands = parser.add_subparsers(
        title="subcommands",
        description="The PEX file %s can be operated on using any of the following "
                    "subcommands." % prog_name)

    info = commands.add_parser("info", help="Dumps the PEX-INFO json contained in a PEX file.",
                               formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    add_output(info, "the PEX-INFO json")
    add_indent(info, "the PEX-INFO json")
    add_global_options(info)
    info.set_defaults(run=run_info)

    interpreter = commands.add_parser(
        "interpreter", help="Prints the path of the interpreter that runs the PEX file.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    add_output(interpreter, "the interpreter")
    interpreter.add_argument("-v", "--verbose", action="count", default=0,
                             help="Print facts about the interpreter as JSON; repeat for more.")
    add_indent(interpreter, "the facts", flags=("-i", "--indent"))
    add_global_options(interpreter, verbosity=False)
    interpreter.set_defaults(run=run_interpreter)
    return parser


def main(argv):
    if "--" in argv:
        argv = argv[:argv.index("--")]  # pex hands what follows to no tool
    parser = build_parser(display_path(CONTEXT["pex"]))
    options, unknown = parser.parse_known_args(argv)
    if unknown:
        parser.error("Unrecognized arguments: %s" % " ".join(unknown))
    tmpdir = getattr(options, "tmpdir", None)
    if tmpdir is not None and not os.path.exists(tmpdir):
        raise ToolError("The specified --tmpdir does not exist: %s" % tmpdir)
    if tmpdir is not None and not os.path.isdir(tmpdir):
        raise ToolError("The specified --tmpdir is not a directory: %s" % tmpdir)
    return options.run(options)


if __name__ == "__main__":
    TEMPORARY_ROOT = os.environ.pop("_PEXRC_ROOT_FALLBACK", None)
    if TEMPORARY_ROOT:
        # The cache could not be written: this run's temporary root goes with it.
        import atexit
        import shutil
        atexit.register(shutil.rmtree, TEMPORARY_ROOT, True)
    try:
        status = main(sys.argv[1:])
    except (ToolError, EnvironmentError, ValueError) as e:
        sys.stderr.write("%s\n" % e)
        status = 1
    sys.stdout.flush()
    sys.exit(status)
