"""Writes docs/BENCHMARKS.md and its chart from the results scripts/bench leaves
in build/bench/results/<size>/; also records the facts of a run (machine,
versions) at the time it runs.

  bench_report.py --facts OUT.json KEY=VALUE...
  bench_report.py RESULTS_DIR DOC.md CHART.png
"""

import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path

SIZES = ["small", "medium", "huge"]
SUITES = [  # (file stem, column title)
    ("cold-off", "cold, PYTHONDONTWRITEBYTECODE=1"),
    ("cold-on", "cold, .pyc written"),
    ("cold-fresh-off", "cold, fresh file system, PYTHONDONTWRITEBYTECODE=1"),
    ("cold-fresh-on", "cold, fresh file system, .pyc written"),
    ("warm-off", "warm, PYTHONDONTWRITEBYTECODE=1"),
    ("warm-on", "warm, .pyc written"),
]
BASELINE = "python app.pex"
FLOOR = "floor"
DEFAULT_COLD_RUNS = {"small": 10, "medium": 10, "huge": 3}  # scripts/bench's defaults
PHASE_LINE = re.compile(r"^pexrc: \[\s*[\d.]+ ms\] (.+?) took ([\d.]+) ms$")
STEPS_LINE = re.compile(r"^pexrc: \[\s*[\d.]+ ms\] extract steps: (.*)$")
STEP = re.compile(r"(directories|check and publish|create|decode|hash|wait|write|close) ([\d.]+) ms")
WORKERS = re.compile(r"(\d+) workers")


def command_output(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def memory_gib():
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    return "?"


def filesystem(path):
    return " ".join(command_output("findmnt", "-n", "-o", "FSTYPE,SOURCE", "-T", path).split())


def record_facts(out, pairs):
    facts = dict(pair.split("=", 1) for pair in pairs)
    facts.update(
        date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        cores=str(len(os.sched_getaffinity(0))),
        cpu=cpu_model(),
        memory=memory_gib(),
        kernel=platform.release(),
        tmp_fs=filesystem("/tmp"),
        cache_fs=filesystem(facts.get("cache_dir", "/tmp")),
        load=" ".join(Path("/proc/loadavg").read_text().split()[:3]),
        python_version=command_output(facts["python"], "--version"),
        hyperfine=command_output("hyperfine", "--version"),
    )
    Path(out).write_text(json.dumps(facts, indent=1, sort_keys=True) + "\n")


def read_tsv(path):
    if not path.exists():
        return []
    return [line.split("\t") for line in path.read_text().splitlines() if line]


def load_size(directory):
    size = {"facts": json.loads((directory / "facts.json").read_text()), "suites": {}}
    for stem, _ in SUITES:
        path = directory / f"{stem}.json"
        if path.exists():
            size["suites"][stem] = {r["command"]: r for r in json.loads(path.read_text())["results"]}
    size["files"] = {name: int(n) for name, n in read_tsv(directory / "files.tsv")}
    size["unpacked"] = {name: int(float(n)) for name, n in read_tsv(directory / "unpacked.tsv")}
    size["write_floor"] = [(int(b), int(w), float(s)) for b, w, s in read_tsv(directory / "write-floor.tsv")]
    # threads, files, bytes, seconds
    size["unpack_floor"] = [(int(t), int(f), int(b), float(s))
                            for t, f, b, s in read_tsv(directory / "unpack-floor.tsv")]
    size["stages"] = [(label, float(s)) for label, s in read_tsv(directory / "stages.tsv")]
    size["inject"] = parse_gnu_time(directory / "inject.time")
    size["inject_no_compile"] = parse_gnu_time(directory / "inject-no-compile.time")
    size["phases"] = parse_phases(sorted(directory.glob("extract-*.log")))
    size["steps"], size["workers"] = parse_steps(sorted(directory.glob("extract-*.log")))
    fresh = directory / "extract-fresh-fs.txt"
    size["extract_fresh_fs"] = fresh.exists() and fresh.read_text().strip() == "1"
    one_core = [p for p in [directory / "one-core-extract.log"] if p.exists()]
    size["one_core"] = parse_phases(one_core).get("extract", [])
    rss = directory / "launcher-rss-kb.txt"
    size["launcher_rss_kb"] = int(rss.read_text().split()[-1]) if rss.exists() else None
    packages = directory / "packages.json"
    size["packages"] = json.loads(packages.read_text()) if packages.exists() else []
    return size


def parse_gnu_time(path):
    if not path.exists():
        return {}
    fields = dict(line.strip().rsplit(": ", 1) for line in path.read_text().splitlines() if ": " in line)
    wall = 0.0
    for part in fields.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0").split(":"):
        wall = wall * 60 + float(part)
    return {
        "wall": wall,
        "user": float(fields.get("User time (seconds)", 0)),
        "sys": float(fields.get("System time (seconds)", 0)),
        "rss_mib": int(fields.get("Maximum resident set size (kbytes)", 0)) / 1024,
    }


def parse_phases(logs):
    """{phase: [ms per run]} from the PEX_VERBOSE=1 lines of cold runs."""
    phases = {}
    for log in logs:
        for line in log.read_text().splitlines():
            if m := PHASE_LINE.match(line):
                phases.setdefault(m.group(1), []).append(float(m.group(2)))
    return phases


def parse_steps(logs):
    """({step: [ms per run]}, workers) from the `extract steps` lines of cold runs."""
    steps, workers = {}, None
    for log in logs:
        for line in log.read_text().splitlines():
            if m := STEPS_LINE.match(line):
                for name, ms in STEP.findall(m.group(1)):
                    steps.setdefault(name, []).append(float(ms))
                if w := WORKERS.search(m.group(1)):
                    workers = int(w.group(1))
    return steps, workers


def seconds(value):
    if value >= 1:
        return f"{value:.2f} s"
    ms = value * 1000
    return f"{ms:.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


def mean_and_spread(result):
    """The mean and the stddev in the mean's unit, e.g. `1.23 s ± 0.04`."""
    mean, sd = result["mean"], result.get("stddev") or 0.0
    text = seconds(mean)
    unit = text.split()[1]
    scale = 1 if unit == "s" else 1000
    digits = text.split()[0].split(".")
    places = len(digits[1]) if len(digits) > 1 else 0
    return f"{text.split()[0]} ± {sd * scale:.{places}f} {unit}"


def megabytes(n):
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} kB"


