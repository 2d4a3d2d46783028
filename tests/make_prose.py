#!/usr/bin/env python3
"""Writes a large document of realistic prose (quotations, figures, headings,
a table now and then) in any input format, for measuring memory and time
against the size of its text. Nothing it writes is committed. Standard
library only.

The paragraphs are those of the repository's own releases (KIND release:
dense with quotations and figures) or report (KIND report: long paragraphs,
fewer claims), repeated in a shuffled order with their figures varied, until
the text reaches BYTES.

Usage: make_prose.py KIND FORMAT OUT BYTES
  KIND    release | report
  FORMAT  txt | md | html | docx | rtf | pdf
"""
import html
import os
import random
import re
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'


def seed_paragraphs(kind):
    folder = os.path.join(DATA, 'releases' if kind == 'release' else 'reports')
    paragraphs = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            paragraphs += [p.strip() for p in f.read().splitlines() if len(p.split()) >= 6]
    return paragraphs


def blocks(kind, size, rng):
    """Yields ('h', text), ('p', text) and ('t', rows) until `size` bytes of
    text have been yielded."""
    seeds = seed_paragraphs(kind)
    total, n = 0, 0
    while total < size:
        n += 1
        if n % 40 == 1:
            heading = f'Section {n // 40 + 1}: findings'
            total += len(heading) + 1
            yield 'h', heading
        if n % 97 == 0:
            rows = [['Measure', '2023', '2024']] + [
                [f'Measure {n}-{i}', str(rng.randint(10, 999)), f'{rng.randint(1, 99)}%']
                for i in range(4)]
            total += sum(len(' '.join(r)) + 1 for r in rows)
            yield 't', rows
        # Vary the figures, so that claims are not all the same words.
        text = re.sub(r'\b\d{2,3}\b', lambda m: str(rng.randint(10, 999)), rng.choice(seeds))
        total += len(text.encode()) + 1
        yield 'p', text


def write_text(items, out, markdown):
    with open(out, 'w', encoding='utf-8') as f:
        for kind, x in items:
            if kind == 'h':
                f.write(('## ' if markdown else '') + x + '\n\n')
            elif kind == 'p':
                f.write(x + '\n\n')
            elif markdown:
                f.write('| ' + ' | '.join(x[0]) + ' |\n|' + '---|' * len(x[0]) + '\n')
                f.write(''.join('| ' + ' | '.join(r) + ' |\n' for r in x[1:]) + '\n')
            else:
                f.write(''.join('  '.join(r) + '\n' for r in x) + '\n')


def write_html(items, out):
    e = html.escape
    with open(out, 'w', encoding='utf-8') as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Report</title>'
                '</head><body><nav><a href="/">Home</a></nav><main>\n')
        for kind, x in items:
            if kind == 'h':
                f.write(f'<h2>{e(x)}</h2>\n')
            elif kind == 'p':
                f.write(f'<p>{e(x)}</p>\n')
            else:
                f.write('<table><tr>' + ''.join(f'<th>{e(c)}</th>' for c in x[0]) + '</tr>')
                f.write(''.join('<tr>' + ''.join(f'<td>{e(c)}</td>' for c in r) + '</tr>'
                                for r in x[1:]) + '</table>\n')
        f.write('</main><footer>Footer</footer></body></html>\n')


def write_docx(items, out):
    def para(text, style=None):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ''
        # Two runs, as Word splits a paragraph.
        cut = text.find(' ', len(text) // 2)
        parts = [text] if cut < 0 else [text[:cut], text[cut:]]
        return '<w:p>%s%s</w:p>' % (ppr, ''.join(
            '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % html.escape(p, quote=False)
            for p in parts))

    body = []
    for kind, x in items:
        if kind == 'h':
            body.append(para(x, 'Heading2'))
        elif kind == 'p':
            body.append(para(x))
        else:
            body.append('<w:tbl>%s</w:tbl>' % ''.join(
                '<w:tr>%s</w:tr>' % ''.join(f'<w:tc>{para(c)}</w:tc>' for c in r) for r in x))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>')
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
             'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
             'ContentType="application/xml"/></Types>')
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', types)
        z.writestr('word/document.xml', xml)


