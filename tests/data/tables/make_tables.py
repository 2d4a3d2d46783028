#!/usr/bin/env python3
"""Makes the table fixtures: one statistics bulletin written as Markdown,
HTML, Word (.docx), RTF and PDF, from the model below, so the loaders can be
tested for giving the same cells with the same headers in every format.

Run by a developer (python3 only, no other tool: the PDF and the .docx are
written directly); the outputs are committed. The bulletin is made up: a
fictional council's children's social care workforce, police recorded crime
and hospital waiting times, with figures shaped like the real publications.

  bulletin.md / .html / .docx / .rtf / .pdf   the bulletin
  spans.html, spans.docx                      headers through rowspan/colspan,
                                              gridSpan/vMerge and scope
  heads.pdf                                   a PDF table's head over two lines
The releases citing the bulletin (release-*.txt) are written by hand.
"""
import html
import os
import zlib
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

TITLE = "Northshire County Council: statistics bulletin, January 2025"
# The bulletin's header block: short lines set tight under the title.
HEADER = ["Published: 9 January 2025", "Statistics contact: Northshire Insight Team",
          "Next update: January 2026"]
INTRO = [
    "This bulletin brings together the council's children's social care "
    "workforce figures, police recorded crime and hospital waiting times for "
    "Northshire. Workforce figures are at 31 March each year; the latest are "
    "at 31 March 2024.",
    "Sickness absence among children's social workers was 3.1% of working "
    "days in 2023/24.",
]
YEARS = ["2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]
TABLES = [
    {
        "heading": "Children's social care workforce",
        "caption": "Table 1: Children's social care workforce, 2017/18 to 2023/24",
        "head": ["Measure"] + YEARS,
        "rows": [
            ["Social workers (FTE)", "212", "220", "231", "240", "251", "262", "270"],
            ["Vacancy rate", "28%", "25%", "22%", "18%", "14%", "10%", "7%"],
            ["Turnover rate", "33%", "30%", "26%", "21%", "16%", "12%", "9%"],
            ["Agency worker rate", "50%", "44%", "38%", "30%", "22%", "16%", "12%"],
            ["Spend on agency staff (£m)", "9.8", "9.1", "8.0", "6.9", "5.6", "4.9", "4.2"],
        ],
        "after": "The agency worker rate fell from 50% in 2017/18 to 12% at 31 March "
                 "2024, as the council recruited permanent staff.",
    },
    {
        "heading": "Police recorded crime",
        "caption": "Table 2: Police recorded crime by offence, Northshire",
        "head": ["Offence", "Year ending March 2023", "Year ending March 2024",
                 "Percentage change"],
        "rows": [
            ["Burglary", "4,812", "4,103", "-15%"],
            ["Vehicle offences", "6,240", "5,930", "-5%"],
            ["Violence with injury", "7,115", "7,402", "4%"],
            ["Shoplifting", "3,960", "4,870", "23%"],
        ],
        "after": "Figures are for offences recorded by Northshire Police.",
    },
    {
        "heading": "Hospital waiting times",
        "caption": "Table 3: Referral to treatment waiting times, Northshire NHS Trust",
        "head": ["Measure", "March 2023", "March 2024"],
        "rows": [
            ["Patients waiting (thousands)", "61.2", "58.4"],
            ["Waiting under 18 weeks", "58%", "61%"],
            ["Waiting over 52 weeks", "2,140", "1,385"],
            ["Median wait (weeks)", "14.8", "13.1"],
        ],
        "after": "Waiting lists are for consultant-led treatment.",
    },
]


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(HERE, name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(data)


# ---- Markdown: pipe tables, and the crime table as a grid table -------------

def grid_table(head, rows):
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    head_rule = rule.replace("-", "=")
    line = lambda r: "|" + "|".join(" " + c.ljust(w) + " " for c, w in zip(r, widths)) + "|"
    out = [rule, line(head), head_rule]
    for r in rows:
        out += [line(r), rule]
    return "\n".join(out)


def make_markdown():
    out = ["# " + TITLE, ""] + [p + "\n" for p in HEADER + INTRO]
    for n, t in enumerate(TABLES):
        out += ["## " + t["heading"], "", t["caption"], ""]
        if n == 1:
            out.append(grid_table(t["head"], t["rows"]))
        else:
            out.append("| " + " | ".join(t["head"]) + " |")
            out.append("|" + "|".join(["---"] + ["---:"] * (len(t["head"]) - 1)) + "|")
            for r in t["rows"]:
                out.append("| " + " | ".join(r) + " |")
        out += ["", t["after"], ""]
    write("bulletin.md", "\n".join(out))


# ---- HTML: thead, th scope, caption -----------------------------------------

def e(s):
    return html.escape(s, quote=False).replace("£", "&pound;").replace("'", "&#8217;")


def make_html():
    body = ["<h1>%s</h1>" % e(TITLE)] + ["<p>%s</p>" % e(p) for p in HEADER + INTRO]
    for t in TABLES:
        body.append("<h2>%s</h2>" % e(t["heading"]))
        body.append("<table>\n<caption>%s</caption>" % e(t["caption"]))
        body.append("<thead><tr>" + "".join('<th scope="col">%s</th>' % e(h) for h in t["head"])
                    + "</tr></thead>\n<tbody>")
        for r in t["rows"]:
            body.append('<tr><th scope="row">%s</th>' % e(r[0]) +
                        "".join("<td>%s</td>" % e(c) for c in r[1:]) + "</tr>")
        body.append("</tbody>\n</table>")
        body.append("<p>%s</p>" % e(t["after"]))
    page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
            "<title>Statistics bulletin</title></head>\n<body>\n"
            "<nav><a href=\"/\">Home</a></nav>\n<main>\n%s\n</main>\n"
            "<footer><p>Northshire County Council</p></footer>\n</body>\n</html>\n"
            % "\n".join(body))
    write("bulletin.html", page)
    spans = """<!DOCTYPE html>
<html><body><main>
<h2>Spans</h2>
<table>
<tr><th rowspan="2">Region</th><th colspan="2">Recorded offences</th></tr>
<tr><th>2023</th><th>2024</th></tr>
<tr><th scope="row" rowspan="2">North</th><td>1,204</td><td>1,010</td></tr>
<tr><td>980</td><td>1,122</td></tr>
<tr><th scope="row">South</th><td>2,310</td><td>2,205</td></tr>
</table>
<p>After the table.</p>
</main></body></html>
"""
    write("spans.html", spans)


# ---- Word -------------------------------------------------------------------

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


def para(text, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    return "<w:p>%s%s</w:p>" % (ppr, run(text))


def cell(text, props=""):
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (props, para(text))


def write_docx(name, body):
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, "".join(body)))
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for info_name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                                ("word/document.xml", xml)):
            info = zipfile.ZipInfo(info_name, (2025, 1, 1, 0, 0, 0))  # reproducible
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def make_docx():
    body = [para(TITLE, "Title")] + [para(p) for p in HEADER + INTRO]
    for t in TABLES:
        body += [para(t["heading"], "Heading2"), para(t["caption"], "Caption")]
        rows = ['<w:tr><w:trPr><w:tblHeader/></w:trPr>%s</w:tr>'
                % "".join(cell(h) for h in t["head"])]
        for r in t["rows"]:
            rows.append("<w:tr>%s</w:tr>" % "".join(cell(c) for c in r))
        body.append("<w:tbl>%s</w:tbl>" % "".join(rows))
        body.append(para(t["after"]))
    write_docx("bulletin.docx", body)
    # The spans table of spans.html: gridSpan for colspan, vMerge for rowspan.
    restart = '<w:vMerge w:val="restart"/>'
    cont = "<w:vMerge/>"
    rows = [
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>%s%s</w:tr>"
        % (cell("Region", restart), cell("Recorded offences", '<w:gridSpan w:val="2"/>')),
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>%s%s%s</w:tr>"
        % (cell("", cont), cell("2023"), cell("2024")),
        "<w:tr>%s%s%s</w:tr>" % (cell("North", restart), cell("1,204"), cell("1,010")),
        "<w:tr>%s%s%s</w:tr>" % (cell("", cont), cell("980"), cell("1,122")),
        "<w:tr>%s%s%s</w:tr>" % (cell("South"), cell("2,310"), cell("2,205")),
    ]
    write_docx("spans.docx", [para("Spans", "Heading2"), "<w:tbl>%s</w:tbl>" % "".join(rows),
                              para("After the table.")])


