#!/usr/bin/env python3
"""Unpacks Debian packages of another CPU into DEST, a root for qemu-user
(QEMU_LD_PREFIX=DEST), so that the foreign launchers' tests run that CPU's
real CPython. Straight from the archive, whatever architectures apt knows:
the suite's InRelease is checked with gpgv against Debian's archive keyring,
Packages.xz against InRelease's SHA-256, each .deb against Packages.

usage: debian_root.py SUITE ARCH DEST PACKAGE...
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


def packages_index(suite, arch, work):
    release = verified_release(suite, work)
    path = "main/binary-%s/Packages.xz" % arch
    data = checked(fetch("%s/dists/%s/%s" % (MIRROR, suite, path)),
                   sha256_in_release(release, path), path)
    index = {}
    for paragraph in lzma.decompress(data).decode("utf-8").split("\n\n"):
        fields = {}
        for line in paragraph.splitlines():
            if line and not line.startswith(" ") and ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        if "Package" in fields:
            index[fields["Package"]] = fields
    return index


def main(argv):
    if len(argv) < 4:
        raise Failure("usage: debian_root.py SUITE ARCH DEST PACKAGE...")
    suite, arch, dest, packages = argv[0], argv[1], os.path.abspath(argv[2]), argv[3:]
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
