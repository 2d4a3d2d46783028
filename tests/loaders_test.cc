// Tests for the PDF, HTML and Word loaders: each yields the same blocks as
// the text version of the same document, and refuses malformed files with a
// message that names the file and the problem.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "claimtrace/document.h"

namespace claimtrace {
namespace {

const std::string kTestData = CLAIMTRACE_TEST_DATA_DIR;
const std::string kRelease =
    CLAIMTRACE_DATA_DIR "/releases/tower-hamlets-2025-01-outstanding.txt";
const std::string kReport =
    CLAIMTRACE_DATA_DIR "/reports/ofsted-tower-hamlets-ilacs-2024.txt";

Document Load(const std::string& path) {
  Result<Document> doc = LoadDocument(path);
  REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.status().message()));
  return std::move(doc).value();
}

// Block texts with white space collapsed, joined by " | ".
std::string Blocks(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks()) {
    if (!out.empty()) out += " | ";
    bool space = false;
    for (char c : doc.Slice(b.range)) {
      if (c == ' ' || c == '\n' || c == '\t') {
        space = true;
        continue;
      }
      if (space && !out.empty() && out.back() != ' ') out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

TEST_CASE("the format is chosen from the content") {
  CHECK(Load(kTestData + "/report.pdf").format() == DocumentFormat::kPdf);
  CHECK(Load(kTestData + "/release.html").format() == DocumentFormat::kHtml);
  CHECK(Load(kTestData + "/release.docx").format() == DocumentFormat::kDocx);
}

TEST_CASE("a web page gives the release's blocks and nothing around them") {
  Document html = Load(kTestData + "/release.html");
  std::string blocks = Blocks(html);
  CHECK(blocks == Blocks(Load(kRelease)));
  for (const char* furniture :
       {"News and press releases", "cookies", "Copyright", "analytics"}) {
    CAPTURE(std::string(furniture));
    CHECK(blocks.find(furniture) == std::string::npos);
  }
  CHECK(html.offsets_are_file_bytes());
}

TEST_CASE("without main or article, the densest block of text is the content") {
  Result<Document> doc = ParseText(
      "page.html",
      "<html><body><div id=\"wrap\"><div class=\"top\">Home | News | About us</div>"
      "<div><div class=\"content\"><h1>Council praised</h1><p>Inspectors found timely "
      "and "
      "effective help for 40 families.</p><p>More text about the service here.</p></div>"
      "<div class=\"side\"><p>Related: bins</p></div></div></div>"
      "<div class=\"foot\">Contact us</div></body></html>",
      DocumentFormat::kAuto);
  REQUIRE(doc.ok());
  CHECK(Blocks(*doc) ==
        "Council praised | Inspectors found timely and effective help for 40 families. | "
        "More text about the service here.");
}

TEST_CASE("a web page's positions point into the HTML file") {
  Document html = Load(kTestData + "/release.html");
  std::string raw;
  {
    Result<Document> again =
        LoadDocument(kTestData + "/release.html", DocumentFormat::kText);
    REQUIRE(again.ok());
    raw = again->text();
  }
  for (const Block& b : html.blocks()) {
    std::string_view text = html.Slice(b.range);
    std::string first_word(text.substr(0, text.find(' ')));
    size_t at = html.FileOffset(b.range.begin);
    CAPTURE(first_word);
    CHECK(raw.compare(at, first_word.size(), first_word) == 0);
  }
}

TEST_CASE("a Word document gives the release's blocks") {
  Document docx = Load(kTestData + "/release.docx");
  CHECK(Blocks(docx) == Blocks(Load(kRelease)));
  CHECK_FALSE(docx.offsets_are_file_bytes());
}

TEST_CASE("tracked changes are read as accepted, and the document says so") {
  Document docx = Load(kTestData + "/tracked-changes.docx");
  CHECK(Blocks(docx) ==
        "Ofsted found that staff are ambitious for children and encourage them.");
  REQUIRE(docx.notes().size() == 1);
  CHECK(docx.notes()[0].find("tracked changes") != std::string::npos);
}

TEST_CASE("Word footnotes become a reference list the markers point at") {
  Document docx = Load(kTestData + "/footnotes.docx");
  CHECK(Blocks(docx) ==
        "The council is among the top 20 per cent of authorities.[1] | Footnotes | "
        "[1] National statistics on inspection outcomes, March 2024");
}

// Writes a .docx holding `body` (the XML inside w:body) to a temporary file.
std::string WriteDocx(const std::string& name, const std::string& body) {
  const std::string document =
      "<?xml version=\"1.0\"?><w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body>" +
      body + "</w:body></w:document>";
  std::string path = (std::filesystem::temp_directory_path() / name).string();
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip != nullptr);
  zip_source_t* source = zip_source_buffer(zip, document.data(), document.size(), 0);
  REQUIRE(zip_file_add(zip, "word/document.xml", source, ZIP_FL_OVERWRITE) >= 0);
  REQUIRE(zip_close(zip) == 0);
  return path;
}

std::string WordParagraph(const std::string& text) {
  return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

TEST_CASE("a Word body is read wherever Word wraps its paragraphs and tables") {
  auto cell = [](const std::string& text) {
    return "<w:tc>" + WordParagraph(text) + "</w:tc>";
  };
  std::string path = WriteDocx(
      "claimtrace_wrapped.docx",
      WordParagraph("First.") + "<w:sdt><w:sdtPr/><w:sdtContent>" +
          WordParagraph("In a content control.") + "</w:sdtContent></w:sdt>" +
          "<w:customXml>" + WordParagraph("In custom XML.") + "</w:customXml>" +
          "<w:ins w:id=\"1\">" + WordParagraph("Inserted.") + "</w:ins>" +
          "<w:del w:id=\"2\">" + WordParagraph("Deleted.") + "</w:del>" +
          "<w:tbl><w:tr>" + cell("Region") + cell("2024") + "</w:tr><w:tr>" +
          cell("North") + cell("1,234") + "</w:tr></w:tbl>" + WordParagraph("Last."));
  Document docx = Load(path);
  std::filesystem::remove(path);
  CHECK(Blocks(docx) ==
        "First. | In a content control. | In custom XML. | Inserted. | Region 2024 | "
        "North 1,234 | Last.");
  CHECK(docx.tables().size() == 1);
  CHECK(docx.cells().size() == 4);
  REQUIRE(docx.notes().size() == 1);
  CHECK(docx.notes()[0].find("tracked changes") != std::string::npos);
}

TEST_CASE("control characters in Word text become visible symbols, with a note") {
  // XML may carry C1 controls as they are and C0 ones as references (XML
  // 1.1 documents, or a lax writer): none reaches the text.
  struct Case {
    const char* name;
    const char* xml_text;
    const char* shown;
  };
  const Case cases[] = {
      {"a C1 control", "in the country\u0099.", "in the country\uFFFD."},
      {"a terminal escape as a reference", "said &#x1B;[2J hello",
       "said \u241B[2J hello"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.name));
    std::string path = WriteDocx("claimtrace_controls.docx", WordParagraph(c.xml_text));
    Result<Document> docx = LoadDocument(path);
    std::filesystem::remove(path);
    if (!docx.ok()) {
      // libxml2 refuses a C0 reference in an XML 1.0 document: also fine.
      CHECK(docx.status().message().find("claimtrace_controls.docx") !=
            std::string::npos);
      continue;
    }
    CHECK(Blocks(*docx) == c.shown);
    REQUIRE(docx->notes().size() == 1);
    CHECK(docx->notes()[0].find("1 control character") != std::string::npos);
  }
}

TEST_CASE("a Word part cut short is refused as cut short, not as extra content") {
  Result<Document> doc = LoadDocument(kTestData + "/broken-xml.docx");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.status().message().find("cut short") != std::string::npos);
  CHECK(doc.status().message().find("Extra content") == std::string::npos);
}