def is_short(name, size):
    return int(size["facts"]["cold_runs"]) < DEFAULT_COLD_RUNS[name]


def contenders(size):
    names = []
    for suite in size["suites"].values():
        names += [n for n in suite if n not in names]
    return names


def cell(suite, name):
    result = suite.get(name)
    if result is None:
        return "—"
    text = mean_and_spread(result)
    ratios = []
    if BASELINE in suite:
        ratios.append(f"{result['mean'] / suite[BASELINE]['mean']:.2f}× pex")
    if FLOOR in suite and name != FLOOR:
        ratios.append(f"{result['mean'] / suite[FLOOR]['mean']:.1f}× floor")
    return text + ("<br>" + " · ".join(ratios) if ratios else "")


def size_section(name, size):
    facts = size["facts"]
    lines = [f"## {name}: {facts['label']}", ""]
    load = f", load average {facts['load']} when it began" if "load" in facts else ""
    lines.append(
        f"Measured {facts['date']}{load}; cold {facts['cold_runs']} runs, "
        f"warm {facts['warm_runs']} runs per contender."
    )
    if is_short(name, size):
        lines.append("**Validation run** (fewer runs than the default): indicative numbers only.")
    lines.append("")
    files = size["files"]
    if files:
        lines.append("Files: " + ", ".join(f"`{f}` {megabytes(n)}" for f, n in files.items()) + ".")
    inject = size["inject"]
    if inject:
        lines.append(
            f"Inject (`pexrc-inject app.pex`, `/usr/bin/time -v`): {inject['wall']:.2f} s wall, "
            f"{inject['user']:.2f} s user, {inject['sys']:.2f} s sys, peak RSS {inject['rss_mib']:.0f} MiB."
        )
    plain = size["inject_no_compile"]
    if plain and "app.pexrc --no-compile" in files and "app.pexrc" in files:
        with_pyc, without = files["app.pexrc"], files["app.pexrc --no-compile"]
        lines.append(
            f"Shipped bytecode (one cache tag) costs {megabytes(with_pyc - without)} "
            f"(+{100 * (with_pyc - without) / without:.0f} % of the .pexrc, "
            f"+{100 * (with_pyc - without) / files['app.pex']:.0f} % of the input PEX) and "
            f"{inject['wall'] - plain['wall']:.2f} s of injection ({plain['wall']:.2f} s with `--no-compile`)."
        )
    lines.append("")
    lines.append("| contender | " + " | ".join(title for _, title in SUITES) + " |")
    lines.append("|---|" + "---|" * len(SUITES))
    for contender in contenders(size):
        cells = [cell(size["suites"].get(stem, {}), contender) for stem, _ in SUITES]
        lines.append(f"| `{contender}` | " + " | ".join(cells) + " |")
    lines.append("")
    lines += extraction_lines(size)
    packages = [p for p in size["packages"] if p["name"] not in ("pip", "setuptools")]
    if packages:
        lines.append("Packages: " + ", ".join(f"{p['name']} {p['version']}" for p in packages) + ".")
        lines.append("")
    return lines


