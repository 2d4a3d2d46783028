// Tests for the pipeline's policy parts: claim fingerprints (stable under
// edits elsewhere, distinct for repeated quotations) and inline acceptances
// in the draft.
#include "claimtrace/check.h"

#include <doctest/doctest.h>
#include <zip.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace claimtrace {
namespace {

constexpr const char kSource[] =
    "# Report\n\n1. Young people receive high-quality support and access a wealth of "
    "services.\n\n2. Leaders know their services well and staff morale is high.\n";

CheckResult Run(const std::string& release_text, Policy policy = {},
                DocumentFormat format = DocumentFormat::kMarkdown,
                const std::string& name = "release.md") {
  Result<Document> release = ParseText(name, release_text, format);
  Result<Document> source = ParseText("report.md", kSource);
  REQUIRE(release.ok());
  REQUIRE(source.ok());
  std::vector<Document> sources;
  sources.push_back(std::move(source).value());
  CheckOptions options;
  options.policy = std::move(policy);
  Result<CheckResult> result =
      Check(std::move(release).value(), std::move(sources), options);
  REQUIRE(result.ok());
  return std::move(result).value();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The fingerprint of the `nth` claim whose text is `text`, ignoring case.
std::string FingerprintOf(const CheckResult& r, const std::string& text, int nth = 0) {
  for (const CheckedClaim& c : r.claims) {
    if (Lower(c.finding.claim.text) == text && nth-- == 0) return c.fingerprint;
  }
  return "missing: " + text;
}

struct StableCase {
  const char* name;
  const char* before;
  const char* after;
  const char* claim;  // the claim text whose fingerprint must not change
};

TEST_CASE("fingerprints survive edits elsewhere in the sentence and paragraph moves") {
  const StableCase cases[] = {
      {"a word changed before the quotation",
       "In short they “receive high quality support” at every stage.\n",
       "In brief they “receive high quality support” at every stage.\n",
       "receive high quality support"},
      {"a word changed after the quotation",
       "They “receive high quality support” at every stage.\n",
       "They “receive high quality support” at each stage of care.\n",
       "receive high quality support"},
      {"another claim of the sentence edited",
       "Staff “know their services well” and 7 new clubs “opened this year in "
       "the borough”.\n",
       "Staff “know their services well” and 9 new clubs “opened this year in "
       "the borough”.\n",
       "know their services well"},
      {"the paragraph moved below another",
       "Morale “is really very high”.\n\nThey “receive high quality support”.\n",
       "They “receive high quality support”.\n\nMorale “is really very high”.\n",
       "is really very high"},
      {"typographic quotes and case changed",
       "They “Receive High Quality Support” today.\n",
       "They \"receive high quality support\" today.\n", "receive high quality support"},
  };
  for (const StableCase& c : cases) {
    CAPTURE(std::string(c.name));
    std::string before = FingerprintOf(Run(c.before), c.claim);
    std::string after = FingerprintOf(Run(c.after), c.claim);
    CHECK(before.size() == 16);
    CHECK(before == after);
  }
}

TEST_CASE("fingerprints tell apart the same quotation in two places and each kind") {
  CheckResult r =
      Run("They “receive high quality support” here.\n\nAnd again they “receive high "
          "quality support” there.\n");
  std::string first = FingerprintOf(r, "receive high quality support", 0);
  std::string second = FingerprintOf(r, "receive high quality support", 1);
  CHECK(first.size() == 16);
  CHECK(second.size() == 16);
  CHECK(first != second);
  // The first keeps its fingerprint when the second goes.
  CHECK(FingerprintOf(Run("They “receive high quality support” here.\n"),
                      "receive high quality support") == first);
}

TEST_CASE("an accepted claim stays accepted when its sentence is edited") {
  CheckResult first = Run("Staff say “morale is sky high” and 7 clubs opened.\n");
  Policy policy;
  for (const CheckedClaim& c : first.claims) {
    if (c.fails) policy.accepted.push_back({c.fingerprint, "agreed", 0});
  }
  REQUIRE(policy.accepted.size() == 2);
  CheckResult edited =
      Run("Managers say “morale is sky high”, and 7 clubs opened.\n", policy);
  CHECK_FALSE(edited.Fails());
  CHECK(edited.warnings.empty());
}

struct InlineCase {
  const char* name;
  DocumentFormat format;
  const char* text;
  int accepted;  // claims accepted
  bool fails;
};

TEST_CASE("inline acceptances accept the failing claims of the paragraph after them") {
  const InlineCase cases[] = {
      {"markdown, comment on its own line", DocumentFormat::kMarkdown,
       "<!-- claimtrace: accept \"wording agreed with the council\" -->\n"
       "Staff are “wonderful beyond compare” here.\n\nNothing else.\n",
       1, false},
      {"markdown, blank line between", DocumentFormat::kMarkdown,
       "<!-- claimtrace: accept \"agreed\" -->\n\nStaff are “wonderful beyond "
       "compare” and 7 clubs opened.\n",
       2, false},
      {"only the next paragraph", DocumentFormat::kMarkdown,
       "<!-- claimtrace: accept \"agreed\" -->\nStaff are “wonderful beyond compare”.\n\n"
       "Pupils are “brilliant at all times”.\n",
       1, true},
      {"curly quotes as Word types them", DocumentFormat::kText,
       "<!-- claimtrace: accept “agreed” -->\nStaff are “wonderful beyond compare”.\n", 1,
       false},
      {"other comments are ignored", DocumentFormat::kMarkdown,
       "<!-- TODO check “this phrase with the press office” -->\nStaff are "
       "“wonderful beyond compare”.\n",
       0, true},
  };
  for (const InlineCase& c : cases) {
    CAPTURE(std::string(c.name));
    CheckResult r = Run(c.text, {}, c.format);
    int accepted = 0;
    for (const CheckedClaim& claim : r.claims) {
      accepted += claim.accepted;
      // Words inside a comment are not claims.
      CHECK(claim.finding.claim.text.find("press office") == std::string::npos);
      CHECK(claim.finding.claim.text != "agreed");
    }
    CHECK(accepted == c.accepted);
    CHECK(r.Fails() == c.fails);
  }
}

TEST_CASE("a malformed or unused inline acceptance is reported") {
  CheckResult bad =
      Run("<!-- claimtrace: accept -->\nStaff are “wonderful beyond compare”.\n");
  REQUIRE(bad.warnings.size() == 1);
  CHECK(bad.warnings[0].code == "bad-inline-acceptance");
  CHECK(bad.warnings[0].message.find("release.md:1:") == 0);
  CHECK(bad.Fails());

  CheckResult unused =
      Run("<!-- claimtrace: accept \"x\" -->\nThey “receive high-quality support”.\n");
  REQUIRE(unused.warnings.size() == 1);
  CHECK(unused.warnings[0].code == "unused-acceptance");
  REQUIRE(unused.warning_places.size() == 1);
  CHECK(unused.warning_places[0].line == 1);
}

TEST_CASE("an unused policy acceptance points at its line in the policy file") {
  Policy policy;
  policy.path = "claimtrace.toml";
  policy.accepted = {{"ffffffffffffffff", "gone", 7}};
  CheckResult r = Run("They “receive high-quality support”.\n", policy);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].code == "unused-acceptance");
  CHECK(r.warnings[0].message.find("claimtrace.toml:7") != std::string::npos);
  CHECK(r.warning_places[0].path == "claimtrace.toml");
  CHECK(r.warning_places[0].line == 7);
}