TEST_CASE("a PDF report keeps its numbered paragraphs and pages") {
  Document pdf = Load(kTestData + "/report.pdf");
  int labelled = 0, last_page = 0;
  for (const Block& b : pdf.blocks()) {
    labelled += !b.label.empty();
    last_page = std::max(last_page, b.page);
  }
  CHECK(labelled == 61);
  CHECK(last_page >= 6);
  CHECK_FALSE(pdf.offsets_are_file_bytes());
}

TEST_CASE("a PDF's line-end hyphens join split words and keep compounds") {
  std::string blocks = Blocks(Load(kTestData + "/report.pdf"));
  CHECK(blocks.find("high-quality support and access") != std::string::npos);
  CHECK(blocks.find("a particular strength") != std::string::npos);
  CHECK(blocks.find("Learning Academy") != std::string::npos);
}

struct HyphenCase {
  const char* file;  // under tests/data
  const char* text;  // found in the blocks
};

TEST_CASE(
    "a PDF's line-end hyphen stays in a compound when the document does not hyphenate") {
  const HyphenCase cases[] = {
      // Housing statistics printed from a web page: no word of it is split
      // at a line end, so "case-" over "level" is the writer's compound.
      {"/wider/homeless-stats.pdf", "through the H-CLIC case-level collection"},
      // An inspection report set with hyphenation: split words join, and a
      // compound whose halves are its words keeps its hyphen.
      {"/report.pdf", "PAs are tenacious and caring"},
      {"/report.pdf", "high-quality support and access"},
  };
  for (const HyphenCase& c : cases) {
    INFO(c.file, " ", c.text);
    CHECK(Blocks(Load(kTestData + c.file)).find(c.text) != std::string::npos);
  }
}

