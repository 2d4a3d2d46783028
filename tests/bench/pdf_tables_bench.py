#!/usr/bin/env python3
"""Benchmark: loading and indexing a long PDF report full of tables.

Writes a PDF of PAGES pages (python3 only: the fixture writer of
tests/data/tables/make_tables.py), each page with a running header, a page
number, two paragraphs and a statistics table, then times
`claimtrace check` of a short release against it: loading, table
rebuilding and indexing the source dominate. With two binaries (a build
before a change and one after) it prints the ratio of their times; the
loader must stay within 2x. Not a ctest test: timings depend on the machine.

Usage:
  pdf_tables_bench.py AFTER_BIN [--before BEFORE_BIN] [--pages 500] [--runs 3]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "data", "tables"))
import make_tables  # noqa: E402  (the PDF writer and the bulletin's tables)


def write_pdf(path, pages):
    pdf = make_tables.Pdf()
    w = make_tables.PageWriter(pdf, "Northshire County Council statistics compendium 2025")
    for p in range(pages):
        t = make_tables.TABLES[p % len(make_tables.TABLES)]
        w.paragraph("Section %d: %s" % (p + 1, t["heading"]), 12, 6)
        w.paragraph(make_tables.INTRO[0])
        w.paragraph(t["caption"].replace("Table", "Table %d." % (p + 1), 1), 10, 4)
        rows = [[r[0]] + [c for c in r[1:]] for r in t["rows"]]
        w.table(t["head"], rows)
        w.paragraph(t["after"] + " " + make_tables.INTRO[1])
        w.new_page()
    w.finish()
    with open(path, "wb") as f:
        f.write(pdf.bytes())


def best_time(binary, release, source, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([binary, "check", "--format", "json", release, source],
                              capture_output=True)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            sys.exit("%s failed (exit %d): %s" % (binary, proc.returncode,
                                                  proc.stderr.decode()[-300:]))
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("after")
    ap.add_argument("--before")
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "compendium.pdf")
        release = os.path.join(tmp, "release.txt")
        write_pdf(source, args.pages)
        with open(release, "w") as f:
            f.write("The vacancy rate now stands at 7%, and 1,385 patients waited over "
                    "52 weeks.\n")
        print("%d pages, %.1f MB" % (args.pages, os.path.getsize(source) / 1e6))
        after = best_time(args.after, release, source, args.runs)
        print("after:  %.3f s  (%s)" % (after, args.after))
        if args.before:
            before = best_time(args.before, release, source, args.runs)
            print("before: %.3f s  (%s)" % (before, args.before))
            print("ratio after/before: %.2f (must stay below 2)" % (after / before))


if __name__ == "__main__":
    main()
