#!/usr/bin/env python3
"""Builds a dynamically linked CPython on musl libc into DEST, so that the
launcher meets an Alpine-style interpreter (test/e2e/musl.sh). Sources are
Debian 12's, checked like debian_root.py's packages: CPython 3.11.2's and
zlib's (pex's zipapps are deflated, so zipimport needs zlib; musl-gcc sees
only musl's headers and libraries, so zlib is built here too, static).

Alpine names its libc libc.musl-<arch>.so.1 and musllinux wheels (auditwheel)
link to that name; Debian's musl has none. DEST/lib carries the name as a
link to the loader, found through the interpreter's RUNPATH ($ORIGIN/../lib).

Configured as a cross build (glibc host, musl target), so that CPython's
setup.py searches musl-gcc's own paths, not the host's /usr/include and
/usr/local; the build needs a CPython 3.11 to run (pyenv's).

usage: musl_python.py DEST PYTHON_VERSIONS_DIR
"""
import glob
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

from debian_root import Failure, source_tarballs

LOADER = "/lib/ld-musl-x86_64.so.1"
JOBS = str(os.cpu_count() or 1)


def run(what, argv, cwd, log, **env):
    started = time.monotonic()
    with open(log, "ab") as out:
        done = subprocess.run(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                              env=dict(os.environ, **env))
    if done.returncode != 0:
        with open(log, "rb") as f:
            tail = f.read()[-4000:].decode(errors="replace")
        raise Failure("%s failed (exit %d); the end of %s:\n%s" % (what, done.returncode, log, tail))
    print("musl_python.py: %s: %.0f s" % (what, time.monotonic() - started), flush=True)


def unpacked(tarball, into):
    with tarfile.open(tarball) as archive:
        top = archive.getnames()[0].split("/")[0]
        # Checked against the signed index already; "data" where this Python has it.
        archive.extractall(into, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return os.path.join(into, top)


def musl_cc(work):
    """musl-gcc, except that it names no multiarch triplet, as on Alpine:
    Debian's gcc says x86_64-linux-gnu, which CPython's configure refuses
    beside the x86_64-linux-musl its compiler test finds."""
    path = os.path.join(work, "musl-cc")
    with open(path, "w") as f:
        f.write('#!/bin/sh\ncase "$1" in -print-multiarch|--print-multiarch) exit 0;; esac\nexec musl-gcc "$@"\n')
    os.chmod(path, 0o755)
    return path


def main(argv):
    if len(argv) != 2:
        raise Failure("usage: musl_python.py DEST PYTHON_VERSIONS_DIR")
    build_pythons = sorted(glob.glob(os.path.join(argv[1], "3.11.*", "bin", "python3.11")))
    if not build_pythons:
        raise Failure("no CPython 3.11 in %s to build with" % argv[1])
    if shutil.which("musl-gcc") is None or not os.path.exists(LOADER):
        raise Failure("needs Debian's musl-tools (musl-gcc and %s)" % LOADER)
    dest = os.path.abspath(argv[0])
    parent = os.path.dirname(dest)
    log = dest + ".log"
    os.makedirs(parent, exist_ok=True)
    if os.path.exists(log):
        os.unlink(log)
    with tempfile.TemporaryDirectory(dir=parent, prefix=".musl-python-") as work:
        tarballs = source_tarballs("bookworm", {"zlib": ".orig.tar.bz2",
                                                "python3.11": ".orig.tar.gz"}, work)
        zlib_src = unpacked(tarballs["zlib"], work)
        python_src = unpacked(tarballs["python3.11"], work)
        cc = musl_cc(work)
        zlib = os.path.join(work, "zlib")
        run("zlib configure", ["./configure", "--static", "--prefix=" + zlib], zlib_src, log,
            CC=cc, CFLAGS="-O2 -fPIC")
        run("zlib build", ["make", "-j" + JOBS, "install"], zlib_src, log)
        # 3.11's configure names the platform triplet (the extension
        # modules' suffix, -linux-musl) from the *build* system, so --build
        # says musl too; spelled unlike --host, autoconf still cross-builds.
        # Answers for the checks a cross build cannot run, and pkg-config
        # kept to the musl zlib (the host's .pc files name glibc libraries).
        run("CPython configure",
            ["./configure", "--prefix=" + dest, "--build=x86_64-linux-musl",
             "--host=x86_64-pc-linux-musl", "--with-build-python=" + build_pythons[-1],
             "--without-ensurepip", "--disable-test-modules", "ac_cv_file__dev_ptmx=yes",
             "ac_cv_file__dev_ptc=no", "ac_cv_buggy_getaddrinfo=no", "CC=" + cc,
             "READELF=" + (shutil.which("readelf") or "readelf"),
             "CPPFLAGS=-I%s/include" % zlib, "LDFLAGS=-L%s/lib" % zlib],
            python_src, log, PKG_CONFIG_LIBDIR=os.path.join(zlib, "lib", "pkgconfig"))
        # Only the interpreter's own link gets the RUNPATH; make hands $$ to
        # the shell as $, which the quotes keep from expanding.
        link = "LINKFORSHARED=-Xlinker -export-dynamic -Wl,-rpath,'$$ORIGIN/../lib'"
        run("CPython build", ["make", "-j" + JOBS, link], python_src, log)
        stage = os.path.join(work, "stage")
        run("CPython install", ["make", "install", link, "DESTDIR=" + stage], python_src, log)
        home = stage + dest
        os.symlink(LOADER, os.path.join(home, "lib", "libc.musl-x86_64.so.1"))
        check = subprocess.run([os.path.join(home, "bin", "python3.11"), "-c", "import zlib"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if check.returncode != 0:
            raise Failure("the musl CPython does not start:\n%s" % check.stdout.decode(errors="replace"))
        shutil.rmtree(dest, ignore_errors=True)
        os.rename(home, dest)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Failure as e:
        sys.exit("musl_python.py: %s" % e)