def extraction_lines(size):
    lines = []
    unpacked, floor, extract = size["unpacked"], size["write_floor"], size["phases"].get("extract")
    if not (unpacked and floor and extract):
        what = f"Unpacked: {megabytes(unpacked['unpacked bytes'])} in {unpacked['unpacked files']:,} files. " if unpacked else ""
        lines.append(what + "Extract phase vs write floor: not measured in this run (the stage did not finish).")
        lines.append("")
        return lines
    floor_s = statistics.mean(s for _, _, s in floor)
    floor_bytes, writers = floor[0][0], floor[0][1]
    extract_s = statistics.mean(extract) / 1000
    where = ("a fresh file system" if size["extract_fresh_fs"]
             else "the cache's file system right after the same cache tree was deleted")
    lines.append(
        f"Unpacked: {megabytes(unpacked['unpacked bytes'])} in {unpacked['unpacked files']:,} files. "
        f"Extract phase of a cold `./app.pexrc` (`PEX_VERBOSE=1`, {len(extract)} runs; these runs "
        f"and every floor below each on {where}): "
        f"{seconds(extract_s)}. Write floor ({writers} parallel `dd bs=4M`, {megabytes(floor_bytes)}, "
        f"same runs): {seconds(floor_s)} = "
        f"{floor_bytes / 1e6 / floor_s:,.0f} MB/s (page cache, no file creation). "
        f"Extract / write floor: {extract_s / floor_s:.2f}×."
    )
    unpack = size["unpack_floor"]
    all_cores = [s for t, _, _, s in unpack if t > 1] or [s for t, _, _, s in unpack if t == 1 and len(unpack) == 1]
    one_core_floor = [s for t, _, _, s in unpack if t == 1]
    if all_cores:
        unpack_s = statistics.mean(all_cores)
        lines.append(
            f"Unpack floor (`test/tools/unpack_floor`: the same {unpack[0][1]:,} files and directories, "
            f"already decoded in memory, written with open/write/close into the cache's filesystem on "
            f"every core, {len(all_cores)} runs): {seconds(unpack_s)}. "
            f"Extract / unpack floor: {extract_s / unpack_s:.2f}×."
        )
    if size["one_core"]:
        one = statistics.mean(size["one_core"]) / 1000
        floor_one = (f"; unpack floor on one thread {seconds(statistics.mean(one_core_floor))}, "
                     f"extract / floor {one / statistics.mean(one_core_floor):.2f}×") if one_core_floor else ""
        lines.append(
            f"Extract phase on one core (`taskset -c 0`, 1 run): {seconds(one)}, "
            f"{one / extract_s:.2f}× the {size['facts']['cores']}-core time{floor_one}."
        )
    if size["launcher_rss_kb"]:
        lines.append(
            f"Peak RSS of a cold `PEX_INTERPRETER=1 ./app.pexrc -c pass` (the launcher's extraction, "
            f"then a bare python; `/usr/bin/time`): {size['launcher_rss_kb'] / 1024:.0f} MiB."
        )
    if size["steps"]:
        order = ["directories", "create", "decode", "hash", "wait", "write", "close",
                 "check and publish"]
        split = [f"{step} {seconds(statistics.mean(size['steps'][step]) / 1000)}"
                 for step in order if step in size["steps"]]
        lines.append(
            f"Where the extract phase goes (`extract steps` of the same runs, means; the steps between "
            f"directories and check-and-publish are the {size['workers']} workers' times added up, so "
            f"together they are about {size['workers']}× the wall time they took): {', '.join(split)}."
        )
    other = [f"{phase} {seconds(statistics.mean(ms) / 1000)}" for phase, ms in size["phases"].items()]
    lines.append(f"All cold phases (means): {', '.join(other)}.")
    lines.append("")
    return lines


def machine_lines(facts):
    rows = [
        ("CPU", f"{facts['cpu']}, {facts['cores']} usable cores, {facts['memory']} RAM"),
        ("kernel", facts["kernel"]),
        ("filesystem of /tmp", facts["tmp_fs"]),
        ("filesystem of the caches (build/bench)", facts["cache_fs"]),
        ("python", f"{facts['python_version']} (`{facts['python']}`)"),
        ("pex", facts["pex"]),
        ("pexrc", f"{facts['pexrc']}, commit {facts['commit']}"),
        ("hyperfine", facts["hyperfine"]),
    ]
    return ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows] + [""]


