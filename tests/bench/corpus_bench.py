#!/usr/bin/env python3
"""The archive of reports at 100 MB, 300 MB and 1 GB: index size against the
text it holds, and the time of a query (`sources --corpus`, `check --corpus`)
beside a scan of the whole archive by `ugrep -F` in the same run, so the
figures compare only with each other (never a wall-clock limit).

The archive is made of reports of 1 MB from the shared generator
(../shared/bench/gen.py, each with its own random seed) plus the real report
of data/. The queries are releases whose true source is known: the example
releases of data/ (the real report) and, for a few generated reports, a
release quoting that report's 50 quotations ("The report said “...”."), as
the scale benchmark makes them. Each query prints its CPU and wall time, the
rank of the true source in `sources --corpus` (1: first) and in
`check --corpus`'s ranking, and the time of `ugrep -F -c` counting the
release's quotations in every report file (a scan grows with the archive).
Last, how the query time grew with the archive.

The archive grows in place (100 MB, then the next 200 MB added, then the
next 700 MB), so each step also times an incremental `index add`. The
reports stay in WORK for the next run (1 GB of disk); the index is removed
at the end unless --keep.

Usage: corpus_bench.py BINARY DATA_DIR [--bench-dir DIR] [--work DIR] [--keep]
                       [--report-mb 1] [MEGABYTES...]   (default 100 300 1000)
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import child_cost  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("data")
parser.add_argument("sizes", nargs="*", type=int, default=[100, 300, 1000])
parser.add_argument("--bench-dir", default=str(pathlib.Path(__file__).resolve().parents[2] /
                                               ".." / "shared" / "bench"))
parser.add_argument("--work", default="corpus-bench")
parser.add_argument("--report-mb", type=float, default=1.0)
parser.add_argument("--keep", action="store_true")
parser.add_argument("--before", help="another build: its `sources --corpus` timed too")
args = parser.parse_intermixed_args()

binary = os.path.abspath(args.binary)
data = pathlib.Path(args.data).resolve()
bench = pathlib.Path(args.bench_dir).resolve()
seed = bench.parent / "seeds" / "003_5fde8e9963802fc7.txt"
if not (bench / "gen.py").exists() or not seed.exists():
    print(f"skipped: no generator at {bench}/gen.py (or its seed); pass --bench-dir")
    sys.exit(0)
work = pathlib.Path(args.work).resolve()
(work / "reports").mkdir(parents=True, exist_ok=True)
real_report = data / "reports" / "ofsted-tower-hamlets-ilacs-2024.txt"
have_ugrep = shutil.which("ugrep") is not None


def run(argv, stdout=None):
    """Runs argv alone; returns (exit code, CPU seconds, wall seconds, peak RSS MiB)."""
    cost = child_cost.run(argv, stdout)
    if cost.code not in (0, 1):
        print(f"  {' '.join(argv[:3])}...: exit {cost.code}: {cost.stderr.strip()[:200]}")
    return cost.code, cost.cpu, cost.wall, cost.peak_kib / 1024


def report_path(i):
    return work / "reports" / f"gen{i:04d}.report.txt"


def generate(count):
    """Reports 0..count-1 of report_mb each (kept from earlier runs)."""
    made = 0
    for i in range(count):
        if (work / "reports" / f"gen{i:04d}.truth.tsv").exists():
            continue
        subprocess.run([sys.executable, str(bench / "gen.py"), str(seed),
                        str(int(args.report_mb * 1e6)), str(work / "reports" / f"gen{i:04d}"),
                        str(1000 + i)], check=True, stdout=subprocess.DEVNULL)
        made += 1
    return made


def generated_release(i):
    """A release quoting report i's 50 quotations, one a paragraph."""
    path = work / f"release-gen{i:04d}.txt"
    if not path.exists():
        quotes = (work / "reports" / f"gen{i:04d}.quotes.txt").read_text().splitlines()
        path.write_text("".join(f"The report said \u201c{q}\u201d.\n\n" for q in quotes))
    return path


def rank_of(ranking, truth):
    for k, entry in enumerate(ranking):
        if os.path.samefile(entry["path"], truth):
            return k + 1
    return 0  # not ranked


