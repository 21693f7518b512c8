# `repository info` and `repository extract`: the wheels the app runs with,
# described, or packed again as .whl files that pip installs (pex's repack:
# the wheel's own files at their wheel paths, in RECORD order, with fixed
# timestamps unless --use-system-time).
import csv
import json
import os
import re
import subprocess
import sys
import zipfile
from collections import OrderedDict

from tool_common import CONTEXT, ToolError, open_output, record_hash, write_json
from tool_requirements import distributions, normal_specifiers

DETERMINISTIC_TIME = (1980, 1, 1, 0, 0, 0)


def add_arguments(parser, add_output, add_indent, add_global_options):
    add_output(parser, "distribution information")
    commands = parser.add_subparsers(
        title="subcommands", description="What to do with the PEX's distributions.")
    info = commands.add_parser("info", help="Prints each distribution's name, version and location.")
    info.add_argument("-v", "--verbose", action="store_true", default=False,
                      help="Print JSON, with the requirements of each distribution too.")
    add_indent(info, "the JSON")
    add_global_options(info, verbosity=False)
    info.set_defaults(run=run_info)

    extract = commands.add_parser("extract", help="Writes each distribution as a wheel file.")
    extract.add_argument("-f", "--dest-dir", "--find-links", "--repo", metavar="PATH",
                         help="The directory to write the wheels to.")
    extract.add_argument("-D", "--sources", action="store_true", default=False,
                         help="Also write an sdist of the PEX's own code (not supported by pexrc).")
    extract.add_argument("--use-system-time", action="store_true", default=False,
                         help="Give wheel entries the times and modes of the original wheel, "
                              "instead of fixed ones (1980-01-01) that make the files "
                              "reproducible.")
    extract.add_argument("--serve", action="store_true", default=False,
                         help="Afterwards serve the directory over HTTP as a find-links repository.")
    extract.add_argument("--port", type=int, default=0, metavar="PORT",
                         help="The port to serve on (0: any free one).")
    extract.add_argument("--pid-file", metavar="PATH",
                         help="Where to write <pid>:<port> of the server.")
    add_global_options(extract)
    extract.set_defaults(run=run_extract)
    parser.set_defaults(run=lambda options: parser.print_help() or 0)


def run_info(options):
    with open_output(options) as out:
        for dist in distributions():
            if options.verbose:
                requires_python = dist.metadata.get("Requires-Python", [None])[0]
                write_json(options, OrderedDict([
                    ("project_name", dist.project_name),
                    ("version", dist.version),
                    ("requires_python", normal_specifiers(requires_python) if requires_python else None),
                    ("requires_dists", [str(r) for r in dist.requires]),
                    ("location", dist.location),
                ]), out)
            else:
                out.write("%s %s %s" % (dist.project_name, dist.version, dist.location))
            out.write("\n")
    return 0


