#!/usr/bin/env python3
"""Growth of time and memory with the size of hostile inputs: each input is
made at size N and 2N (by this script; nothing is committed), the binary is
run on both, and the cost must grow about linearly. Ratios, never wall-clock
limits: time is the child's CPU time (user + system, so other work on the
machine matters little), best of three runs; memory the peak resident set
of the child (child_cost.py: started with fork, it says why); both less the
cost of a tiny input; and a doubling may cost at most MAX_RATIO times as
much (linear is 2, quadratic 4).

Realistic prose in each input format (tests/make_prose.py) is measured the
same way in each role (`extract` of a release, `check` of a release against
a small report, `check` of a small release against a report), and its memory
over that of a tiny document of its format must also stay within the bound
the README states: BOUND times the generated text, in every format and role,
plus at most CLAIM_BYTES for each claim of the release (claims are bounded
by --max-claims, so their part is a fixed amount at any given limits). Each
hostile input's memory, less its claims' part, must stay within its own
bound (CASES), as a multiple of the file.

Usage: growth_test.py BINARY
"""
import os
import subprocess
import sys
import tempfile

import child_cost

MAX_RATIO = 3.0
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
SMALL_RELEASE = os.path.join(DATA, 'releases', 'tower-hamlets-2025-01-outstanding.txt')
SMALL_REPORT = os.path.join(DATA, 'reports', 'ofsted-tower-hamlets-ilacs-2024.txt')
PROSE_FORMATS = ['txt', 'md', 'html', 'docx', 'rtf', 'pdf']
# Peak memory over tiny inputs, less CLAIM_BYTES a claim, as a multiple of the
# text: the README's "Limits" section states 3 for every format and role
# (measured here, at 0.8-4 MB of text: 2.6-2.8 for a source, the most).
BOUND = 3
# Memory a claim may take besides the text, per role: held with its quantity
# (extract), and with its evidence and report entry (check).
CLAIM_BYTES = {'extract': 1280, 'release': 2560, 'source': 2560}
# The text of the tiny document each format's prose is measured against.
TINY_BYTES = 3000
LIMIT_FLAGS = ['--max-release-size', '1G', '--max-input-size', '1G',
               '--max-claims', '100000000', '--max-release-pages', '100000']


def cost(argv, runs=3):
    """Returns the least CPU seconds and peak RSS (KiB) of `runs` runs."""
    runs = [child_cost.run(argv) for _ in range(runs)]
    codes = {r.code for r in runs}
    if codes - {0, 1}:
        raise SystemExit(f'{argv}: exit {codes}: {runs[0].stderr}')
    return min(r.cpu for r in runs), min(r.peak_kib for r in runs)


def html_deep(n):
    return ('<html><body>' + '<div>' * n + '<p>"Deep words," said the Minister.</p>' +
            '</div>' * n + '</body></html>').encode()


def html_text_node(n):
    return ('<html><body><p>' + 'word ' * n + '</p><p>"Hidden," she said.</p>'
            '</body></html>').encode()


def text_paragraphs(n):
    para = 'The council said “services are good” and 40 families were helped.\n\n'
    return (para * n).encode()


def text_cr_only(n):
    return text_paragraphs(n).replace(b'\n', b'\r')


def text_utf16(n):
    return b'\xff\xfe' + text_paragraphs(n).decode().encode('utf-16-le')


def text_bad_bytes(n):
    return b'caf\xe9 \x1b[2J and 7 more.\n' * n


def text_one_line(n):
    words = ['the', 'council', 'said', 'services', 'were', 'good', 'and', 'families']
    return (' '.join(words[i % len(words)] for i in range(n)) + '.\n').encode()


CASES = [
    # name, maker, N, extension, role (extract: the input is the release;
    # source: the report), and the bound on memory over that of a tiny input,
    # less CLAIM_BYTES a claim, as a multiple of the file at 2N.
    # Deep enough that libxml2's stack of element names (and its copy of the
    # page) outgrow what the heap holds free after start-up: below about
    # 300,000 levels the cost over a tiny page barely moves, so a doubling
    # from there looks superlinear.
    ('HTML nested N deep', html_deep, 1_000_000, 'html', 'extract', 3),
    ('HTML text node of N words', html_text_node, 1_000_000, 'html', 'extract', 3),
    ('text of N paragraphs', text_paragraphs, 20_000, 'txt', 'extract', 3),
    ('CR-only text of N paragraphs', text_cr_only, 20_000, 'txt', 'extract', 3),
    ('UTF-16 text of N paragraphs', text_utf16, 20_000, 'txt', 'extract', 3),
    ('text with N bad bytes and escapes', text_bad_bytes, 100_000, 'txt', 'extract', 3),
    ('a source of one line of N words', text_one_line, 1_000_000, 'txt', 'source', 3),
]


