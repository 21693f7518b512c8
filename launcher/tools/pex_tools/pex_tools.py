# pexrc's PEX_TOOLS: `PEX_TOOLS=1 ./app.pexrc TOOL ...` behaves as pex's tools
# do on the same PEX (same options, output and exit statuses). The launcher
# runs this program (this file last, the other tool_*.py modules before it:
# see embed_text.py --python-c) with the app's own interpreter, isolated
# (-E -s -S), once the app's venv exists; a context it hands over tells where
# everything is. Python 2.7 and 3.5+; standard library only.
import argparse
import os
import sys

import tool_graph
import tool_repository
import tool_venv
from tool_common import CONTEXT, PEX_INFO, ToolError, display_path
from tool_info import run_info
from tool_interpreter import run_interpreter

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
    interpreter.add_argument("-a", "--all", action="store_true", default=False,
                             help="Print every compatible interpreter, the one in use first.")
    interpreter.add_argument("-v", "--verbose", action="count", default=0,
                             help="Print facts about the interpreter as JSON; repeat for more.")
    add_indent(interpreter, "the facts", flags=("-i", "--indent"))
    add_global_options(interpreter, verbosity=False)
    interpreter.set_defaults(run=run_interpreter)

    graph = commands.add_parser(
        "graph", help="Writes the PEX file's dependency graph in Graphviz's dot language.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    tool_graph.add_arguments(graph, add_output)
    add_global_options(graph)
    graph.set_defaults(run=tool_graph.run_graph)

    repository = commands.add_parser(
        "repository", help="Lists or extracts the distributions the PEX file runs with.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    tool_repository.add_arguments(repository, add_output, add_indent, add_global_options)

    venv = commands.add_parser(
        "venv", help="Installs the PEX file into a virtual environment.",
        description="Installs the PEX file into a virtual environment of copies, with "
                    "PATH/pex running it as the PEX does.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    tool_venv.add_arguments(venv)
    add_global_options(venv, verbosity=False)
    venv.set_defaults(run=tool_venv.run_venv)
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