TEST_CASE("a shared policy's acceptance is unused only when no release uses it") {
  CheckResult first = Run("Staff are “wonderful beyond compare”.\n");
  REQUIRE(first.claims.size() == 1);
  Policy policy;
  policy.path = "claimtrace.toml";
  policy.accepted = {{first.claims[0].fingerprint, "agreed", 2},
                     {"ffffffffffffffff", "gone", 5}};
  std::vector<CheckResult> results;
  results.push_back(Run("Staff are “wonderful beyond compare”.\n", policy));
  results.push_back(Run("Pupils are “brilliant at all times”.\n", policy));
  results.push_back(Run("Nothing to see.\n", policy));
  // Alone, each release warns about every acceptance it does not use.
  CHECK(results[1].warnings.size() == 2);
  MergeUnusedAcceptances(&results);
  int unused = 0;
  for (const CheckResult& r : results) {
    for (size_t i = 0; i < r.warnings.size(); ++i) {
      CHECK(r.warnings[i].code == "unused-acceptance");
      CHECK(r.warning_places[i].line == 5);
      ++unused;
    }
  }
  CHECK(unused == 1);
}

TEST_CASE("an HTML draft's inline acceptance is read from the file") {
  std::string path =
      (std::filesystem::temp_directory_path() / "claimtrace_inline.html").string();
  std::ofstream(path)
      << "<html><body><main><p>Intro text here.</p>\n"
         "<!-- claimtrace: accept \"agreed\" -->\n"
         "<p>Staff are “wonderful beyond compare”.</p>\n"
         "<p>Pupils are “brilliant at all times”.</p></main></body></html>\n";
  Result<Document> release = LoadDocument(path);
  REQUIRE(release.ok());
  Result<Document> source = ParseText("report.md", kSource);
  std::vector<Document> sources;
  sources.push_back(std::move(source).value());
  CheckResult r = *Check(std::move(release).value(), std::move(sources), {});
  REQUIRE(r.claims.size() == 2);
  CHECK(r.claims[0].accepted);
  CHECK(r.claims[0].accepted_reason == "agreed");
  CHECK_FALSE(r.claims[1].accepted);
  std::filesystem::remove(path);
}

