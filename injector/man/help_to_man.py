"""Writes the pexrc-inject(1) man page from `pexrc-inject --help`, so the page
and --help are one text.

  help_to_man.py PEXRC_INJECT OUTPUT.1

The two facts --help gives about the machine it runs on (its core count, the
configuration file in the working directory) are left out; the run fails if
they are not where this script expects them, so a changed --help is noticed.
"""
import os
import re
import subprocess
import sys
import tempfile


def machine_free(text):
    # Run in an empty directory, so "Here:" names no file of the build tree.
    text, cores = re.subn(r"\(default: usable\n(\s+)cores, \d+ here\)", r"(default: usable\n\1cores)", text)
    text, here = re.subn(r"\nHere: [^\n]*\n", "\n", text)
    if cores != 1 or here != 1:
        sys.exit("help_to_man.py: --help changed: no core count or no 'Here:' line to leave out")
    return text


def roff(text):
    text = text.replace("\\", "\\e")
    text = re.sub(r"(?<![\w])-", r"\\-", text)
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.M)


def is_option(line):
    return re.match(r"^  \S", line) is not None


def man_page(help_text, version):
    blocks = help_text.strip("\n").split("\n\n")
    usage = [l.strip() for l in blocks[0].splitlines()]
    synopsis, current = [], ""
    for line in usage:
        line = line[len("usage: "):] if line.startswith("usage: ") else line
        if line.startswith("pexrc-inject") and current:
            synopsis.append(current)
            current = line
        else:
            current = (current + " " + line).strip()
    synopsis.append(current)

    out = [".TH PEXRC\\-INJECT 1 \"\" \"pexrc %s\" \"User Commands\"" % version,
           ".SH NAME", "pexrc\\-inject \\- turn a PEX file into a .pexrc with a native launcher",
           ".SH SYNOPSIS"]
    for line in synopsis:
        out += [".nf", roff(line), ".fi", ".br"]
    out.append(".SH DESCRIPTION")
    for block in blocks[1:]:
        lines = block.splitlines()
        if lines[0] == "options:":
            out.append(".SH OPTIONS")
            term, desc = None, []
            for line in lines[1:]:
                if is_option(line):
                    if term:
                        out += [".TP", roff(term), roff(" ".join(desc))]
                    parts = re.split(r"\s{2,}", line.strip(), maxsplit=1)
                    term, desc = parts[0], parts[1:]
                else:
                    desc.append(line.strip())
            if term:
                out += [".TP", roff(term), roff(" ".join(desc))]
            continue
        if lines[0].startswith("exit status:"):
            out += [".SH EXIT STATUS", roff(" ".join(l.strip() for l in lines)[len("exit status: "):])]
            continue
        out += [".PP", roff(" ".join(l.strip() for l in lines))]
    return "\n".join(out) + "\n"


def main(injector, output):
    injector = os.path.abspath(injector)  # run from an empty directory
    with tempfile.TemporaryDirectory() as empty:
        help_text = subprocess.run([injector, "--help"], cwd=empty, check=True,
                                   stdout=subprocess.PIPE, universal_newlines=True).stdout
        version = subprocess.run([injector, "--version"], cwd=empty, check=True,
                                 stdout=subprocess.PIPE, universal_newlines=True).stdout.split()[-1]
    with open(output, "w") as f:
        f.write(man_page(machine_free(help_text), version))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
