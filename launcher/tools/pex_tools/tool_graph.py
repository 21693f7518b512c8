# `graph`: the app's distributions and their requirements as a Graphviz dot
# digraph, as pex writes it (requirements whose markers rule them out for
# this interpreter drawn grey); rendering (-r, --open) needs Graphviz's dot.
import os
import subprocess
import sys
import tempfile
from collections import OrderedDict

from tool_common import CONTEXT, ToolError
from tool_requirements import distributions, project_key


def add_arguments(parser, add_output):
    add_output(parser, "the dot graph")
    parser.add_argument("-r", "--render", action="store_true", default=False,
                        help="Render the graph with Graphviz's dot.")
    parser.add_argument("-f", "--format", default="svg",
                        help="The format dot renders to (see dot -T).")
    parser.add_argument("--open", action="store_true", default=False,
                        help="Render the graph and open it in the desktop's viewer.")


def quoted(value):
    return '"%s"' % value.replace('"', '\\"')


def statement(out, head, attributes):
    a_list = ", ".join("%s=%s" % (k, quoted(v)) for k, v in attributes.items() if v is not None)
    out.write("%s [%s];\n" % (head, a_list))


def dot_text(out):
    python = CONTEXT["interpreter"]
    probe = python["probe"]
    pex = CONTEXT["pex"]
    dists = distributions()
    present = set(project_key(d.project_name) for d in dists)
    nodes, edges = OrderedDict(), []
    for dist in dists:
        nodes[dist.project_name] = OrderedDict([
            ("label", "%s %s" % (dist.project_name, dist.version)),
            ("URL", "https://pypi.org/project/%s/%s" % (dist.project_name, dist.version)),
            ("target", "_blank"),
        ])
        for req in dist.requires:
            if req.key not in present and req.marker and not req.applies():
                nodes[req.name] = OrderedDict([
                    ("color", "lightgrey"), ("style", "filled"), ("tooltip", "inactive requirement"),
                    ("URL", "https://pypi.org/project/%s" % req.key), ("target", "_blank"),
                ])
            label = req.specifier + ("; " + req.marker if req.marker else "")
            edges.append((dist.project_name, req.name,
                          OrderedDict([("label", label or None), ("fontsize", "10")])))
    out.write("strict digraph %s {\n" % quoted(pex))
    statement(out, "graph", OrderedDict([
        ("fontsize", "14"), ("labelloc", "t"),
        ("label", "Dependency graph of %s for interpreter %s (%s==%s)" % (
            pex, python["path"], probe["implementation"], probe["version"])),
    ]))
    for name, attributes in nodes.items():
        statement(out, quoted(name), attributes)
    for start, end, attributes in edges:
        statement(out, "%s -> %s" % (quoted(start), quoted(end)), attributes)
    out.write("}\n")


def run_program(command, error, info_url=None, **kwargs):
    try:
        process = subprocess.Popen(command, **kwargs)
    except OSError as e:
        lines = [error, "Do you have `%s` installed on the $PATH?: %s" % (command[0], e)]
        if info_url:
            lines.append("Find more information on `%s` at %s." % (command[0], info_url))
        raise ToolError("\n".join(lines))
    return process


def render(options, target):
    # dot reads the graph on its stdin and writes the picture to `target`.
    process = run_program(["dot", "-T", options.format],
                          "Failed to render dependency graph for %s." % CONTEXT["pex"],
                          "https://graphviz.org/", stdin=subprocess.PIPE, stdout=target)
    with tempfile.TemporaryFile("w+") as text:
        dot_text(text)
        text.seek(0)
        data = text.read()
    process.communicate(data.encode("utf-8"))
    if process.returncode != 0:
        raise ToolError("Command 'dot -T %s' returned non-zero exit status %d."
                        % (options.format, process.returncode))


def run_graph(options):
    to_stdout = not options.output or options.output == "-"
    if not (options.render or options.open):
        if to_stdout:
            dot_text(sys.stdout)
        else:
            with open(options.output, "w") as out:
                dot_text(out)
        return 0
    if to_stdout and options.open:
        fd, path = tempfile.mkstemp(prefix="pexrc-graph.", suffix=".deps.%s" % options.format)
        target = os.fdopen(fd, "wb")
    elif to_stdout:
        path, target = None, None  # dot writes to our stdout
    else:
        path, target = options.output, open(options.output, "wb")
    try:
        sys.stdout.flush()
        render(options, target)
    finally:
        if target is not None:
            target.close()
    if options.open:
        with open(os.devnull, "wb") as devnull:
            run_program(["xdg-open", path],
                        "Failed to open dependency graph of %s rendered in %s for viewing."
                        % (CONTEXT["pex"], path),
                        "https://www.freedesktop.org/wiki/Software/xdg-utils/", stdout=devnull)
    return 0