// Writes a minimal .docx holding `document` (the body's XML) and `comments`.
std::string MakeDocx(const std::string& name, const std::string& body,
                     const std::string& comments) {
  const std::string w =
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  const std::string document = "<?xml version=\"1.0\"?><w:document " + w + "><w:body>" +
                               body + "</w:body></w:document>";
  const std::string comments_xml =
      "<?xml version=\"1.0\"?><w:comments " + w + ">" + comments + "</w:comments>";
  std::string path = (std::filesystem::temp_directory_path() / name).string();
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip != nullptr);
  for (const auto& [entry, xml] : {std::pair{"word/document.xml", &document},
                                   std::pair{"word/comments.xml", &comments_xml}}) {
    zip_source_t* source = zip_source_buffer(zip, xml->data(), xml->size(), 0);
    REQUIRE(zip_file_add(zip, entry, source, ZIP_FL_OVERWRITE) >= 0);
  }
  REQUIRE(zip_close(zip) == 0);
  return path;
}

std::string Paragraph(const std::string& text, const std::string& inside = "") {
  return "<w:p>" + inside + "<w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

TEST_CASE("a Word comment reading claimtrace: accept is an inline acceptance") {
  const std::string comments =
      "<w:comment w:id=\"3\"><w:p><w:r><w:t>Checked -- claimtrace: accept "
      "\u201cagreed with the council\u201d</w:t></w:r></w:p></w:comment>"
      "<w:comment w:id=\"4\"><w:p><w:r><w:t>Please check this</w:t></w:r></w:p>"
      "</w:comment>";
  struct Case {
    const char* name;
    std::string body;
    bool first_accepted;
  } cases[] = {
      {"comment range inside the paragraph",
       Paragraph("Staff are \u201cwonderful beyond compare\u201d.",
                 "<w:commentRangeStart w:id=\"3\"/>") +
           Paragraph("Pupils are \u201cbrilliant at all times\u201d."),
       true},
      {"comment range opened before the paragraph",
       "<w:commentRangeStart w:id=\"3\"/>" +
           Paragraph("Staff are \u201cwonderful beyond compare\u201d.") +
           Paragraph("Pupils are \u201cbrilliant at all times\u201d."),
       true},
      {"another comment accepts nothing",
       Paragraph("Staff are \u201cwonderful beyond compare\u201d.",
                 "<w:commentRangeStart w:id=\"4\"/>") +
           Paragraph("Pupils are \u201cbrilliant at all times\u201d."),
       false},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    std::string path = MakeDocx("claimtrace_comment.docx", c.body, comments);
    Result<Document> release = LoadDocument(path);
    REQUIRE(release.ok());
    Result<Document> source = ParseText("report.md", kSource);
    std::vector<Document> sources;
    sources.push_back(std::move(source).value());
    CheckResult r = *Check(std::move(release).value(), std::move(sources), {});
    REQUIRE(r.claims.size() == 2);  // the comment's words are not a claim
    CHECK(r.claims[0].accepted == c.first_accepted);
    if (c.first_accepted) CHECK(r.claims[0].accepted_reason == "agreed with the council");
    CHECK_FALSE(r.claims[1].accepted);
    std::filesystem::remove(path);
  }
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

TEST_CASE(
    "a release much longer than its sources is flagged as given the wrong way round") {
  std::string report = "# Annual report\n\n";
  for (int i = 0; i < 400; ++i)
    report +=
        "Paragraph " + std::to_string(i) + ": the service supported 40 families.\n\n";
  const std::string release = "The service supported 40 families, the report found.\n";
  auto codes = [](const std::string& release_text, const std::string& source_text) {
    Result<Document> r = ParseText("release.md", release_text, DocumentFormat::kMarkdown);
    Result<Document> s = ParseText("report.md", source_text, DocumentFormat::kMarkdown);
    REQUIRE(r.ok());
    REQUIRE(s.ok());
    std::vector<Document> sources;
    sources.push_back(std::move(s).value());
    Result<CheckResult> result = Check(std::move(r).value(), std::move(sources), {});
    REQUIRE(result.ok());
    std::string out;
    for (const Warning& w : result->warnings) out += w.code + " ";
    return out;
  };
  CHECK(codes(report, release).find("inputs-swapped") != std::string::npos);
  CHECK(codes(release, report).find("inputs-swapped") == std::string::npos);
}

}  // namespace
}  // namespace claimtrace

