"""Writes docs/BENCHMARKS-venv.md from scripts/bench-venv's hyperfine JSON files.

  bench_venv_report.py RESULTS_DIR OUTPUT.md
"""
import json
import os
import platform
import sys

SIZES = [("small", "`pex cowsay==6.1 -c cowsay`, started as `DIR/bin/cowsay -t Moo!`"),
         ("medium", "`pex numpy==2.2.6 pandas==2.2.3 scipy==1.15.3`, started as "
                    "`DIR/pex -c 'import pandas, scipy.linalg'`")]
CASES = [("make", "make the venv (`venv --compile DIR`, caches warm)"),
         ("run-off", "start from the venv, PYTHONDONTWRITEBYTECODE=1"),
         ("run-on", "start from the venv, bytecode writing on")]


def row(what, results):
    pex, pexrc = results
    ratio = pex["median"] / pexrc["median"]
    return "| %s | %.3f s ± %.3f | %.3f s ± %.3f | %.2f× |" % (
        what, pex["median"], pex["stddev"] or 0, pexrc["median"], pexrc["stddev"] or 0, ratio)


def main(results_dir, output):
    lines = ["# `PEX_TOOLS=1 APP venv` benchmark", "",
             "Written by `scripts/bench-venv` (hyperfine, medians ± standard deviation; the ratio is "
             "pex's median over pexrc's, above 1 when pexrc is faster), on %s, %d CPUs. Both tools "
             "run on the same PEX with the same interpreter; pex's venv links files from its cache "
             "where it can, pexrc's copies them (see docs/DESIGN.md, PEX_TOOLS). The two venvs hold the "
             "same site-packages; only `DIR/pex` (`__main__.py`) is each tool's own, so start times "
             "should agree: on this noisy 2-core machine, hyperfine runs of the medium start have "
             "differed by up to ±20%% from one run to the next (on 2026-12-02: 0.90× and 1.04×, "
             "then 1.20× and 0.82×)."
             % (platform.machine(), os.cpu_count()), ""]
    for size, label in SIZES:
        rows = []
        for case, what in CASES:
            path = os.path.join(results_dir, "%s-%s.json" % (size, case))
            if os.path.exists(path):
                with open(path) as f:
                    rows.append(row(what, json.load(f)["results"]))
        if rows:
            lines += ["## %s: %s" % (size, label), "",
                      "| | pex | pexrc | pex / pexrc |", "|---|---|---|---|"] + rows + [""]
    with open(output, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
