# scripts/build/splice_module.py: the single-file programs it makes from the
# real templates run everywhere, and it refuses splices that could go wrong.
import os
import subprocess
import sys

from conftest import ROOT

SPLICE = os.path.join(ROOT, "scripts", "build", "splice_module.py")
RUNTIME = os.path.join(ROOT, "launcher", "venv", "pex_runtime.py")
TEMPLATES = [os.path.join(ROOT, "launcher", "venv", "boot_script.py"),
             os.path.join(ROOT, "launcher", "tools", "pex_tools", "venv_main.py")]


def splice(template, module, output):
    return subprocess.run([sys.executable, SPLICE, str(template), str(module), str(output)],
                          capture_output=True, text=True)


def test_spliced_templates_compile_without_the_import(python, tmp_path):
    for template in TEMPLATES:
        output = tmp_path / os.path.basename(template)
        assert splice(template, RUNTIME, output).returncode == 0
        text = output.read_text()
        assert "from pex_runtime import" not in text
        assert "def run_entry_point(" in text
        status, _, err = python.run("compile(open(%r).read(), 'x', 'exec')" % str(output))
        assert status == 0, err


def test_refuses_a_name_the_module_lacks(tmp_path):
    template = tmp_path / "t.py"
    template.write_text("import os\nfrom pex_runtime import flag, no_such_thing\n")
    result = splice(template, RUNTIME, tmp_path / "out.py")
    assert result.returncode != 0
    assert "does not define no_such_thing" in result.stderr
    assert not (tmp_path / "out.py").exists()


def test_refuses_a_template_that_shadows_the_module(tmp_path):
    template = tmp_path / "t.py"
    template.write_text("from pex_runtime import flag\n\ndef run_entry_point(x):\n    pass\n")
    result = splice(template, RUNTIME, tmp_path / "out.py")
    assert result.returncode != 0
    assert "defines run_entry_point" in result.stderr


def test_needs_exactly_one_import_line(tmp_path):
    template = tmp_path / "t.py"
    template.write_text("import os\n")
    result = splice(template, RUNTIME, tmp_path / "out.py")
    assert result.returncode != 0
    assert "needs exactly one line 'from pex_runtime import ...'" in result.stderr