namespace claimtrace {
namespace {

std::string ReadData(const std::string& relative) {
  std::ifstream in(std::string(CLAIMTRACE_DATA_DIR) + "/" + relative, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST_CASE("inputs are flagged as swapped when they trace the other way round") {
  const std::string report = ReadData("reports/ofsted-tower-hamlets-ilacs-2024.txt");
  const std::string release = ReadData("releases/tower-hamlets-2025-01-outstanding.txt");
  const std::string other = ReadData("releases/trade-press-2019-07-good-rating.txt");
  // A release and report of the same length (tests/data/fields).
  const std::string health = ReadData("../tests/data/fields/health-release.txt");
  const std::string health_report = ReadData("../tests/data/fields/health-report.md");
  REQUIRE(!health.empty());
  REQUIRE(!health_report.empty());
  REQUIRE(report.size() > 20000);
  // Half the report: too short to be flagged by length (under 20,000 bytes
  // and under four times the release).
  const std::string half = report.substr(0, report.find("\n\n", report.size() / 2));
  REQUIRE(half.size() < 20000);
  const std::string statement =
      "Statement\n\nYoung people receive high-quality support and access a wealth of "
      "services. Leaders know their services well and staff morale is high.\n";
  struct Case {
    const char* name;
    std::string release;
    std::string source;
    const char* reason;  // in the warning's message; nullptr: no warning
  };
  const Case cases[] = {
      {"the example swapped", report, release, "times longer than its sources"},
      {"half the report as the release", half, release, "claims trace in release.txt"},
      {"the example the right way round", release, report, nullptr},
      {"a release and a report of its length swapped", health_report, health,
       "claims trace in release.txt"},
      {"a release and a report of its length the right way round", health, health_report,
       nullptr},
      {"a release checked against the wrong report", other, report, nullptr},
      {"a legitimate short source",
       "The council said “young people receive high-quality support” on 3 May 2024, "
       "that 12 of its 40 clubs opened in 2023 and 85% of families were seen within "
       "10 days, and that “staff morale is high”.\n",
       statement, nullptr},
      {"a short source whose every figure the release repeats, among others",
       "The council opened 12 clubs last year and saw 85% of families within 10 days. It "
       "hired 31 social workers and found 14 new homes for 230 children. It plans 40 "
       "more clubs by 2027, 25 new homes, 60 more social workers, £4.5 million of "
       "spending, "
       "3 new centres, 90% of families seen within a week, 1,200 visits, 18 schools, "
       "7 new parks, 5 libraries, 11 pools, 2 farms and 9 bridges.\n",
       "Figures for 2023\n\nThe council opened 12 clubs, saw 85% of families within 10 "
       "days, hired 31 social workers and found 14 new homes for 230 children.\n",
       nullptr},
      {"a release that cites a short statement and much else",
       "Ofsted said “staff morale is high”. The council spent £4.5 million in 2023 on 14 "
       "new homes for 230 children, up 12% on 2022, and hired 31 social workers.\n",
       statement, nullptr},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.name));
    Result<Document> r = ParseText("release.txt", c.release);
    Result<Document> s = ParseText("report.txt", c.source);
    REQUIRE(r.ok());
    REQUIRE(s.ok());
    std::vector<Document> sources;
    sources.push_back(std::move(s).value());
    Result<CheckResult> result = Check(std::move(r).value(), std::move(sources), {});
    REQUIRE(result.ok());
    std::string swapped;
    for (const Warning& w : result->warnings) {
      if (w.code == "inputs-swapped") swapped += w.message;
    }
    CAPTURE(swapped);
    if (c.reason) {
      CHECK(swapped.find(c.reason) != std::string::npos);
    } else {
      CHECK(swapped.empty());
    }
  }
}

}  // namespace
}  // namespace claimtrace
