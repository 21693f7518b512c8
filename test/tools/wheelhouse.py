#!/usr/bin/env python3
"""The tests' wheelhouse: every PyPI file a test installs, fetched once.

  wheelhouse.py fetch LOCK DIR     download each file LOCK names into DIR
                                   (skipping those already there), check its
                                   SHA-256, remove files LOCK no longer names,
                                   and write DIR/index.html
  wheelhouse.py line FILENAME...   print LOCK lines for files on PyPI (looked up
                                   in the index of the project the name names)

A LOCK line is "URL SHA256"; '#' starts a comment. The tests then resolve
from DIR/index.html alone (pex --no-pypi --find-links, pip --no-index
--find-links), so a registry that is slow or down during the run fails no
test. The page, not the directory: like PyPI's index it gives each file's
Requires-Python, without which pip (pex's, for Python 3.8) takes a newer
release than the interpreter can run and fails instead of passing it by.
"""

import concurrent.futures
import email.parser
import hashlib
import html
import json
import os
import re
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

ATTEMPTS = 3
PAGE = "index.html"


class WheelhouseError(Exception):
    pass


def read_lock(path):
    entries = []
    with open(path, encoding="utf-8") as lock:
        for number, line in enumerate(lock, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            if len(fields) != 2 or not re.fullmatch(r"[0-9a-f]{64}", fields[1]):
                raise WheelhouseError(f"{path}:{number}: expected 'URL SHA256', got {line!r}")
            url, digest = fields
            name = os.path.basename(urllib.parse.urlparse(url).path)
            if not name or name.startswith("."):
                raise WheelhouseError(f"{path}:{number}: no file name in {url}")
            entries.append((name, url, digest))
    names = [name for name, _, _ in entries]
    if len(set(names)) != len(names):
        raise WheelhouseError(f"{path}: a file is named twice")
    return entries


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(name, url, digest, directory):
    """Fetches one file into DIRECTORY under its name, whole and checked, or
    not at all: it is written beside, then renamed."""
    target = os.path.join(directory, name)
    if os.path.exists(target) and sha256_of(target) == digest:
        return 0
    last = None
    for attempt in range(ATTEMPTS):
        fd, partial = tempfile.mkstemp(prefix="." + name + ".", dir=directory)
        try:
            with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=120) as response:
                while block := response.read(1 << 20):
                    out.write(block)
            got = sha256_of(partial)
            if got != digest:
                raise WheelhouseError(f"{name}: SHA-256 {got}, the lock says {digest}")
            os.replace(partial, target)
            return os.path.getsize(target)
        except (OSError, urllib.error.URLError) as error:
            last = error
            if attempt + 1 < ATTEMPTS:
                time.sleep(2 * (attempt + 1))
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
    raise WheelhouseError(f"{name}: {url}: {last}")


def fetch(lock_path, directory):
    entries = read_lock(lock_path)
    os.makedirs(directory, exist_ok=True)
    wanted = {name for name, _, _ in entries} | {PAGE}
    for present in os.listdir(directory):
        if present not in wanted:
            os.unlink(os.path.join(directory, present))
    fetched = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        jobs = [pool.submit(download, name, url, digest, directory) for name, url, digest in entries]
        for job in jobs:
            fetched += job.result()
    write_page(directory, entries)
    print(f"wheelhouse: {len(entries)} files in {directory} ({fetched / 1e6:.1f} MB fetched now)")


def requires_python(path):
    if not path.endswith(".whl"):
        return None
    with zipfile.ZipFile(path) as wheel:
        metadata = [n for n in wheel.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)]
        if len(metadata) != 1:
            raise WheelhouseError(f"{path}: not one .dist-info/METADATA")
        headers = email.parser.BytesHeaderParser().parsebytes(wheel.read(metadata[0]))
    return headers.get("Requires-Python")


def write_page(directory, entries):
    """A find-links page of every file, each anchor with its Requires-Python
    (PEP 503), written beside and renamed into place."""
    lines = ["<!DOCTYPE html>", "<html><body>"]
    for name, _, digest in sorted(entries):
        needs = requires_python(os.path.join(directory, name))
        attribute = f' data-requires-python="{html.escape(needs)}"' if needs else ""
        href = html.escape(f"{name}#sha256={digest}")
        lines.append(f'<a href="{href}"{attribute}>{html.escape(name)}</a><br>')
    lines.append("</body></html>")
    fd, partial = tempfile.mkstemp(prefix="." + PAGE + ".", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as page:
        page.write("\n".join(lines) + "\n")
    os.replace(partial, os.path.join(directory, PAGE))


def name_and_version(filename):
    if filename.endswith(".whl"):
        parts = filename[: -len(".whl")].split("-")
        if len(parts) in (5, 6):
            return parts[0], parts[1]
    else:
        match = re.fullmatch(r"(.+)-([^-]+)\.(tar\.gz|zip)", filename)
        if match:
            return match.group(1), match.group(2)
    raise WheelhouseError(f"{filename}: not a wheel or sdist file name")


def lock_line(filename):
    # PyPI's simple index in its JSON form (PEP 691), under the project's
    # normalised name (PEP 503).
    name, _ = name_and_version(filename)
    project = re.sub(r"[-_.]+", "-", name).lower()
    request = urllib.request.Request(f"https://pypi.org/simple/{project}/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        index = json.load(response)
    for file in index["files"]:
        if file["filename"] == filename:
            return f"{file['url']} {file['hashes']['sha256']}"
    raise WheelhouseError(f"{filename}: not among the files of {project} on PyPI")


def main(argv):
    try:
        if len(argv) == 4 and argv[1] == "fetch":
            fetch(argv[2], argv[3])
        elif len(argv) >= 3 and argv[1] == "line":
            for filename in argv[2:]:
                print(lock_line(filename))
        else:
            print(__doc__.strip(), file=sys.stderr)
            return 2
    except (WheelhouseError, OSError, urllib.error.URLError) as error:
        print(f"wheelhouse: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
