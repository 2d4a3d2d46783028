// Tests for the PDF, HTML and Word loaders: each yields the same blocks as
// the text version of the same document, and refuses malformed files with a
// message that names the file and the problem.
#include <doctest/doctest.h>

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

TEST_CASE("a web page that is not UTF-8 is refused with the byte offset") {
  // Former bug: the page's bytes were copied into the text as they were, so
  // a Latin-1 page made reports (and Python strings) of invalid UTF-8.
  struct {
    const char* name;
    std::string page;
    const char* message;
  } cases[] = {
      {"a Latin-1 letter in a paragraph",
       "<html><body><main><p>Caf\xE9 owners said so.</p></main></body></html>",
       "page.html: invalid UTF-8 at byte offset 24"},
      {"a cut four-byte sequence in a heading",
       "<html><body><h1>Title \xF0\x9F</h1><p>Text.</p></body></html>",
       "page.html: invalid UTF-8 at byte offset 22"},
      {"an invalid byte in the head outside the content",
       "<html><head><title>\xFF</title></head><body><p>Text.</p></body></html>",
       "page.html: invalid UTF-8 at byte offset 19"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.name));
    Result<Document> doc = ParseText("page.html", c.page, DocumentFormat::kHtml);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find(c.message) != std::string::npos);
  }
  Result<Document> good = ParseText(
      "page.html", "<html><body><p>Caf\xC3\xA9 owners said so.</p></body></html>",
      DocumentFormat::kHtml);
  CHECK(good.ok());
}

}  // namespace
}  // namespace claimtrace
