#!/usr/bin/env python3
"""Peak memory against the size of the text, per input format and role:
writes releases and reports of realistic prose (tests/make_prose.py) of
each size given, in each format, and runs the binary on each:

  extract   `extract RELEASE`
  release   `check RELEASE SMALL_REPORT`  (the repository's report)
  source    `check SMALL_RELEASE SOURCE`  (the repository's release)

It prints the peak resident set less that of the same command on tiny
inputs (the libraries and tables every run has), divided by the size of the
generated text. With two sizes, also the ratio of the growth when the text
doubles.

Usage: memory_bench.py BINARY [MB...]   (default: 5 10)
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
import child_cost  # noqa: E402
ROOT = os.path.join(HERE, '..', '..')
FORMATS = ['txt', 'md', 'html', 'docx', 'rtf', 'pdf']
LIMITS = ['--max-release-size', '1G', '--max-input-size', '1G', '--max-claims', '100000000',
          '--max-release-pages', '100000', '--max-pages', '100000']
SMALL_RELEASE = os.path.join(ROOT, 'data', 'releases', 'tower-hamlets-2025-01-outstanding.txt')
SMALL_REPORT = os.path.join(ROOT, 'data', 'reports', 'ofsted-tower-hamlets-ilacs-2024.txt')


def peak_kib(argv):
    cost = child_cost.run(argv)
    if cost.code not in (0, 1):
        sys.exit(f'{argv}: exit {cost.code}: {cost.stderr}')
    return cost.peak_kib


def commands(binary, role, path):
    if role == 'extract':
        return [binary, 'extract', '--format', 'json', *LIMITS, path]
    if role == 'release':
        return [binary, 'check', '--format', 'json', *LIMITS, path, SMALL_REPORT]
    return [binary, 'check', '--format', 'json', *LIMITS, SMALL_RELEASE, path]


def main():
    binary = sys.argv[1]
    sizes = [int(float(mb) * 1e6) for mb in sys.argv[2:]] or [5_000_000, 10_000_000]
    with tempfile.TemporaryDirectory() as tmp:
        tiny = os.path.join(tmp, 'tiny.txt')
        with open(tiny, 'w') as f:
            f.write('Tiny.\n')
        base = {'extract': peak_kib(commands(binary, 'extract', tiny)),
                'release': peak_kib(commands(binary, 'release', tiny)),
                'source': peak_kib(commands(binary, 'source', tiny))}
        print(f'fixed (tiny inputs): ' +
              ', '.join(f'{r} {k >> 10} MiB' for r, k in base.items()))
        print(f'{"format":6} {"role":8} ' + ' '.join(f'{s / 1e6:>5g} MB' for s in sizes) +
              ('  x2 text' if len(sizes) == 2 else ''))
        for fmt in FORMATS:
            for role in ('extract', 'release', 'source'):
                kind = 'report' if role == 'source' else 'release'
                growth = []
                for size in sizes:
                    path = os.path.join(tmp, f'{kind}-{size}.{fmt}')
                    if not os.path.exists(path):
                        subprocess.run([sys.executable, os.path.join(HERE, '..', 'make_prose.py'),
                                        kind, fmt, path, str(size)], check=True)
                    growth.append(max(peak_kib(commands(binary, role, path)) - base[role], 1))
                cells = ' '.join(f'{g * 1024 / s:7.1f}x' for g, s in zip(growth, sizes))
                ratio = f'  x{growth[1] / growth[0]:.2f}' if len(sizes) == 2 else ''
                print(f'{fmt:6} {role:8} {cells}{ratio}', flush=True)


if __name__ == '__main__':
    main()