TEST_CASE("a PDF set in two columns is read column by column, a paragraph a block") {
  const HyphenCase cases[] = {
      // Road safety: a justified two-column report; numbers stay with
      // their units across the line ends.
      {"/wider/traffic-report.pdf",
       "Unrestrained occupants accounted for 47 percent of passenger vehicle occupant "
       "deaths where restraint use was known."},
      {"/wider/traffic-report.pdf",
       "The fatality rate was 1.27 deaths per 100 million vehicle miles traveled (VMT), "
       "down from 1.37 in 2023 and the lowest rate since 2020."},
      // A single-column report keeps its paragraphs (children's services).
      {"/report.pdf",
       "PAs are tenacious and caring in their efforts to engage young people."},
  };
  for (const HyphenCase& c : cases) {
    INFO(c.file, " ", c.text);
    // In the text itself: lines of a paragraph are joined by a space, not
    // set apart as paragraphs of their own.
    Document doc = Load(kTestData + c.file);
    size_t at = doc.text().find(c.text);
    REQUIRE(at != std::string::npos);
    int block = doc.BlockAt(at);
    REQUIRE(block >= 0);
    CHECK(doc.blocks()[block].range.end >= at + std::string_view(c.text).size());
  }
}

TEST_CASE("a PDF's running footer and page numbers are dropped") {
  std::string blocks = Blocks(Load(kTestData + "/report.pdf"));
  CHECK(blocks.find("Inspection of Tower Hamlets children’s services") ==
        std::string::npos);
  CHECK(blocks.find("-2-") == std::string::npos);
}

struct BadFileCase {
  const char* file;
  const char* message;
};