class Repacker(object):
    """Maps a chroot back to the wheel it came from."""

    def __init__(self, dist):
        self.dist = dist
        name_version = dist.dist_info[:-len(".dist-info")]
        self.data_dir = name_version + ".data"
        self.original = self._original_entries()

    def _original_entries(self):
        # pex keeps the original wheel's entry list (names, times, modes).
        info = os.path.join(self.dist.location, self.dist.dist_info[:-len(".dist-info")] + ".pex-info",
                            "original-whl-info.json")
        if not os.path.isfile(info):
            return None
        with open(info) as f:
            return OrderedDict((e[0], e) for e in json.load(f)["entries"])

    def wheel_path(self, chroot_path):
        """Where a chroot file lives in the wheel, or None if the wheel had no such file."""
        parts = chroot_path.split("/")
        if parts[0] == ".layout.json" or parts[0].endswith(".pex-info"):
            return None
        if parts[0] == ".prefix":
            key, rest = parts[1], parts[2:]
            if key == "bin":
                key = "scripts"
            elif key == "include":
                # headers: .prefix/include/site/pythonX.Y/<dist>/... or include/<dist>/...
                rest = rest[3:] if rest[:1] == ["site"] else rest[1:]
                key = "headers"
            path = "/".join([self.data_dir, key] + rest)
        else:
            path = chroot_path
        base = os.path.basename(path)
        if path.startswith(self.dist.dist_info + "/") and base in ("INSTALLER", "REQUESTED",
                                                                   "direct_url.json"):
            return None
        if self.original is not None and path not in self.original and base != "RECORD":
            return None  # what pex generated (console scripts), not the wheel's
        return path

    def files(self):
        """{wheel path: chroot file} in RECORD order (RECORD itself included,
        as None), and RECORD's line end."""
        record = os.path.join(self.dist.location, self.dist.dist_info, "RECORD")
        with open(record, "rb") as f:
            eol = "\r\n" if f.readline().endswith(b"\r\n") else "\n"
        with open(record) as f:
            listed = [row for row in csv.reader(f) if row]
        record_path = self.dist.dist_info + "/RECORD"
        files = OrderedDict()
        for row in listed:
            path = self.wheel_path(row[0])
            if path == record_path:
                files[path] = None
            elif path is not None:
                files[path] = os.path.join(self.dist.location, *row[0].split("/"))
        files.setdefault(record_path, None)
        return files, eol

    def write(self, dest_dir, use_system_time):
        files, eol = self.files()
        contents, record_lines = {}, []
        for path, source in files.items():
            if source is None:
                record_lines.append(path + ",,")
                continue
            with open(source, "rb") as f:
                contents[path] = f.read()
            record_lines.append("%s,%s,%d" % (path, record_hash(contents[path]), len(contents[path])))
        record = "".join(line + eol for line in record_lines).encode("utf-8")  # the wheel's line ends
        # In RECORD's order, the RECORD where it lists itself; with
        # --use-system-time, the original wheel's order, directories included.
        order = list(files)
        if use_system_time and self.original:
            order = [name for name in self.original if name in files or name.endswith("/")]
        target = os.path.join(dest_dir, self.dist.wheel_file)
        partial = target + ".pexrc-partial"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as whl:
            for path in order:
                source = files.get(path)
                if path.endswith("/"):
                    whl.writestr(self._entry(path, True, zipfile.ZIP_STORED), b"")
                elif source is None:
                    whl.writestr(self._entry(path, use_system_time), record)
                else:
                    executable = os.stat(source).st_mode & 0o111
                    whl.writestr(self._entry(path, use_system_time, executable=executable),
                                 contents[path])
        os.rename(partial, target)
        return target

    def _entry(self, path, use_system_time, compression=zipfile.ZIP_DEFLATED, executable=False):
        original = self.original.get(path) if (use_system_time and self.original) else None
        info = zipfile.ZipInfo(path, tuple(original[1]) if original else DETERMINISTIC_TIME)
        info.compress_type = compression
        mode = 0o100755 if executable else 0o100644
        info.external_attr = original[2] if original else (mode << 16)
        return info


def serve(options, dest_dir, out):
    module = "http.server" if sys.version_info[0] >= 3 else "SimpleHTTPServer"
    server = subprocess.Popen([sys.executable, "-u", "-m", module, str(options.port)],
                              cwd=dest_dir, stdout=subprocess.PIPE)
    line = server.stdout.readline().decode("utf-8", "replace")
    match = re.match(r"^Serving HTTP on \S+ port (\d+)\D", line)
    if not match:
        server.kill()
        raise ToolError("Could not start a server for %s: %s" % (dest_dir, line.strip()))
    port = int(match.group(1))
    out.write("Serving find-links repo of %s via %s at http://localhost:%d\n"
              % (os.path.normpath(CONTEXT["pex"]), dest_dir, port))
    out.flush()
    if options.pid_file:
        parent = os.path.dirname(os.path.abspath(options.pid_file))
        if not os.path.isdir(parent):
            os.makedirs(parent)
        with open(options.pid_file, "w") as f:
            f.write("%d:%d" % (server.pid, port))
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.kill()
        out.write("Shut down server for find links repo at %s.\n" % dest_dir)
        return 0


def run_extract(options):
    if not options.serve and not options.dest_dir:
        raise ToolError("Specify a --find-links directory to extract wheels to.")
    if options.sources:
        raise ToolError("pexrc cannot extract the PEX's sources as an sdist (-D/--sources): that "
                        "needs setuptools; extract the wheels alone.")
    if options.dest_dir:
        dest_dir = os.path.abspath(os.path.expanduser(options.dest_dir))
    else:
        import tempfile
        dest_dir = tempfile.mkdtemp()
    if not os.path.isdir(dest_dir):
        os.makedirs(dest_dir)
    with open_output(options) as out:
        for dist in distributions():
            path = Repacker(dist).write(dest_dir, options.use_system_time)
            out.write("%s: Repacked wheel as %s\n" % (dist, path))
        if options.serve:
            return serve(options, dest_dir, out)
    return 0
