#!/usr/bin/env python3
"""The example of data/ end to end (`claimtrace check RELEASE REPORT`, the
README's first command) beside baselines measured in the same run, in turns,
so that the figures compare only with each other (never a wall-clock limit):

- `cat` of the two files: starting a process and reading the inputs;
- `claimtrace --version`: starting this binary, its shared libraries loaded
  and relocated, and doing nothing: the floor a check cannot go under;
- `ugrep -F -f RELEASE REPORT`: a fast exact scan of the report for the
  release's lines (when ugrep is installed);
- with --before OLD: another build's check of the example (before/after).

Prints the median CPU time (user + system, of each child alone) and wall
time of N runs each, and each as a ratio to the check.

Usage: example_bench.py BINARY DATA_DIR [--runs N] [--before OLD_BINARY]
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("data")
parser.add_argument("--runs", type=int, default=30)
parser.add_argument("--before")
args = parser.parse_args()

data = pathlib.Path(args.data)
release = str(data / "releases" / "tower-hamlets-2025-01-outstanding.txt")
report = str(data / "reports" / "ofsted-tower-hamlets-ilacs-2024.txt")
commands = {"check": [args.binary, "check", release, report]}
if args.before:
    commands["check (before)"] = [args.before, "check", release, report]
commands["cat"] = ["cat", release, report]
commands["claimtrace --version"] = [args.binary, "--version"]
if shutil.which("ugrep"):
    commands["ugrep -F"] = ["ugrep", "-F", "-f", release, report]


def run(argv):
    """Runs argv alone; returns (CPU seconds, wall seconds). Output goes to a
    file: writing to /dev/null, ugrep (like grep) stops at the first match."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
        return usage.ru_utime + usage.ru_stime, time.perf_counter() - start


times = {name: [] for name in commands}
for name, argv in commands.items():  # warm the page cache
    run(argv)
for _ in range(args.runs):
    for name, argv in commands.items():
        times[name].append(run(argv))

check_cpu = statistics.median(t[0] for t in times["check"])
check_wall = statistics.median(t[1] for t in times["check"])
print(f"the example end to end, median of {args.runs} runs each, in turns "
      f"(load average {os.getloadavg()[0]:.1f})")
print(f"{'':22} {'CPU ms':>8} {'wall ms':>8} {'check/this CPU':>15} {'check/this wall':>16}")
for name in commands:
    cpu = statistics.median(t[0] for t in times[name])
    wall = statistics.median(t[1] for t in times[name])
    print(f"{name:22} {cpu * 1000:8.1f} {wall * 1000:8.1f} "
          f"{check_cpu / cpu if cpu else float('inf'):15.2f} {check_wall / wall:16.2f}")