TEST_CASE("malformed documents are refused with a clear message") {
  const BadFileCase cases[] = {
      {"truncated.pdf", "not a readable PDF"},
      {"report-encrypted.pdf", "PDF is encrypted"},
      {"scanned.pdf", "PDF has no text layer"},
      {"not-a-docx.docx", "not a Word document (no word/document.xml inside)"},
      {"broken-xml.docx", "broken XML in word/document.xml"},
  };
  for (const BadFileCase& c : cases) {
    CAPTURE(std::string(c.file));
    Result<Document> doc = LoadDocument(kTestData + "/" + c.file);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find(c.file) != std::string::npos);
    CHECK(doc.status().message().find(c.message) != std::string::npos);
  }
  Result<Document> zip =
      ParseText("fake.docx", std::string("PK\x03\x04rubbish", 11), DocumentFormat::kDocx);
  REQUIRE_FALSE(zip.ok());
  CHECK(zip.status().message().find("not a Word document") != std::string::npos);
  Result<Document> empty_page = ParseText(
      "empty.html", "<html><body><nav>Menu</nav></body></html>", DocumentFormat::kAuto);
  REQUIRE_FALSE(empty_page.ok());
  CHECK(empty_page.status().message().find("no text in the HTML page") !=
        std::string::npos);
}

std::string Repeat(std::string_view piece, size_t n) {
  std::string out;
  out.reserve(piece.size() * n);
  for (size_t i = 0; i < n; ++i) out += piece;
  return out;
}

std::string Nested(size_t depth, std::string_view inner) {
  return "<html><body>" + Repeat("<div>", depth) + std::string(inner) +
         Repeat("</div>", depth) + "</body></html>";
}

std::string Utf16Le(std::string_view ascii_or_utf8) {
  std::string out = "\xFF\xFE";
  for (char c : ascii_or_utf8) out += std::string(1, c) + '\0';
  return out;
}

struct HostilePageCase {
  const char* name;
  std::string page;
  const char* text;  // a part the document's text must contain
  const char* note;  // a part of the note, or "" for no note
};

// Each page hides a claim from a naive reader; a browser shows it, so the
// loader must read it.
TEST_CASE("what a browser shows of a hostile page is read") {
  const std::string quote = "<p>\"We invented this,\" said the Minister.</p>";
  const HostilePageCase cases[] = {
      {"after 260 nested divs (libxml2 stops at 256 by default)", Nested(260, quote),
       "\"We invented this,\"", ""},
      {"after 100,000 nested divs", Nested(100000, quote), "\"We invented this,\"", ""},
      {"after a text node over 10 MB",
       "<html><body><p>" + Repeat("word ", 2'200'000) + "</p>" + quote + "</body></html>",
       "\"We invented this,\"", ""},
      {"in a UTF-16 page with a byte-order mark",
       Utf16Le("<html><body>" + quote + "</body></html>"), "\"We invented this,\"",
       "read as UTF-16LE (byte-order mark)"},
      {"in windows-1252 curly quotes declared by <meta charset>",
       "<html><head><meta charset=\"windows-1252\"></head><body><p>\x93"
       "Caf\xE9 "
       "culture\x94, she said.</p></body></html>",
       "\u201CCaf\u00E9 culture\u201D", "read as windows-1252 (declared in the page)"},
      {"in an ISO-8859-1 page (read as windows-1252, as browsers do)",
       "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=ISO-8859-1\"></head><body><p>\x93Quoted\x94</p></body></html>",
       "\u201CQuoted\u201D", "read as windows-1252"},
      {"in a page with an XML declaration",
       "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<html><body><p>\x93Yes\x94 "
       "</p></body></html>",
       "\u201CYes\u201D", "read as windows-1252"},
      {"after an invalid UTF-8 byte",
       "<html><body><p>caf\xE9 \xE2\x80\x9Cquoted words\xE2\x80\x9D</p></body></html>",
       "caf\uFFFD \u201Cquoted words\u201D", "invalid UTF-8 at byte offset 18"},
      {"in <noscript>", "<html><body><noscript>" + quote + "</noscript></body></html>",
       "\"We invented this,\"", ""},
      {"in <template>", "<html><body><template>" + quote + "</template></body></html>",
       "\"We invented this,\"", ""},
      {"in a hidden element",
       "<html><body><p>Intro.</p><div hidden>" + quote + "</div></body></html>",
       "\"We invented this,\"", ""},
      {"in an aria-hidden region",
       "<html><body><p>Intro.</p><div aria-hidden=\"true\">" + quote +
           "</div></body></html>",
       "\"We invented this,\"", ""},
      {"in a closed <details>",
       "<html><body><p>Intro.</p><details><summary>More</summary>" + quote +
           "</details></body></html>",
       "\"We invented this,\"", ""},
      {"in a page declaring a charset no one knows (ignored, as browsers do)",
       "<html><head><meta charset=\"x-klingon\"></head><body>" + quote + "</body></html>",
       "\"We invented this,\"", "unknown charset 'x-klingon' declared; read as UTF-8"},
      {"in display:none",
       "<html><body><p>Intro.</p><div style=\"display:none\">" + quote +
           "</div></body></html>",
       "\"We invented this,\"", ""},
      {"behind control characters written as character references",
       "<html><body><p>&#27;]0;title&#7;\"Real words\" &#x9b;x</p></body></html>",
       "]0;title\"Real words\" \uFFFDx", ""},
  };
  for (const HostilePageCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> doc = ParseText("page.html", c.page, DocumentFormat::kHtml);
    REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.status().message()));
    CHECK(doc->text().find(c.text) != std::string::npos);
    if (*c.note) {
      REQUIRE(doc->notes().size() == 1);
      CHECK(doc->notes()[0].find(c.note) != std::string::npos);
    } else {
      CHECK(doc->notes().empty());
    }
  }
}

