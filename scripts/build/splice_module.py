"""Makes one Python file of a template and a module it imports from, for
programs that must stay single files (the cache venv's boot script, the venv
tool's __main__.py) yet share code.

  splice_module.py TEMPLATE MODULE OUTPUT

TEMPLATE holds exactly one line `from NAME import a, b, ...`, where NAME is
MODULE's file name without .py; that line is replaced by MODULE's text, its
comment lines and the imports TEMPLATE makes itself dropped (the text
ships inside the launcher). Every imported
name must be defined at MODULE's top level, and TEMPLATE may not define a
top-level name MODULE defines, so the splice cannot shadow anything.
"""
import ast
import os
import re
import sys


def top_level_names(source, path):
    names = set()
    for node in ast.parse(source, path).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def splice(template_path, module_path):
    with open(template_path, encoding="utf-8") as f:
        template = f.read()
    with open(module_path, encoding="utf-8") as f:
        module = f.read()
    name = os.path.basename(module_path)[:-len(".py")]
    pattern = re.compile(r"^from %s import ([\w, ]+)\n" % re.escape(name), re.M)
    found = pattern.findall(template)
    if len(found) != 1:
        sys.exit("%s: needs exactly one line 'from %s import ...'" % (template_path, name))
    imported = {n.strip() for n in found[0].split(",")}
    defined = top_level_names(module, module_path)
    missing = imported - defined
    if missing:
        sys.exit("%s: %s does not define %s" % (template_path, module_path, ", ".join(sorted(missing))))
    shadowed = top_level_names(template, template_path) & defined
    if shadowed:
        sys.exit("%s: defines %s, which %s defines too" % (
            template_path, ", ".join(sorted(shadowed)), module_path))
    # Imports the template already makes at its top level are left out.
    template_lines = set(template.splitlines(True))
    body = "".join(line for line in module.splitlines(True)
                   if not line.lstrip().startswith("#")
                   and not (line.startswith("import ") and line in template_lines))
    spliced = "# --- spliced from %s ---\n%s# --- end of %s ---\n" % (
        os.path.basename(module_path), body.strip("\n") + "\n", os.path.basename(module_path))
    return pattern.sub(lambda _: spliced, template)


def main(template_path, module_path, output):
    text = splice(template_path, module_path)
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