METHOD = """\
Contenders, all on the same interpreter (the only one on `PATH`, first):

- `python app.pex`: pex's zipapp; `python app.venv.pex`: pex's `--venv` PEX run by python;
  `./app.venv.pex`: the same file (built with `--venv --sh-boot`) run directly, so its `/bin/sh`
  header can exec the cached venv without starting python twice.
- `./app.pexrc`: `pexrc-inject app.pex`, run directly. `PEXRC_COMPILE=0 ./app.pexrc` (cold only,
  through `env`): the same without compiling bytecode after a cold run, so the cost of that shows.
- `floor`: a plain `python -m venv` holding exactly the PEX's wheels (pinned from its PEX-INFO),
  `compileall`ed, running the same code: what no launcher can beat.

Cold = pex's and pexrc's caches removed before every run (hyperfine `--prepare`); cold on a fresh
file system = the caches' directory mounted over, before every run, with a new ext4 made on a
sparse image on the same disk (attached by `losetup --direct-io=on`, lazily initialised inode
tables that the kernel is told not to fill in the background): no recently deleted inodes to scan
past, as on a new host or container. The PEX files themselves stay in the page cache in both
modes. Warm = caches kept, after 3 warm-up runs. Every prepare step first waits (bounded, `flock`) for pexrc's
background compile (`locks/compile-*.lck`) so that no run overlaps it. Each column is one
hyperfine run (`--export-json`, `-N`), so its ratios compare runs made under the same load:
`× pex` is the mean over `python app.pex`'s, `× floor` over the floor's. The machine is shared:
expect noise, trust the ratios more than the absolute times.
"""


def chart(sizes, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = []
    for size in sizes.values():
        names += [n for n in contenders(size) if n not in names]
    colours = {n: plt.get_cmap("tab10")(i) for i, n in enumerate(names)}
    fig, axes = plt.subplots((len(SUITES) + 1) // 2, 2, figsize=(13, 12), sharey=True)
    width = 0.8 / len(names)
    for ax, (stem, title) in zip(axes.flat, SUITES):
        for i, name in enumerate(names):
            xs, means, sds = [], [], []
            for x, size in enumerate(sizes.values()):
                result = size["suites"].get(stem, {}).get(name)
                if result:
                    xs.append(x + (i - (len(names) - 1) / 2) * width)
                    means.append(result["mean"])
                    sds.append(result.get("stddev") or 0.0)
            bars = ax.bar(xs, means, width, yerr=sds, color=colours[name], label=name, capsize=2)
            for bar, mean in zip(bars, means):
                ax.annotate(seconds(mean), (bar.get_x() + bar.get_width() / 2, mean), xytext=(0, 3),
                            textcoords="offset points", ha="center", va="bottom", rotation=90, fontsize=7)
        ax.set_title(title)
        ax.set_yscale("log")
        ax.set_xticks(range(len(sizes)), list(sizes))
        ax.grid(axis="y", which="both", alpha=0.3)
    for ax in axes[:, 0]:
        ax.set_ylabel("seconds (log)")
    axes[0, 0].set_ylim(top=axes[0, 0].get_ylim()[1] * 3)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(names), fontsize=9, frameon=False)
    fig.suptitle("pexrc vs pex: start-up time per size (mean ± stddev, lower is better)")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(path, dpi=100)


def write_report(results, doc, png):
    sizes = {n: load_size(results / n) for n in SIZES if (results / n / "facts.json").exists()}
    if not sizes:
        sys.exit(f"bench_report: no results under {results}")
    first = next(iter(sizes.values()))["facts"]
    lines = [
        "# Benchmarks",
        "",
        "Generated by `scripts/bench` (do not edit by hand; `scripts/bench --help` for the options).",
        "",
    ]
    short = [name for name, size in sizes.items() if is_short(name, size)]
    if short:
        lines += [
            f"**This copy holds a validation run** for {', '.join(short)}: fewer runs than the default, "
            "on a shared machine; read the ratios, not the decimals.",
            "",
        ]
    lines += [
        "## Machine and versions",
        "",
    ]
    lines += machine_lines(first)
    lines += ["## How it is measured", "", METHOD, f"![start-up times per size and contender]({png.name})", ""]
    for name, size in sizes.items():
        lines += size_section(name, size)
    lines += ["## How long the benchmark took", "", "| stage | seconds |", "|---|---|"]
    for size in sizes.values():
        for label, s in size["stages"]:
            lines.append(f"| {label} | {s:.1f} |")
        lines.append(f"| **{size['facts']['size']} total** | **{sum(s for _, s in size['stages']):.1f}** |")
    lines.append("")
    doc.write_text("\n".join(lines))
    chart(sizes, png)


def main(argv):
    if argv[:1] == ["--facts"]:
        record_facts(argv[1], argv[2:])
    elif len(argv) == 3:
        write_report(Path(argv[0]), Path(argv[1]), Path(argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
