# The Python pexrc ships runs under every interpreter it supports: each test
# takes `python`, one of them, and runs its checks there in a child process.
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNTIME_DIR = os.path.join(ROOT, "launcher", "venv")


def _interpreters():
    versions = os.environ.get("PYTHON_VERSIONS_DIR", "")
    found = []
    for version in ("2.7", "3.6", "3.13"):
        candidates = sorted(d for d in os.listdir(versions) if d.startswith(version + ".")) if versions else []
        paths = [os.path.join(versions, d, "bin", "python" + version) for d in candidates]
        paths = [p for p in paths if os.access(p, os.X_OK)]
        if not paths:
            raise RuntimeError("no CPython %s under PYTHON_VERSIONS_DIR=%r" % (version, versions))
        found.append(paths[-1])
    found.append("/usr/bin/pypy3")
    return found


class Child(object):
    """An interpreter that runs snippets with pex_runtime importable."""

    def __init__(self, path):
        self.path = path

    def run(self, code, env=None, stdin=b"", cwd=None):
        """(exit status, stdout, stderr) of `code` run as a program."""
        child_env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": RUNTIME_DIR}
        child_env.update(env or {})
        process = subprocess.Popen([self.path, "-c", code], env=child_env, cwd=cwd,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        out, err = process.communicate(stdin)
        return process.returncode, out.decode("utf-8"), err.decode("utf-8")

    def value(self, code, env=None, **kwargs):
        """The JSON the snippet prints with `emit(value)`, as a Python value."""
        program = "import json, sys\ndef emit(v):\n    sys.stdout.write(json.dumps(v))\n" + code
        status, out, err = self.run(program, env=env, **kwargs)
        assert status == 0, err
        return json.loads(out)


@pytest.fixture(params=_interpreters(), ids=lambda p: os.path.basename(p))
def python(request):
    return Child(request.param)


@pytest.fixture
def tools_python():
    return Child(sys.executable)