def query(db, release, truth, quotes):
    """One release against the archive: times and the true source's ranks."""
    out = work / "query.json"
    before = ""
    if args.before:
        with open(out, "w") as f:
            _, b_cpu, b_wall, _ = run([os.path.abspath(args.before), "sources", "--corpus",
                                       str(db), "--format", "json", str(release)], stdout=f)
        b_rank = rank_of(json.loads(out.read_text())[0]["sources"], truth)
        before = f" | before: sources {b_cpu:.2f} ({b_wall:.2f}) rank {b_rank}"
    with open(out, "w") as f:
        _, s_cpu, s_wall, _ = run([binary, "sources", "--corpus", str(db), "--format",
                                   "json", str(release)], stdout=f)
    sources_rank = rank_of(json.loads(out.read_text())[0]["sources"], truth)
    with open(out, "w") as f:
        _, c_cpu, c_wall, c_rss = run([binary, "check", "--corpus", str(db), "--format",
                                       "json", str(release)], stdout=f)
    check_rank = rank_of(json.loads(out.read_text()).get("ranking", []), truth)
    scan_cpu = scan_wall = 0.0
    if have_ugrep:
        (work / "quotes.txt").write_text("\n".join(quotes) + "\n")
        files = [str(report_path(i)) for i in range(count_now)] + [str(real_report)]
        # Output to a file: to /dev/null, ugrep stops at the first match.
        with open(work / "scan.txt", "w") as f:
            _, scan_cpu, scan_wall, _ = run(
                ["ugrep", "-F", "-c", "-f", str(work / "quotes.txt")] + files, stdout=f)
    return (s_cpu, s_wall, sources_rank, c_cpu, c_wall, c_rss, check_rank, scan_cpu,
            scan_wall, before)


sizes = sorted(args.sizes)
db = work / "archive.db"
if db.exists():
    db.unlink()
per_report = int(args.report_mb * 1e6)
indexed = 0
count_now = 0
print(f"reports of {args.report_mb:g} MB from gen.py, plus {real_report.name}; "
      f"times are CPU s (wall s); ranks: 1 = the true source first")
print(f"{'MB':>5} | {'add: cpu s (wall)':>18} | {'index/text':>10} | {'query':<28} | "
      f"{'sources: s (wall) rank':>23} | {'check: s (wall) MiB rank':>25} | "
      f"{'ugrep -F -c: s (wall)':>21} | check/ugrep cpu")
growth = {}  # query -> [(archive MB, check CPU s)]
for mb in sizes:
    count = max(1, int(mb * 1e6 / per_report))
    generate(count)
    new = [str(report_path(i)) for i in range(indexed, count)]
    if indexed == 0:
        new.append(str(real_report))
    add_cpu = add_wall = 0.0
    for k in range(0, len(new), 200):  # argument lists of a sane length
        code, cpu, wall, _ = run([binary, "index", "add", str(db)] + new[k:k + 200])
        add_cpu, add_wall = add_cpu + cpu, add_wall + wall
    indexed = count_now = count
    text = sum(report_path(i).stat().st_size for i in range(count)) + real_report.stat().st_size
    ratio = db.stat().st_size / text
    queries = [(r.name, r, real_report, []) for r in
               sorted((data / "releases").glob("tower-hamlets-2025-*.txt"))]
    for i in sorted({0, count // 2, count - 1}):
        quotes = (work / "reports" / f"gen{i:04d}.quotes.txt").read_text().splitlines()
        queries.append((f"quotes of gen{i:04d}", generated_release(i), report_path(i), quotes))
    first = True
    for name, release, truth, quotes in queries:
        if not quotes:  # the real report's passages the release quotes
            quotes = [q for q in json.loads(subprocess.run(
                [binary, "extract", "--format", "json", str(release)],
                capture_output=True, text=True).stdout)["claims"]
                if q["kind"] == "quote" and len(q["text"].split()) >= 4]
            quotes = [q["text"] for q in quotes]
        s_cpu, s_wall, s_rank, c_cpu, c_wall, c_rss, c_rank, u_cpu, u_wall, before = query(
            db, release, truth, quotes)
        lead = (f"{text / 1e6:5.0f} | {add_cpu:8.1f} ({add_wall:6.1f}) | {ratio:9.2f}x"
                if first else f"{'':5} | {'':18} | {'':10}")
        first = False
        growth.setdefault(name, []).append((text / 1e6, c_cpu))
        print(f"{lead} | {name[:28]:<28} | {s_cpu:6.2f} ({s_wall:5.2f}) {s_rank:>6} | "
              f"{c_cpu:6.2f} ({c_wall:5.2f}) {c_rss:5.0f} {c_rank:>4} | "
              f"{u_cpu:8.2f} ({u_wall:6.2f}) | {c_cpu / u_cpu if u_cpu else 0:6.2f}{before}",
              flush=True)
if len(sizes) > 1:
    print("growth of check --corpus CPU time from the smallest archive to the largest:")
    for name, points in growth.items():
        (mb0, t0), (mb1, t1) = points[0], points[-1]
        print(f"  {name[:40]:<40} archive x{mb1 / mb0:.1f}, query x{t1 / t0:.2f}")
if not args.keep:
    db.unlink()
