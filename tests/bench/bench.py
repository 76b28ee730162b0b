#!/usr/bin/env python3
"""Whole-process wall time of pyqual, ruff and pylint on the same files.

    python3 tests/bench/bench.py [--sample 300] [--repeat 5] [--skip-pylint]

Files: the parity harness's seeded sample of the CPython stdlib (non-test
modules). pyqual runs with the paper profile; ruff with its pylint-like
selection (PL, C4, SIM, RET), no cache; pylint 4.1.4 with the paper rcfile in
one process (-j1, its fastest per-file mode). Single-threaded runs set
`-j 1` / `RAYON_NUM_THREADS=1`. Reports the minimum and median of --repeat
runs (pylint runs once), and pyqual's own split of the time (--timings).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "parity"))
import parity  # noqa: E402

RUFF = "ruff==0.14.5"


def timed(command, env=None, repeat=1):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        samples.append(time.perf_counter() - started)
    return min(samples), statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-pylint", action="store_true")
    parser.add_argument("--pyqual", default=os.path.join(parity.TARGET, "release", "pyqual"))
    args = parser.parse_args()

    parity.ensure_venv()
    ruff = os.path.join(parity.VENV, "bin", "ruff")
    if not os.path.exists(ruff):
        subprocess.run([parity.VENV_PYTHON, "-m", "pip", "install", "-q", RUFF], check=True)
    files = parity.stdlib_files(args.sample, 20261122)
    size = sum(os.path.getsize(f) for f in files)
    lines = sum(open(f, "rb").read().count(b"\n") for f in files)
    cores = os.cpu_count()
    single = dict(os.environ, RAYON_NUM_THREADS="1")

    rows = []
    pyqual = [args.pyqual, "check", "--no-config", "--profile", "paper"]
    ruff_cmd = [ruff, "check", "--isolated", "--no-cache", "--select", "PL,C4,SIM,RET", "--exit-zero", "-q"]
    # pyqual keeps imported modules' summaries (and python3's sys.path) in
    # its cache between runs: time both a first run (--no-cache: every
    # imported module parsed, python3 asked) and the usual warm one.
    rows.append(("pyqual, 1 thread, no cache", *timed(pyqual + ["--no-cache", "-j", "1", *files], repeat=args.repeat)))
    rows.append((f"pyqual, {cores} threads, no cache", *timed(pyqual + ["--no-cache", "-j", str(cores), *files], repeat=args.repeat)))
    subprocess.run(pyqual + ["-j", str(cores), *files], capture_output=True)  # fills the cache
    rows.append(("pyqual, 1 thread", *timed(pyqual + ["-j", "1", *files], repeat=args.repeat)))
    rows.append((f"pyqual, {cores} threads", *timed(pyqual + ["-j", str(cores), *files], repeat=args.repeat)))
    rows.append(("ruff (PL,C4,SIM,RET), 1 thread", *timed(ruff_cmd + files, env=single, repeat=args.repeat)))
    rows.append((f"ruff (PL,C4,SIM,RET), {cores} threads", *timed(ruff_cmd + files, repeat=args.repeat)))
    if not args.skip_pylint:
        pylint = [os.path.join(parity.VENV, "bin", "pylint"), f"--rcfile={parity.PROFILE_RCFILES['paper']}",
                  "--disable=duplicate-code", "--persistent=n", "-j", "1", *files]
        rows.append(("pylint 4.1.4, 1 process", *timed(pylint)))

    split = subprocess.run(pyqual + ["-j", "1", "--timings", *files], capture_output=True, text=True).stderr.strip()
    print(f"{len(files)} stdlib files, {size / 1e6:.1f} MB, {lines} lines, {cores} cores")
    print("| run | min wall s | median wall s |")
    print("|---|---|---|")
    for name, best, median in rows:
        print(f"| {name} | {best:.3f} | {median:.3f} |")
    by_name = {name: best for name, best, _ in rows}
    pyqual_single = by_name["pyqual, 1 thread"]
    ruff_single = by_name["ruff (PL,C4,SIM,RET), 1 thread"]
    print(f"\npyqual 1 thread / ruff 1 thread: {pyqual_single / ruff_single:.2f}x")
    if "pylint 4.1.4, 1 process" in by_name:
        print(f"pylint / pyqual 1 thread: {by_name['pylint 4.1.4, 1 process'] / pyqual_single:.0f}x")
        print(f"pylint / pyqual {cores} threads: {by_name['pylint 4.1.4, 1 process'] / by_name[f'pyqual, {cores} threads']:.0f}x")
    print(f"pyqual split: {split}")


if __name__ == "__main__":
    main()
