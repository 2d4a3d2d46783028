// Tests for the web app's parts that need no socket: its page, and checks
// of documents held in memory (serve_test.py drives the server itself).
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "claimtrace/serve.h"
#include "serve/source_store.h"

namespace claimtrace {
namespace {

constexpr const char kSource[] =
    "# Report\n\n1. Young people receive high-quality support and access a wealth of "
    "services.\n\n2. Leaders know their services well and staff morale is high.\n";

TEST_CASE("DeskPage is one self-contained form: no script, nothing from elsewhere") {
  std::string page = DeskPage();
  CHECK(page.find("<form method=\"post\" action=\"/check\"") != std::string::npos);
  CHECK(page.find("enctype=\"multipart/form-data\"") != std::string::npos);
  const char* absent[] = {"<script", "src=\"http", "href=\"http", "src=\"//", "@import"};
  for (const char* text : absent) {
    CAPTURE(text);
    CHECK(page.find(text) == std::string::npos);
  }
}

TEST_CASE("CheckUploads checks documents in memory, verdicts as for files") {
  struct Case {
    const char* field;
    const char* release;
    const char* verdict;
  };
  const Case cases[] = {
      {"children's services", "Ofsted said \"staff morale is high\".\n", "\"verbatim\""},
      {"children's services", "Ofsted said \"staff morale is very low\".\n",
       "\"altered\""},
      {"health", "The trust said \"waiting lists have halved in a year\".\n",
       "\"untraced\""},
  };
  ServeOptions options;
  for (const Case& c : cases) {
    CAPTURE(c.field);
    CAPTURE(c.release);
    Result<std::string> json =
        CheckUploads({"release.txt", c.release, ""}, {{"report.md", kSource, ""}},
                     ReportFormat::kJson, options);
    REQUIRE(json.ok());
    CHECK(json->find(c.verdict) != std::string::npos);
    CHECK(json->find("\"path\": \"release.txt\"") != std::string::npos);
  }
}

TEST_CASE("CheckUploads names the upload that cannot be read") {
  struct Case {
    Upload release;
    std::vector<Upload> sources;
    const char* message;
  };
  const Case cases[] = {
      {{"draft.txt", "", ""}, {{"report.md", kSource, ""}}, "draft.txt: empty file"},
      {{"draft.txt", "Text.\n", ""},
       {{"ofsted.pdf", "%PDF-1.4\nbroken", ""}},
       "ofsted.pdf"},
      {{"draft.txt", "Text.\n", ""}, {}, "no report given"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    Result<std::string> out =
        CheckUploads(c.release, c.sources, ReportFormat::kHtml, ServeOptions());
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().message().find(c.message) != std::string::npos);
  }
}

StoredSource Stored(const std::string& name, const std::string& bytes,
                    DocumentFormat format = DocumentFormat::kAuto) {
  Result<Document> doc = ParseText(name, bytes, format);
  REQUIRE(doc.ok());
  return {bytes, std::move(doc).value()};
}

TEST_CASE("SourceStore keeps checks under unguessable ids, forgetting the oldest") {
  const std::string kilobyte(1000, 'a');
  SourceStore store(5000);  // each check below holds 2,000 bytes (bytes and text)
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    SourceStore::Sources sources;
    sources.push_back(Stored("report.txt", kilobyte + "\n"));
    ids.push_back(SourceStore::NewId());
    store.Put(ids.back(), std::move(sources));
  }
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 4);
  for (const std::string& id : ids) {
    CAPTURE(id);
    CHECK(id.size() == 32);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  }
  struct Case {
    std::string id;
    bool kept;
  };
  const Case cases[] = {
      {ids[0], false},  // past the budget
      {ids[1], false},
      {ids[2], true},
      {ids[3], true},
      {"", false},
      {std::string(32, '0'), false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.id);
    CHECK((store.Find(c.id) != nullptr) == c.kept);
  }
  // The latest check is kept whatever its size.
  SourceStore small(10);
  SourceStore::Sources big;
  big.push_back(Stored("report.txt", kilobyte + "\n"));
  std::string id = SourceStore::NewId();
  small.Put(id, std::move(big));
  REQUIRE(small.Find(id) != nullptr);
  CHECK(small.Find(id)->front().bytes.size() == 1001);
}

