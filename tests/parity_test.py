#!/usr/bin/env python3
"""End-to-end parity: a document given as PDF, HTML or Word gives the same
claims and verdicts as its text version.

Usage: parity_test.py BINARY DATA_DIR TEST_DATA_DIR
"""
import json
import subprocess
import sys

binary, data, test_data = sys.argv[1:4]
REPORT_TXT = f"{data}/reports/ofsted-tower-hamlets-ilacs-2024.txt"
REPORT_PDF = f"{test_data}/report.pdf"
RELEASE_TXT = f"{data}/releases/tower-hamlets-2025-01-outstanding.txt"


def verdicts(release, source):
    out = subprocess.run([binary, "check", "--format", "json", release, source],
                         capture_output=True, check=False)
    doc = json.loads(out.stdout)
    return [(c["kind"], c["verdict"], " ".join(c["text"].split())) for c in doc["claims"]]


cases = [("the report as a PDF", RELEASE_TXT, REPORT_PDF)]
for name in ["tower-hamlets-2025-01-recruitment", "tower-hamlets-2019-04-monitoring-visit",
             "trade-press-2019-07-good-rating"]:
    cases.append((f"{name} against the PDF report", f"{data}/releases/{name}.txt", REPORT_PDF))
cases.append(("the release as a web page", f"{test_data}/release.html", REPORT_TXT))
cases.append(("the release as a Word document", f"{test_data}/release.docx", REPORT_TXT))

passed = failed = 0
for name, release, source in cases:
    text_release = RELEASE_TXT if release.startswith(test_data) else release
    want = verdicts(text_release, REPORT_TXT)
    got = verdicts(release, source)
    if got == want:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name}")
        for w, g in zip(want, got):
            if w != g:
                print(f"  text: {w}\n  this: {g}")
        if len(want) != len(got):
            print(f"  {len(want)} claims from text, {len(got)} from this")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
