// Tests for the web app's parts that need no socket: its page, and checks
// of documents held in memory (serve_test.py drives the server itself).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "claimtrace/serve.h"

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
        CheckUploads({"release.txt", c.release}, {{"report.md", kSource}},
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
      {{"draft.txt", ""}, {{"report.md", kSource}}, "draft.txt: empty file"},
      {{"draft.txt", "Text.\n"}, {{"ofsted.pdf", "%PDF-1.4\nbroken"}}, "ofsted.pdf"},
      {{"draft.txt", "Text.\n"}, {}, "no report given"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    Result<std::string> out =
        CheckUploads(c.release, c.sources, ReportFormat::kHtml, ServeOptions());
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().message().find(c.message) != std::string::npos);
  }
}

}  // namespace
}  // namespace claimtrace