# ---- RTF ----------------------------------------------------------------------

def rtf_escape(s):
    out = []
    for ch in s:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "£":
            out.append("\\'a3")  # cp1252
        elif ch == "'":
            out.append("\\u8217?")  # a typographic apostrophe, as Word writes
        elif ord(ch) > 127:
            out.append("\\u%d?" % (ord(ch) if ord(ch) < 32768 else ord(ch) - 65536))
        else:
            out.append(ch)
    return "".join(out)


def make_rtf():
    out = [r"{\rtf1\ansi\ansicpg1252\deff0",
           r"{\fonttbl{\f0\fswiss Helvetica;}{\f1\froman Times New Roman;}}",
           r"{\colortbl;\red0\green0\blue0;}",
           r"{\stylesheet{\s1 heading 1;}{\s2 heading 2;}}",
           r"{\info{\title Statistics bulletin}{\author Northshire}}",
           r"{\*\generator Handwritten 1.0;}",
           r"\pard\s1\b\fs32 " + rtf_escape(TITLE) + r"\b0\fs22\par"]
    for p in HEADER + INTRO:
        out.append(r"\pard " + rtf_escape(p) + r"\par")
    for t in TABLES:
        out.append(r"\pard\s2\b " + rtf_escape(t["heading"]) + r"\b0\par")
        out.append(r"\pard " + rtf_escape(t["caption"]) + r"\par")
        n = len(t["head"])
        defs = "".join(r"\cellx%d" % (1800 + 1100 * i) for i in range(n))
        for r in [t["head"]] + t["rows"]:
            out.append(r"\trowd\trgaph108" + defs)
            out.append("".join(r"\pard\intbl " + rtf_escape(c) + r"\cell " for c in r) + r"\row")
        out.append(r"\pard " + rtf_escape(t["after"]) + r"\par")
    out.append("}")
    write("bulletin.rtf", "\n".join(out) + "\n")


