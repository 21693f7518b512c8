#!/usr/bin/env python3
"""Unpacks Debian packages of another CPU into DEST, a root for qemu-user
(QEMU_LD_PREFIX=DEST), so that the foreign launchers' tests run that CPU's
real CPython. Straight from the archive, whatever architectures apt knows:
the suite's InRelease is checked with gpgv against Debian's archive keyring,
Packages.xz against InRelease's SHA-256, each .deb against Packages.
Without PACKAGEs, the suite's CPython and the libraries its modules load.
source_tarballs fetches source packages the same checked way (musl_python.py).

usage: debian_root.py SUITE ARCH DEST [PACKAGE...]
"""
import hashlib
import lzma
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

MIRROR = "http://deb.debian.org/debian"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
PYTHON = {
    "bookworm": ["python3.11-minimal", "libpython3.11-minimal", "libpython3.11-stdlib", "libc6",
                 "libgcc-s1", "zlib1g", "libexpat1", "libffi8", "libssl3", "libbz2-1.0",
                 "liblzma5", "libuuid1"],
    "trixie": ["python3.13-minimal", "libpython3.13-minimal", "libpython3.13-stdlib", "libc6",
               "zlib1g", "libexpat1", "libffi8", "libssl3t64", "libzstd1", "libbz2-1.0",
               "liblzma5", "libuuid1"],
}


class Failure(Exception):
    pass


def fetch(url):
    for attempt in range(3):
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.read()
        except OSError as e:
            error = e
    raise Failure("cannot download %s: %s" % (url, error))


def verified_release(suite, work):
    signed = os.path.join(work, "InRelease")
    with open(signed, "wb") as f:
        f.write(fetch("%s/dists/%s/InRelease" % (MIRROR, suite)))
    text = os.path.join(work, "Release")
    check = subprocess.run(["gpgv", "--keyring", KEYRING, "--output", text, signed],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if check.returncode != 0:
        raise Failure("%s's InRelease fails its signature check:\n%s"
                      % (suite, check.stdout.decode(errors="replace")))
    with open(text, encoding="utf-8") as f:
        return f.read()


def sha256_in_release(release, path):
    in_sha256 = False
    for line in release.splitlines():
        if not line.startswith(" "):
            in_sha256 = line.startswith("SHA256:")
        elif in_sha256 and line.split()[2] == path:
            return line.split()[0]
    raise Failure("the release file does not list %s" % path)


def checked(data, sha256, what):
    if hashlib.sha256(data).hexdigest() != sha256:
        raise Failure("%s does not have the SHA-256 its index gives" % what)
    return data


def paragraphs(text):
    """Each stanza of a Debian index as {field: value}; a multi-line field
    (Checksums-Sha256) keeps its continuation lines, newline-separated."""
    for paragraph in text.split("\n\n"):
        fields, key = {}, None
        for line in paragraph.splitlines():
            if line.startswith(" ") and key:
                fields[key] += "\n" + line.strip()
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        if fields:
            yield fields


def verified_index(suite, path, work):
    release = verified_release(suite, work)
    data = checked(fetch("%s/dists/%s/%s" % (MIRROR, suite, path)),
                   sha256_in_release(release, path), path)
    return list(paragraphs(lzma.decompress(data).decode("utf-8")))


def packages_index(suite, arch, work):
    index = verified_index(suite, "main/binary-%s/Packages.xz" % arch, work)
    return {fields["Package"]: fields for fields in index if "Package" in fields}


def source_tarballs(suite, wanted, work):
    """Downloads into WORK, for each PACKAGE: SUFFIX of WANTED, the file of
    PACKAGE's source in SUITE whose name ends with SUFFIX (".orig.tar.gz"),
    checked against Sources.xz; returns {PACKAGE: path}."""
    found = {}
    for fields in verified_index(suite, "main/source/Sources.xz", work):
        package = fields.get("Package")
        if package not in wanted or package in found:
            continue
        for line in fields.get("Checksums-Sha256", "").split("\n"):
            words = line.split()
            if len(words) == 3 and words[2].endswith(wanted[package]):
                found[package] = os.path.join(work, words[2])
                with open(found[package], "wb") as f:
                    f.write(checked(fetch("%s/%s/%s" % (MIRROR, fields["Directory"], words[2])),
                                    words[0], words[2]))
                break
        else:
            raise Failure("%s's source package %s has no *%s" % (suite, package, wanted[package]))
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise Failure("%s has no source package %s" % (suite, ", ".join(missing)))
    return found


def main(argv):
    if len(argv) < 3 or (len(argv) == 3 and argv[0] not in PYTHON):
        raise Failure("usage: debian_root.py SUITE ARCH DEST [PACKAGE...] (SUITE without "
                      "PACKAGEs: one of %s)" % ", ".join(sorted(PYTHON)))
    suite, arch, dest = argv[0], argv[1], os.path.abspath(argv[2])
    packages = argv[3:] or PYTHON[suite]
    with tempfile.TemporaryDirectory() as work:
        index = packages_index(suite, arch, work)
        staging = dest + ".tmp"
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(staging)
        for name in packages:
            if name not in index:
                raise Failure("%s/%s has no package %s" % (suite, arch, name))
            entry = index[name]
            deb = os.path.join(work, os.path.basename(entry["Filename"]))
            with open(deb, "wb") as f:
                f.write(checked(fetch("%s/%s" % (MIRROR, entry["Filename"])), entry["SHA256"],
                                entry["Filename"]))
            subprocess.run(["dpkg-deb", "-x", deb, staging], check=True)
        # Debian 13's packages install into /usr only; base-files, which
        # links /lib to usr/lib there (where the loader then is), is not needed else.
        for top in ("bin", "sbin", "lib"):
            if not os.path.lexists(os.path.join(staging, top)) and \
                    os.path.isdir(os.path.join(staging, "usr", top)):
                os.symlink(os.path.join("usr", top), os.path.join(staging, top))
        relative_links(staging)
        shutil.rmtree(dest, ignore_errors=True)
        os.rename(staging, dest)


def relative_links(root):
    """qemu resolves the loader's path in the root, but the kernel follows an
    absolute link (ppc64el's /lib64/ld64.so.2) from /: such links are made
    relative, to the same place inside the root."""
    for parent, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(parent, name)
            target = os.readlink(path) if os.path.islink(path) else ""
            if target.startswith("/"):
                os.unlink(path)
                os.symlink(os.path.relpath(root + target, parent), path)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Failure as e:
        sys.exit("debian_root.py: %s" % e)
