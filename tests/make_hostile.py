#!/usr/bin/env python3
"""Writes hostile and oversized inputs for the command-line tests, so that no
large or malicious file is committed. Standard library only.

Usage: make_hostile.py KIND OUT [SIZE]
  pdf-pages OUT N       a PDF of N pages, each with one line of text
  docx-bomb OUT         a .docx whose document.xml declares nested entities
                        (a billion-laughs bomb)
  docx-big OUT BYTES    a .docx whose document.xml is about BYTES uncompressed
  docx-deep OUT DEPTH   a .docx with a paragraph nested DEPTH w:sdt deep
"""
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>')


def paragraph(text):
    return f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p>'


def write_docx(out, document_xml):
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('word/document.xml', document_xml)


def pdf_pages(out, n):
    objects = {1: b'<< /Type /Catalog /Pages 2 0 R >>',
               3: b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'}
    kids = []
    for i in range(n):
        page, content = 4 + 2 * i, 5 + 2 * i
        stream = f'BT /F1 12 Tf 72 720 Td (Page {i + 1} says 40 families.) Tj ET'.encode()
        objects[content] = b'<< /Length %d >>\nstream\n%s\nendstream' % (len(stream), stream)
        objects[page] = (b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] '
                         b'/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>' % content)
        kids.append(b'%d 0 R' % page)
    objects[2] = b'<< /Type /Pages /Kids [%s] /Count %d >>' % (b' '.join(kids), n)
    body = bytearray(b'%PDF-1.4\n')
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(body)
        body += b'%d 0 obj\n%s\nendobj\n' % (number, objects[number])
    xref = len(body)
    size = max(objects) + 1
    body += b'xref\n0 %d\n0000000000 65535 f \n' % size
    for number in range(1, size):
        body += b'%010d 00000 n \n' % offsets[number]
    body += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (size, xref)
    with open(out, 'wb') as f:
        f.write(body)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    arg = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if kind == 'pdf-pages':
        pdf_pages(out, arg)
    elif kind == 'docx-bomb':
        entities = '<!ENTITY a0 "lol">' + ''.join(
            f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
        write_docx(out, f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
                   f'<w:document {W}><w:body>{paragraph("&a9;")}</w:body></w:document>')
    elif kind == 'docx-big':
        words = paragraph('The council said 40 families were helped. ' * 20)
        count = max(1, arg // len(words))
        write_docx(out, f'<w:document {W}><w:body>{words * count}</w:body></w:document>')
    elif kind == 'docx-deep':
        inner = paragraph('“Deep words,” said the Minister.')
        xml = '<w:sdt><w:sdtContent>' * arg + inner + '</w:sdtContent></w:sdt>' * arg
        write_docx(out, f'<w:document {W}><w:body>{xml}</w:body></w:document>')
    else:
        sys.exit(f'unknown kind {kind}')


if __name__ == '__main__':
    main()