struct DeepPageCase {
  const char* name;
  std::string page;
  std::vector<std::pair<BlockKind, std::string>> blocks;  // every block, in order
};

// Past 512 open elements a browser stops nesting (Chromium's parser makes a
// deeper element the sibling of the one before it): every element still
// makes its block and every word is read, with a bounded stack.
TEST_CASE("elements nested past 512 are read as a browser flattens them") {
  const DeepPageCase cases[] = {
      {"paragraphs 600 deep stay two blocks",
       Nested(600, "<p>First one.</p><p>Second.</p>"),
       {{BlockKind::kParagraph, "First one."}, {BlockKind::kParagraph, "Second."}}},
      {"a heading and a list 5,000 deep",
       Nested(5000, "<h2>Results</h2><ul><li>Up 4%.</li><li>Down 2%.</li></ul>"),
       {{BlockKind::kHeading, "Results"},
        {BlockKind::kListItem, "Up 4%."},
        {BlockKind::kListItem, "Down 2%."}}},
      {"text after deep elements close is kept",
       "<html><body>" + Repeat("<div>", 700) + "<p>Inner.</p>" + Repeat("</div>", 700) +
           "<p>Outer.</p></body></html>",
       {{BlockKind::kParagraph, "Inner."}, {BlockKind::kParagraph, "Outer."}}},
      {"a table 1,000 deep",
       Nested(1000,
              "<table><tr><th>Year</th><th>Count</th></tr>"
              "<tr><td>2024</td><td>350</td></tr></table>"),
       {{BlockKind::kTableRow, "Year\tCount"}, {BlockKind::kTableRow, "2024\t350"}}},
  };
  for (const DeepPageCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> doc = ParseText("page.html", c.page, DocumentFormat::kHtml);
    REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.status().message()));
    std::vector<std::pair<BlockKind, std::string>> blocks;
    std::string shown;
    for (const Block& b : doc->blocks()) {
      blocks.emplace_back(b.kind, std::string(doc->Slice(b.range)));
      shown += fmt::format("[{} {}] ", static_cast<int>(b.kind), doc->Slice(b.range));
    }
    CAPTURE(shown);
    CHECK(blocks == c.blocks);
  }
}

TEST_CASE("a UTF-16 page is recognised as HTML from its content") {
  Result<Document> doc = ParseText(
      "page.txt", Utf16Le("<!DOCTYPE html><html><body><p>Hi there.</p></body></html>"),
      DocumentFormat::kAuto);
  REQUIRE(doc.ok());
  CHECK(doc->format() == DocumentFormat::kHtml);
  CHECK(doc->text() == "Hi there.");
}

