#!/usr/bin/env python3
"""Benchmark: a thread pool checks releases faster than one by one, because
claimtrace.check() releases the GIL. Not a test (timings vary with the
machine's load); reports the ratio of the two wall-clock times.

Usage (from the repository, after building):
  PYTHONPATH=build/python /usr/bin/python3 tests/bench/python_threads.py [ROUNDS] [THREADS]

Checks every release in data/releases against the report in data/reports,
ROUNDS times over (default 8), one by one and then with a pool of THREADS
threads (default: the number of cores), five times in turn; prints the
median ratio of the two, and the pool's CPU time over its wall time (above 1
only if threads run at once, which the GIL would forbid). On 2 idle cores the
ideal is 2.0 for both; other work on the machine lowers them.
"""
import concurrent.futures
import os
import pathlib
import sys
import time

import claimtrace

ROOT = pathlib.Path(__file__).resolve().parents[2]
REPORT = str(ROOT / "data" / "reports" / "ofsted-tower-hamlets-ilacs-2024.txt")
RELEASES = sorted(str(p) for p in (ROOT / "data" / "releases").glob("*.txt"))


def check(release):
    return claimtrace.check(release, [REPORT]).to_json()


def timed(work):
    """Returns the wall-clock time of `work`, the process's CPU time in it,
    and its output."""
    cpu = time.process_time()
    start = time.perf_counter()
    out = work()
    return time.perf_counter() - start, time.process_time() - cpu, out


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else (os.cpu_count() or 2)
    jobs = RELEASES * rounds
    check(jobs[0])  # warm up: first-use tables, page cache
    # One by one and pooled in turns, so both see the same load from the
    # rest of the machine; the median pair is reported.
    pairs = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        for _ in range(5):
            serial = timed(lambda: [check(r) for r in jobs])
            pooled = timed(lambda: list(pool.map(check, jobs)))
            if pooled[2] != serial[2]:
                sys.exit("the pool's results differ from one by one's")
            pairs.append((serial[0] / pooled[0], serial, pooled))
    ratio, serial, pooled = sorted(pairs, key=lambda p: p[0])[len(pairs) // 2]
    print(f"{len(jobs)} checks on {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"one by one:        {serial[0]:.2f} s wall, {serial[1]:.2f} s CPU")
    print(f"pool of {threads} threads: {pooled[0]:.2f} s wall, {pooled[1]:.2f} s CPU")
    # CPU time above wall time means threads ran at once: the GIL was free.
    print(f"cores busy in the pool: {pooled[1] / pooled[0]:.2f}")
    print(f"speed-up (median of 5 pairs): x{ratio:.2f}; "
          f"all: {', '.join(f'x{p[0]:.2f}' for p in pairs)}")


if __name__ == "__main__":
    main()
