"""Fuzz seed helper: writes one seed corpus per fuzz target from real PEX
files, the .pexrc files pexrc-inject made of them, and installed wheels'
METADATA files.

    make_seeds.py OUT_DIR [--site-packages DIR]... PEX_OR_PEXRC...

OUT_DIR/<target>/ receives files named by their content's hash, so seeds
repeated across inputs are kept once:
  zip_reader, payload  each .pexrc's zip (rebase_zip.py), also behind a
                       #! line and in zip64 form
  pex_info             PEX-INFO of each file, PEXRC-INFO of each .pexrc
  shebang              each PEX's #! line, or its --sh-boot script
  wheel_metadata       the METADATA of every wheel in the PEXes and of every
                       distribution installed in --site-packages
  pep508               each Requires-Dist value and PEX-INFO requirement, and each marker
  pep440               versions, Requires-Python values, the specifiers of requirements
                       and interpreter constraints, and "specifiers\\nversion" pairs
"""
import argparse
import hashlib
import io
import json
import os
import re
import zipfile

import rebase_zip

# A PEP 508 name with optional extras: what comes before a requirement's specifiers.
NAME_AND_EXTRAS = re.compile(r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*")


class Corpora:
    def __init__(self, root):
        self.root = root

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode()
        if not data:
            return
        folder = os.path.join(self.root, target)
        os.makedirs(folder, exist_ok=True)
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


def headers(metadata, name):
    """The values of one header of a METADATA text, unfolded lines not needed here."""
    prefix = name.lower() + ":"
    for line in metadata.split("\n\n", 1)[0].splitlines():
        if line.lower().startswith(prefix):
            yield line[len(prefix):].strip()


def add_requirement(seeds, text):
    seeds.add("pep508", text)
    requirement, _, marker = text.partition(";")
    if marker.strip():
        seeds.add("pep508", marker.strip())
    specifiers = NAME_AND_EXTRAS.sub("", requirement).strip()
    if not specifiers.startswith("@"):
        seeds.add("pep440", specifiers.strip("()"))


def add_metadata(seeds, text, versions):
    seeds.add("wheel_metadata", text)
    for version in headers(text, "Version"):
        seeds.add("pep440", version)
        versions.append(version)
    for requires_python in headers(text, "Requires-Python"):
        seeds.add("pep440", requires_python)
        seeds.add("pep440", requires_python + "\n" + "3.11.7")
    for requirement in headers(text, "Requires-Dist"):
        add_requirement(seeds, requirement)


def add_pex_info(seeds, text, versions):
    seeds.add("pex_info", text)
    info = json.loads(text)
    for requirement in info.get("requirements", []):
        add_requirement(seeds, requirement)
    for constraint in info.get("interpreter_constraints", []):
        specifiers = re.sub(r"^[A-Za-z]+", "", constraint)
        seeds.add("pep440", specifiers)
        for version in versions[:4]:
            seeds.add("pep440", specifiers + "\n" + version)


def add_archive(seeds, path, versions):
    data = open(path, "rb").read()
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        add_pex_info(seeds, z.read("PEX-INFO").decode(), versions)
        if path.endswith(".pexrc"):
            seeds.add("pex_info", z.read("PEXRC-INFO"))
            seeds.add("shebang", json.loads(z.read("PEXRC-INFO")).get("shebang", ""))
            for variant in (rebase_zip.rebase(data),
                            rebase_zip.rebase(data, b"#!/usr/bin/env python3\n"),
                            rebase_zip.rebase(data, b"", zip64=True)):
                seeds.add("zip_reader", variant)
                seeds.add("payload", variant)
        else:
            # Everything in front of the first local header: a #! line or a whole script.
            seeds.add("shebang", data[:data.find(b"PK\x03\x04")])
            for name in names:
                if name.endswith(".dist-info/METADATA"):
                    add_metadata(seeds, z.read(name).decode("utf-8", "replace"), versions)
                elif name.endswith(".whl"):  # --no-pre-install-wheels: whole wheel files
                    with zipfile.ZipFile(io.BytesIO(z.read(name))) as wheel:
                        for inner in wheel.namelist():
                            if inner.endswith(".dist-info/METADATA"):
                                text = wheel.read(inner).decode("utf-8", "replace")
                                add_metadata(seeds, text, versions)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--site-packages", action="append", default=[])
    parser.add_argument("archives", nargs="+")
    args = parser.parse_args()
    seeds = Corpora(args.out)
    versions = []
    for folder in args.site_packages:
        for entry in sorted(os.listdir(folder)):
            path = os.path.join(folder, entry, "METADATA")
            if entry.endswith(".dist-info") and os.path.isfile(path):
                add_metadata(seeds, open(path, encoding="utf-8", errors="replace").read(), versions)
    # PEXes before .pexrc files, so that their versions pair with interpreter constraints.
    for path in sorted(args.archives, key=lambda p: p.endswith(".pexrc")):
        add_archive(seeds, path, versions)


if __name__ == "__main__":
    main()