def prose_argv(binary, role, path):
    if role == 'extract':
        return [binary, 'extract', '--format', 'json', *LIMIT_FLAGS, path]
    if role == 'release':
        return [binary, 'check', '--format', 'json', *LIMIT_FLAGS, path, SMALL_REPORT]
    return [binary, 'check', '--format', 'json', *LIMIT_FLAGS, SMALL_RELEASE, path]


def claims(binary, release):
    """The number of claims `extract` finds in `release`, counted by another
    process: a child's peak resident set starts at this one's (Linux keeps
    it over fork and exec), so this process must not grow."""
    extract = subprocess.Popen([binary, 'extract', '--format', 'json', *LIMIT_FLAGS,
                                release], stdout=subprocess.PIPE)
    count = subprocess.run(['grep', '-c', '"kind": *"\\(quote\\|number\\)"'],
                           stdin=extract.stdout, capture_output=True, text=True)
    extract.stdout.close()
    extract.wait()
    return int(count.stdout.strip() or 0)


def check_prose(binary, tmp):
    """Returns the number of failures over every format and role."""
    failures = 0
    for role, n in (('extract', 1_000_000), ('release', 400_000), ('source', 2_000_000)):
        kind = 'report' if role == 'source' else 'release'
        for fmt in PROSE_FORMATS:
            # The base is a tiny document of the same format: what a format
            # costs whatever its size (poppler's, libxml2's, libzip's state)
            # is part of the fixed amount.
            tiny_doc = os.path.join(tmp, f'tiny-{kind}.{fmt}')
            subprocess.run([sys.executable, os.path.join(HERE, 'make_prose.py'), kind, fmt,
                            tiny_doc, str(TINY_BYTES)], check=True)
            base_time, base_rss = cost(prose_argv(binary, role, tiny_doc), 2)
            measures = []
            for size in (n, 2 * n):
                path = os.path.join(tmp, f'{role}-{size}.{fmt}')
                subprocess.run([sys.executable, os.path.join(HERE, 'make_prose.py'), kind,
                                fmt, path, str(size)], check=True)
                seconds, rss = cost(prose_argv(binary, role, path), 2)
                measures.append((max(seconds - base_time, 1e-3), max(rss - base_rss, 1)))
            (t1, m1), (t2, m2) = measures
            count = claims(binary, SMALL_RELEASE if role == 'source' else path)
            per_text = (m2 * 1024 - CLAIM_BYTES[role] * count) / (2 * n)
            bound = BOUND
            ok = t2 / t1 <= MAX_RATIO and m2 / m1 <= MAX_RATIO and per_text <= bound
            failures += not ok
            print(f'{"ok  " if ok else "FAIL"} {fmt} prose, {role}: time x{t2 / t1:.2f}, '
                  f'memory x{m2 / m1:.2f} for x2 text ({2 * n >> 10} KiB: {t2:.2f} s, '
                  f'{m2 >> 10} MiB over tiny inputs; less {count} claims at '
                  f'{CLAIM_BYTES[role]} bytes, {per_text:.1f}x the text; bound {bound}x)',
                  flush=True)
    return failures


def main():
    binary = sys.argv[1]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        tiny = os.path.join(tmp, 'tiny.txt')
        with open(tiny, 'w') as f:
            f.write('Tiny.\n')
        failures += check_prose(binary, tmp)
        base = {role: cost(prose_argv(binary, role, tiny)) for role in ('extract', 'source')}
        for name, make, n, ext, role, bound in CASES:
            measures = []
            for size in (n, 2 * n):
                path = os.path.join(tmp, f'input-{size}.{ext}')
                with open(path, 'wb') as f:
                    f.write(make(size))
                seconds, rss = cost(prose_argv(binary, role, path))
                measures.append((max(seconds - base[role][0], 1e-3),
                                 max(rss - base[role][1], 1), os.path.getsize(path)))
            (t1, m1, b1), (t2, m2, b2) = measures
            count = claims(binary, SMALL_RELEASE if role == 'source' else path)
            per_file = (m2 * 1024 - CLAIM_BYTES[role] * count) / b2
            ok = t2 / t1 <= MAX_RATIO and m2 / m1 <= MAX_RATIO and per_file <= bound
            failures += not ok
            print(f'{"ok  " if ok else "FAIL"} {name} ({role}): time x{t2 / t1:.2f}, memory '
                  f'x{m2 / m1:.2f} for x2 input ({b2 >> 10} KiB: {t2:.2f} s, '
                  f'{m2 >> 10} MiB over a tiny input; less {count} claims, '
                  f'{per_file:.1f}x the file; bound {bound}x)', flush=True)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