TEST_CASE("a kept source is served by its format, a web page sandboxed") {
  struct Case {
    const char* name;
    std::string bytes;
    const char* content_type;
    const char* disposition;
    bool sandboxed;
  };
  const Case cases[] = {
      {"report.txt", "Plain text, “quoted”.\n", "text/plain; charset=utf-8",
       "inline; filename=\"report.txt\"", true},
      {"report.txt", "Latin-1 \xe9t\xe9.\n", "text/plain", "inline", true},
      {"notes.md", "# Notes\n\nText.\n", "text/plain; charset=utf-8", "inline", true},
      // Named .pdf, but a web page: served as one, sandboxed.
      {"trap.pdf", "<html><body><p>Hi</p><script>alert(1)</script></body></html>",
       "text/html", "inline; filename=\"trap.pdf\"", true},
      {"../../etc/x\"y.html", "<html><body><p>Hi</p></body></html>", "text/html",
       "inline; filename=\"x_y.html\"", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    StoredSource source = Stored(c.name, c.bytes, DocumentFormat::kAuto);
    ServedSource served = ServeAs(source);
    CHECK(served.content_type == c.content_type);
    CHECK(served.disposition.starts_with(c.disposition));
    CHECK(served.security_policy.starts_with("sandbox;") == c.sandboxed);
    CHECK(served.security_policy.find("script") == std::string::npos);
  }
}

TEST_CASE("PassagePage shows a source's text with the passage marked and escaped") {
  std::string text = "# Report\n\n";
  for (int i = 1; i <= 40; ++i) {
    text += std::to_string(i) + ". Paragraph " + std::to_string(i) +
            " <b>says</b> things.\n\n";
  }
  StoredSource source = Stored("report.md", text, DocumentFormat::kMarkdown);
  const Document& doc = source.document;
  size_t at = doc.text().find("Paragraph 30 ");
  REQUIRE(at != std::string::npos);
  std::string page = PassagePage(doc, {at, at + 12}, "/checks/x/sources/0");
  CHECK(page.find("<mark id=\"passage\">Paragraph 30</mark> &lt;b&gt;says&lt;/b&gt;") !=
        std::string::npos);
  CHECK(page.find("<b>") == std::string::npos);
  CHECK(page.find("<a href=\"/checks/x/sources/0\">Open the original</a>") !=
        std::string::npos);
  // The blocks around the passage, not the whole text.
  CHECK(page.find("Paragraph 25 ") != std::string::npos);
  CHECK(page.find("Paragraph 3 ") == std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE("PassagePage of a PDF shows the passage's page") {
  Result<Document> doc =
      LoadDocument(std::string(CLAIMTRACE_TEST_DATA_DIR) + "/tables/bulletin.pdf");
  REQUIRE(doc.ok());
  size_t at = doc->text().find("13.1");
  REQUIRE(at != std::string::npos);
  int page = doc->Locate(at).page;
  REQUIRE(page == 2);
  std::string html = PassagePage(*doc, {at, at + 4}, "/s/0#page=2");
  CHECK(html.find("bulletin.pdf, page 2</h1>") != std::string::npos);
  CHECK(html.find("<mark id=\"passage\">13.1</mark>") != std::string::npos);
  // Only page 2's blocks.
  for (const Block& block : doc->blocks()) {
    std::string_view words = doc->Slice(block.range);
    if (words.size() < 12) continue;
    CAPTURE(words);
    CHECK((html.find(HtmlEscape(words).substr(0, 12)) != std::string::npos) ==
          (block.page == 2));
  }
}

}  // namespace
}  // namespace claimtrace