def rtf_escape(s):
    out = []
    for ch in s:
        if ch in '\\{}':
            out.append('\\' + ch)
        elif ord(ch) > 127:
            out.append('\\u%d?' % (ord(ch) if ord(ch) < 32768 else ord(ch) - 65536))
        else:
            out.append(ch)
    return ''.join(out)


def write_rtf(items, out):
    with open(out, 'w', encoding='ascii') as f:
        f.write('{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Helvetica;}}\n')
        for kind, x in items:
            if kind == 'h':
                f.write('\\pard\\b ' + rtf_escape(x) + '\\b0\\par\n')
            elif kind == 'p':
                f.write('\\pard ' + rtf_escape(x) + '\\par\n')
            else:
                defs = ''.join('\\cellx%d' % (2000 * (i + 1)) for i in range(len(x[0])))
                for r in x:
                    f.write('\\trowd' + defs + ''.join(
                        '\\pard\\intbl ' + rtf_escape(c) + '\\cell ' for c in r) + '\\row\n')
        f.write('}\n')


def pdf_string(s):
    b = s.encode('cp1252', errors='replace')
    return '(' + b.decode('latin-1').replace('\\', '\\\\').replace('(', '\\(').replace(
        ')', '\\)') + ')'


def write_pdf(items, out):
    """Pages of 10-point Helvetica lines, about 90 characters wide, with a
    running header and a page number, as a typesetter would set a report."""
    pages, ops, y = [], [], 0

    def new_page():
        nonlocal ops, y
        if ops:
            pages.append('\n'.join(ops))
        ops = ['BT /F1 8 Tf 50 800 Td (Annual report - generated) Tj ET',
               'BT /F1 8 Tf 290 30 Td (%d) Tj ET' % (len(pages) + 1)]
        y = 770

    def line(s, size=10):
        nonlocal y
        if y < 60:
            new_page()
        ops.append('BT /F1 %d Tf 50 %.1f Td %s Tj ET' % (size, y, pdf_string(s)))
        y -= size * 1.3

    def paragraph(s, size=10):
        nonlocal y
        row = ''
        for word in s.split():
            if len(row) + len(word) > 90 and row:
                line(row, size)
                row = word
            else:
                row = (row + ' ' + word).strip()
        line(row, size)
        y -= 8

    new_page()
    for kind, x in items:
        if kind == 'h':
            paragraph(x, 12)
        elif kind == 'p':
            paragraph(x)
        else:
            for r in x:
                line('        '.join(r))
            y -= 8
    pages.append('\n'.join(ops))
    objs = ['<< /Type /Catalog /Pages 2 0 R >>']
    kids = ' '.join('%d 0 R' % (3 + 2 * i) for i in range(len(pages)))
    objs.append('<< /Type /Pages /Kids [%s] /Count %d >>' % (kids, len(pages)))
    font = 3 + 2 * len(pages)
    for i, content in enumerate(pages):
        data = zlib.compress(content.encode('latin-1'))
        objs.append('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << '
                    '/Font << /F1 %d 0 R >> >> /Contents %d 0 R >>' % (font, 4 + 2 * i))
        objs.append(b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(data) + data +
                    b'\nendstream')
    objs.append('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica '
                '/Encoding /WinAnsiEncoding >>')
    body = bytearray(b'%PDF-1.4\n')
    offsets = []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(body))
        body += b'%d 0 obj\n' % n + (obj if isinstance(obj, bytes) else obj.encode()) + \
            b'\nendobj\n'
    xref = len(body)
    body += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    body += b''.join(b'%010d 00000 n \n' % o for o in offsets)
    body += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (
        len(objs) + 1, xref)
    with open(out, 'wb') as f:
        f.write(body)


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    kind, fmt, out, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    items = blocks(kind, size, random.Random(size))
    writers = {'txt': lambda: write_text(items, out, False),
               'md': lambda: write_text(items, out, True),
               'html': lambda: write_html(items, out), 'docx': lambda: write_docx(items, out),
               'rtf': lambda: write_rtf(items, out), 'pdf': lambda: write_pdf(items, out)}
    if kind not in ('release', 'report') or fmt not in writers:
        sys.exit(__doc__)
    writers[fmt]()


if __name__ == '__main__':
    main()
