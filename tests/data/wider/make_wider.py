#!/usr/bin/env python3
"""Builds the binary fixtures of tests/data/wider from their text versions.

Run by a developer; the outputs are committed (CI needs none of the tools):
  homeless-stats.pdf, nhs-bulletin.pdf   chromium --headless --print-to-pdf
                                         from the .html next to them
  carers-survey.docx                     minimal WordprocessingML from
                                         carers-survey.docx.txt (# headings, a table)
  nhs-release.docx                       nhs-release.txt as a Word draft (for a
                                         parity check with the .txt; the gold
                                         scores the .txt, whose spans are bytes)
"""
import os
import subprocess
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

CARERS_TABLE = [
    ["", "18-34", "35-54", "55-64", "65 and over", "All carers"],
    ["Struggling to make ends meet", "48", "46", "39", "30", "41"],
    ["No break from caring in the past year", "49", "55", "56", "52", "53"],
    ["Mental health worse because of caring", "74", "71", "66", "61", "68"],
    ["Physical health worse because of caring", "35", "41", "45", "47", "43"],
]

CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr, escape(text))


def table(rows):
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>']
    out += ['<w:gridCol w:w="1500"/>' for _ in rows[0]]
    out.append('</w:tblGrid>')
    for i, row in enumerate(rows):
        trpr = '<w:trPr><w:tblHeader/></w:trPr>' if i == 0 else ''
        out.append('<w:tr>%s' % trpr)
        for cell in row:
            out.append('<w:tc><w:tcPr><w:tcW w:w="1500" w:type="dxa"/></w:tcPr>%s</w:tc>' % para(cell))
        out.append('</w:tr>')
    out.append('</w:tbl>')
    return "".join(out)


def docx(path, lines, tables=None):
    body = []
    for line in lines:
        if line == "TABLE":
            body.append(table(tables.pop(0)))
        elif line.startswith("## "):
            body.append(para(line[3:], "Heading2"))
        elif line.startswith("# "):
            body.append(para(line[2:], "Heading1"))
        elif line.strip():
            body.append(para(line))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s'
           '<w:sectPr/></w:body></w:document>' % (W, "".join(body)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc)


def pdf(name):
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", "--print-to-pdf=" + os.path.join(HERE, name + ".pdf"),
                    os.path.join(HERE, name + ".html")], check=True, capture_output=True)


def main():
    lines = open(os.path.join(HERE, "carers-survey.docx.txt"), encoding="utf-8").read().splitlines()
    docx(os.path.join(HERE, "carers-survey.docx"), lines, [CARERS_TABLE])
    rel = open(os.path.join(HERE, "nhs-release.txt"), encoding="utf-8").read().splitlines()
    docx(os.path.join(HERE, "nhs-release.docx"), rel)
    if "--no-pdf" not in sys.argv:
        pdf("homeless-stats")
        pdf("nhs-bulletin")
        pdf("traffic-report")


if __name__ == "__main__":
    main()
