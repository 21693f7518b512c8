# `interpreter`: the interpreter that runs the PEX (or, with --all, every
# compatible one, that one first), and facts about each as the launcher's
# probe found them.
import sys
from collections import OrderedDict

from tool_common import CONTEXT, open_output, warn, write_json


def interpreter_facts(python, verbose):
    probe = python["probe"]
    tags = python["tags"]
    python_tag, abi, plat = tags[0].split("-")
    version = probe["version"]
    facts = OrderedDict([
        ("path", python["path"]),
        ("requirement", "%s==%s" % (probe["implementation"], version)),
        ("platform", "%s-%s-%s-%s" % (plat, python_tag[:2], version, abi)),
    ])
    if verbose >= 2:
        facts["supported_tags"] = tags
    if verbose >= 3:
        markers = probe["markers"]
        facts["env_markers"] = OrderedDict((k, markers[k]) for k in sorted(markers))
        facts["venv"] = bool(probe.get("is_venv"))
        if facts["venv"]:
            facts["base_interpreter"] = probe["executable"]
    return facts


def run_interpreter(options):
    import os
    if options.indent and not options.verbose:
        sys.stderr.write("WARNING: Ignoring --indent=%d since --verbose mode is not enabled.\n"
                         % options.indent)
    pythons = [CONTEXT["interpreter"]]
    if options.all:
        if os.environ.get("PEX_PYTHON"):
            warn(options, "Ignoring PEX_PYTHON=%s in order to scan for all compatible "
                          "interpreters." % os.environ["PEX_PYTHON"])
        pythons = CONTEXT["compatible_interpreters"]
    with open_output(options) as out:
        for python in pythons:
            if options.verbose:
                write_json(options, interpreter_facts(python, options.verbose), out)
            else:
                out.write(python["path"])
            out.write("\n")
    return 0
