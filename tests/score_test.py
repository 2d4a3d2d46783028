#!/usr/bin/env python3
"""Runs the evaluation's scorer on a gold set and enforces quality floors:
the scorer's own --min-NAME floors, plus a floor on each claim kind's
extraction F1 (quotes and numbers separately), which the scorer reports but
does not enforce.

Usage: score_test.py SCORE_PY GOLD --min-kind-f1 X [--min-NAME X ...] -- CMD...
"""
import re
import subprocess
import sys

args = sys.argv[1:]
split = args.index("--")
opts, command = args[:split], args[split:]
score_py, gold = opts[0], opts[1]
min_kind_f1 = 0.0
scorer_opts = []
i = 2
while i < len(opts):
    if opts[i] == "--min-kind-f1":
        min_kind_f1 = float(opts[i + 1])
    else:
        scorer_opts += opts[i:i + 2]
    i += 2

run = subprocess.run([sys.executable, score_py, gold] + scorer_opts + command,
                     capture_output=True, text=True)
print(run.stdout, end="")
print(run.stderr, end="", file=sys.stderr)
failed = run.returncode != 0
for kind, f1 in re.findall(r"^(\w+)\s+extraction: .*F1=([0-9.]+)", run.stdout, re.M):
    if float(f1) < min_kind_f1:
        print(f"{kind} extraction F1 {f1} is below {min_kind_f1}")
        failed = True
if not re.search(r"^quote\s+extraction", run.stdout, re.M):
    print("the scorer printed no per-kind lines")
    failed = True
sys.exit(1 if failed else 0)
