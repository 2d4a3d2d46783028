#!/usr/bin/env python3
"""Makes the document fixtures from the text versions in data/.

Run once by a developer (needs groff, ghostscript's ps2pdf and qpdf); the outputs are
committed, so CI needs none of these tools. The fixtures carry the same words
as the text versions, so the loaders can be tested for parity:

  report.pdf            the Ofsted report typeset by groff: running footer,
                        page numbers, hyphenated line ends, ligatures
  report-encrypted.pdf  the same, encrypted (qpdf)
  truncated.pdf         the first 2,000 bytes of report.pdf
  scanned.pdf           page 1 of report.pdf as an image only (no text layer)
  release.html          a release as a web page with navigation, a script,
                        a cookie banner and a footer around it
  release.docx          the same release as a Word document
  tracked-changes.docx  a paragraph with one insertion and one deletion
  not-a-docx.docx       a zip without word/document.xml
  broken-xml.docx       a Word document whose XML is cut short
  footnotes.docx        a claim with a footnote citing another document
"""
import html
import os
import re
import subprocess
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data")
REPORT = os.path.join(DATA, "reports", "ofsted-tower-hamlets-ilacs-2024.txt")
RELEASE = os.path.join(DATA, "releases", "tower-hamlets-2025-01-outstanding.txt")


def strip_markup(s):
    s = re.sub(r"</?b>", "", s)
    s = s.replace("**", "")
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    return s


def roff_escape(s):
    s = s.replace("\\", "\\e")
    if s.startswith(".") or s.startswith("'"):
        s = "\\&" + s
    return s


def make_pdf():
    out = [".ds CF Inspection of Tower Hamlets children's services",
           ".nr PS 11", ".nr VS 13", ".hy 1"]
    paragraph = []

    def flush():
        if paragraph:
            out.append(".PP")
            out.append(roff_escape(" ".join(paragraph)))
            paragraph.clear()

    for raw in open(REPORT, encoding="utf-8"):
        line = strip_markup(raw.rstrip("\n")).strip()
        if not line:
            flush()
            continue
        m = re.match(r"^(#+)\s+(.*)$", line)
        if m:
            flush()
            out.append(".SH")
            out.append(roff_escape(m.group(2)))
            continue
        if re.match(r"^(\d+\.|-)\s", line) or "\t" in line:
            flush()
            paragraph.append(line.replace("\t", " "))
            flush()
            continue
        paragraph.append(line)
    flush()
    roff = "\n".join(out) + "\n"
    ps = subprocess.run(["groff", "-k", "-ms", "-Tps"], input=roff.encode("utf-8"),
                        capture_output=True, check=True).stdout
    pdf = subprocess.run(["ps2pdf", "-", "-"], input=ps, capture_output=True, check=True).stdout
    path = os.path.join(HERE, "report.pdf")
    open(path, "wb").write(pdf)
    subprocess.run(["qpdf", "--encrypt", "user", "owner", "256", "--", path,
                    os.path.join(HERE, "report-encrypted.pdf")], check=True)
    open(os.path.join(HERE, "truncated.pdf"), "wb").write(pdf[:2000])
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfimage8", "-r30",
                    "-dFirstPage=1", "-dLastPage=1",
                    "-sOutputFile=" + os.path.join(HERE, "scanned.pdf"), path], check=True)


def release_blocks():
    blocks = []
    for raw in open(RELEASE, encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.strip():
            blocks.append(line)
    return blocks


def make_html():
    body = []
    in_list = False
    for line in release_blocks():
        if line.startswith("- "):
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append("  <li>" + html.escape(line[2:], quote=False) + "</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        text = html.escape(line, quote=False).replace("\u2019", "&#8217;")
        body.append("<p>" + text + "</p>")
    if in_list:
        body.append("</ul>")
    page = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Council news</title>
<style>body { font-family: sans-serif; }</style>
<script>window.analytics = { track: function () { return "Menu Home News"; } };</script>
</head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News and press releases</a></li></ul></nav>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve this website. Accept all cookies?</p></div>
<main>
%s
</main>
<footer><p>Copyright Council Press Office 2025. Contact the press office.</p></footer>
<script>console.log("footer script");</script>
</body>
</html>
""" % "\n".join(body)
    open(os.path.join(HERE, "release.html"), "w", encoding="utf-8").write(page)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % html.escape(text, quote=False)


def document(paragraphs):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, "".join(paragraphs)))


def write_docx(name, document_xml, with_document=True, footnotes_xml=None):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        if with_document:
            z.writestr("word/document.xml", document_xml)
        else:
            z.writestr("word/other.xml", document_xml)
        if footnotes_xml:
            z.writestr("word/footnotes.xml", footnotes_xml)


def make_footnotes_docx():
    body = ('<w:p>%s<w:r><w:footnoteReference w:id="1"/></w:r>%s</w:p>'
            % (run("The council is among the top 20 per cent of authorities."), run("")))
    notes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<w:footnotes xmlns:w="%s">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p>%s</w:p></w:footnote>'
             '</w:footnotes>' % (W, run(" National statistics on inspection outcomes, March 2024")))
    write_docx("footnotes.docx", document([body]), footnotes_xml=notes)


def make_docx():
    paragraphs = []
    for line in release_blocks():
        if line.startswith("- "):
            paragraphs.append('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
                              '</w:numPr></w:pPr>%s</w:p>' % run(line[2:]))
        else:
            # Split each paragraph into two runs, as Word does, mid-sentence.
            half = len(line) // 2
            cut = line.find(" ", half)
            if cut < 0:
                paragraphs.append("<w:p>%s</w:p>" % run(line))
            else:
                paragraphs.append("<w:p>%s%s</w:p>" % (run(line[:cut]), run(line[cut:])))
    write_docx("release.docx", document(paragraphs))
    tracked = ('<w:p>%s<w:ins w:id="1" w:author="Editor">%s</w:ins>'
               '<w:del w:id="2" w:author="Editor"><w:r><w:delText>rated Inadequate</w:delText></w:r></w:del>'
               '%s</w:p>' % (run("Ofsted found that staff "), run("are ambitious for children and "),
                             run("encourage them.")))
    write_docx("tracked-changes.docx", document([tracked]))
    write_docx("not-a-docx.docx", "<nothing/>", with_document=False)
    write_docx("broken-xml.docx", document(["<w:p>" + run("Cut short")])[:-40])


if __name__ == "__main__":
    import sys
    if "--footnotes-only" in sys.argv:
        make_footnotes_docx()
    else:
        make_pdf()
        make_html()
        make_docx()
        make_footnotes_docx()
