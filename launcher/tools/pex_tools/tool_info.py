# `info`: PEX-INFO as the app runs with it, as JSON.
import os
from collections import OrderedDict

from tool_common import CONTEXT, PEX_INFO, env_flag, open_output, write_json


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
    with open_output(options) as out:
        write_json(options, effective_pex_info(), out)
        out.write("\n")
    return 0