# ---- PDF: text drawn at positions, as a typesetter would ----------------------

# Helvetica advance widths (1/1000 em) for the characters right-aligned cells
# use; other characters count as 556.
WIDTHS = {c: 556 for c in "0123456789£"}
WIDTHS.update({".": 278, ",": 278, "%": 889, "-": 333, " ": 278})


def text_width(s, size):
    return sum(WIDTHS.get(c, 556) for c in s) * size / 1000.0


def pdf_string(s):
    b = s.encode("cp1252")
    return "(" + b.decode("latin-1").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


class Pdf:
    """A minimal PDF writer: pages of text lines in Helvetica, WinAnsi."""

    def __init__(self):
        self.pages = []

    def add_page(self, ops):
        self.pages.append("\n".join(ops))

    def bytes(self):
        objs = []
        font = 3 + 2 * len(self.pages)
        kids = " ".join("%d 0 R" % (3 + 2 * i) for i in range(len(self.pages)))
        objs.append("<< /Type /Catalog /Pages 2 0 R >>")
        objs.append("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(self.pages)))
        for i, content in enumerate(self.pages):
            data = zlib.compress(content.encode("latin-1"))
            objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                        "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (font, 4 + 2 * i))
            objs.append(("<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)).encode()
                        + data + b"\nendstream")
        objs.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                    "/Encoding /WinAnsiEncoding >>")
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, obj in enumerate(objs, 1):
            offsets.append(len(out))
            body = obj if isinstance(obj, bytes) else obj.encode("latin-1")
            out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
        return bytes(out)


def wrap(text, size, width):
    lines, line = [], ""
    for word in text.split():
        trial = (line + " " + word).strip()
        if text_width(trial, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines


class PageWriter:
    """Lays out headings, paragraphs and tables top to bottom, page by page,
    with a running header and a page number on every page."""

    def __init__(self, pdf, header):
        self.pdf, self.header, self.ops, self.y, self.page = pdf, header, [], 0, 0
        self.new_page()

    def text(self, x, y, s, size=10):
        self.ops.append("BT /F1 %g Tf %.2f %.2f Td %s Tj ET" % (size, x, y, pdf_string(s)))

    def new_page(self):
        if self.ops:
            self.pdf.add_page(self.ops)
        self.page += 1
        self.ops = []
        self.text(50, 800, self.header, 8)
        self.text(290, 30, str(self.page), 8)
        self.y = 770

    def need(self, height):
        if self.y - height < 60:
            self.new_page()

    def paragraph(self, s, size=10, gap=8):
        lines = wrap(s, size, 495)
        self.need(len(lines) * size * 1.3)
        for ln in lines:
            self.text(50, self.y, ln, size)
            self.y -= size * 1.3
        self.y -= gap

    def table(self, head, rows, size=8.5, show_head=True):
        first = 150
        col = (545 - 50 - first) / (len(head) - 1)
        self.need((len(rows) + 1) * size * 1.6)
        for r in ([head] if show_head else []) + rows:
            label = r[0].split("\n")  # a row head wrapped onto a second line
            self.text(50, self.y, label[0], size)
            for i, c in enumerate(r[1:]):
                right = 50 + first + col * (i + 1) - 4
                self.text(right - text_width(c, size), self.y, c, size)
            for more in label[1:]:
                self.y -= size * 1.2
                self.text(50, self.y, more, size)
            self.y -= size * 1.6
        self.y -= 10

    def finish(self):
        self.pdf.add_page(self.ops)


def make_pdf():
    pdf = Pdf()
    w = PageWriter(pdf, "Northshire County Council statistics bulletin - January 2025")
    w.paragraph(TITLE, 14, 12)
    for i, p in enumerate(HEADER):
        w.paragraph(p, 10, 8 if i == len(HEADER) - 1 else 0)
    for p in INTRO:
        w.paragraph(p)
    for n, t in enumerate(TABLES):
        if n == 2:
            w.new_page()  # two pages, so the running header repeats
        w.paragraph(t["heading"], 12, 6)
        w.paragraph(t["caption"], 10, 4)
        w.table(t["head"], t["rows"])
        w.paragraph(t["after"])
    w.finish()
    write("bulletin.pdf", pdf.bytes())
    # A head over two lines, as typesetters wrap long column heads.
    pdf = Pdf()
    w = PageWriter(pdf, "Northshire crime figures")
    w.paragraph("Table 2: Police recorded crime by offence, Northshire", 10, 4)
    w.table(["", "Year ending", "Year ending", "Percentage"], [
        ["Offence", "March 2023", "March 2024", "change"]] + TABLES[1]["rows"][:2] +
        [["Theft from the\nperson", "1,402", "1,377", "-2%"]] + TABLES[1]["rows"][2:])
    w.paragraph(TABLES[1]["after"])
    w.finish()
    write("heads.pdf", pdf.bytes())



def make_split_pdf():
    # A table running over a page break without its head repeated, as a
    # report printed from a word processor has it.
    pdf = Pdf()
    w = PageWriter(pdf, "Northshire County Council statistics bulletin - January 2025")
    t = TABLES[0]
    w.paragraph(t["caption"], 10, 4)
    w.y = 60 + 4 * 8.5 * 1.6  # room for the head and three rows only
    w.table(t["head"], t["rows"][:3])
    w.new_page()
    w.table(t["head"], t["rows"][3:], show_head=False)
    w.paragraph(t["after"])
    w.finish()
    write("split.pdf", pdf.bytes())


if __name__ == "__main__":
    make_markdown()
    make_html()
    make_docx()
    make_rtf()
    make_pdf()
    make_split_pdf()