TEST_CASE("an HTML page's positions stay file bytes after a repaired byte") {
  std::string page =
      "<html><body><p>caf\xE9 \xE2\x80\x9Cquoted words\xE2\x80\x9D</p></body></html>";
  Result<Document> doc = ParseText("page.html", page, DocumentFormat::kHtml);
  REQUIRE(doc.ok());
  CHECK(doc->offsets_are_file_bytes());
  size_t at = doc->text().find("words");
  REQUIRE(at != std::string::npos);
  CHECK(doc->FileOffset(at) == page.find("words"));
}

struct RefusedPageCase {
  const char* name;
  std::string page;
  const char* message;
};

TEST_CASE("pages without readable text are refused, not crashed on") {
  const RefusedPageCase cases[] = {
      {"only a doctype", "<!DOCTYPE html>", "page.html: no text in the HTML page"},
      {"only a comment", "<!-- <html> -->", "page.html: no text in the HTML page"},
      {"only white space after a doctype", "<!DOCTYPE html>\n  \n",
       "page.html: no text in the HTML page"},
      {"an empty html element", "<html></html>", "page.html: no text in the HTML page"},

  };
  for (const RefusedPageCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> doc = ParseText("page.html", c.page, DocumentFormat::kHtml);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find(c.message) == 0);
  }
}

struct LimitCase {
  const char* name;
  std::string bytes;
  DocumentFormat format;
  LoadLimits limits;
  const char* message;
};

LoadLimits Limited(uint64_t input, uint64_t text) {
  LoadLimits limits;
  limits.max_input_bytes = input;
  limits.max_text_bytes = text;
  limits.text_option = "--max-release-size";
  return limits;
}

TEST_CASE("input past a limit is refused naming the limit and how to raise it") {
  const LimitCase cases[] = {
      {"a text file over the input limit", std::string(3000, 'a'), DocumentFormat::kText,
       Limited(2048, 1 << 20),
       "big: the file (3000 bytes) is over the 2 KiB limit; raise it with "
       "--max-input-size"},
      {"a page over the input limit", "<html><body><p>" + std::string(5000, 'b') + "</p>",
       DocumentFormat::kHtml, Limited(4096, 1 << 20),
       "big: the file (5019 bytes) is over the 4 KiB limit; raise it with "
       "--max-input-size"},
      {"a text over the text limit", std::string(3000, 'c'), DocumentFormat::kText,
       Limited(1 << 20, 1024),
       "big: its text (3000 bytes) is over the 1 KiB limit; raise it with "
       "--max-release-size"},
      {"UTF-16 text decoding past the text limit", Utf16Le(std::string(1000, 'd')),
       DocumentFormat::kText, Limited(1 << 20, 512),
       "big: its text (1000 bytes) is over the 512 bytes limit; raise it with "
       "--max-release-size"},
  };
  for (const LimitCase& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> doc = ParseText("big", c.bytes, c.format, c.limits);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message() == std::string(c.message) + " if the file is genuine");
  }
}

// CPU seconds for the best of three loads of `page` (CPU time, so other
// work on the machine matters little).
double BestLoadSeconds(const std::string& page) {
  double best = 1e9;
  for (int i = 0; i < 3; ++i) {
    std::clock_t start = std::clock();
    Result<Document> doc = ParseText("page.html", page, DocumentFormat::kHtml);
    REQUIRE(doc.ok());
    best = std::min(best, static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
  }
  return best;
}

TEST_CASE("deep nesting costs time linear in the depth") {
  // Twice doubled: linear work takes ~4x, quadratic ~16x.
  const std::string quote = "<p>\"Deep words,\" said the Minister.</p>";
  double small = BestLoadSeconds(Nested(50000, quote));
  double large = BestLoadSeconds(Nested(200000, quote));
  CAPTURE(small);
  CAPTURE(large);
  CHECK(large / small < 8);
}

}  // namespace
}  // namespace claimtrace
