// Tests for quotation matching: what counts as verbatim, altered, untraced
// and attributed, the diff, and where the evidence points.
#include "claimtrace/match.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/extract.h"

namespace claimtrace {
namespace {

constexpr const char kSource[] =
    "# Inspection report\n\n"
    "## What needs to improve?\n\n"
    "- The quality of supervision records is mixed.\n\n"
    "## Care leavers: outstanding\n\n"
    "28. Young people leaving care receive high-quality support and access a wealth of "
    "services "
    "that meet their needs.\n"
    "29. Social workers are appropriately aspirational for children, recognising their "
    "successes and encouraging them to achieve their full potential. Children's "
    "educational "
    "needs are given priority. As a result, children receive excellent support.\n"
    "30. Most children aged 16 and 17 receive timely and appropriate advice and support "
    "from "
    "a committed, stable, skilled and permanent workforce.\n"
    "31. Last year, the council agreed to make 'care-experienced' a protected "
    "characteristic.\n";

struct Checked {
  std::string verdict;
  std::string evidence;  // the matched source words
  std::string label;
  std::string section;
  std::string diff;
};

Checked Check1(const std::string& release_text) {
  Result<Document> source = ParseText("report.md", kSource);
  Result<Document> release = ParseText("release.txt", release_text);
  REQUIRE(source.ok());
  REQUIRE(release.ok());
  std::vector<Document> sources;
  sources.push_back(std::move(source).value());
  Extractor extractor;
  Extraction e = extractor.Extract(*release);
  REQUIRE(!e.claims.empty());
  Matcher matcher(sources);
  Finding f = matcher.Match(e.claims.front(), *release);
  Checked out;
  out.verdict = std::string(VerdictName(f.verdict));
  if (f.evidence.source >= 0) {
    out.evidence = std::string(sources[0].Slice(f.evidence.span));
    out.label = f.evidence.label;
    out.section = f.evidence.section;
  }
  for (const DiffOp& op : f.evidence.diff) {
    switch (op.kind) {
      case DiffOp::Kind::kDropped:
        out.diff += "-[" + op.source_words + "] ";
        break;
      case DiffOp::Kind::kAdded:
        out.diff += "+[" + op.quote_words + "] ";
        break;
      case DiffOp::Kind::kChanged:
        out.diff += op.source_words + "->" + op.quote_words + " ";
        break;
      default:
        break;
    }
  }
  return out;
}

struct VerdictCase {
  const char* name;
  const char* release;
  const char* verdict;
};

TEST_CASE("verdicts for quotations") {
  const VerdictCase cases[] = {
      {"same words in another case are verbatim",
       "They praised “YOUNG PEOPLE LEAVING CARE receive high-quality support.”",
       "verbatim"},
      {"hyphen versus space in a compound is verbatim",
       "Leavers get “high quality support and access a wealth of services”.", "verbatim"},
      {"a serial comma is verbatim",
       "They found a “committed, stable, skilled, and permanent workforce”.", "verbatim"},
      {"curly apostrophes match straight ones",
       "It says “Children’s educational needs are given priority.”", "verbatim"},
      {"an ellipsis stands for omitted words of the same passage",
       "They are “appropriately aspirational for children … encouraging them to achieve "
       "their "
       "full potential.”",
       "verbatim"},
      {"bracketed words stand for the source's",
       "“[Social workers] are appropriately aspirational for children, recognising their "
       "successes”",
       "verbatim"},
      {"one dropped word is altered",
       "Leavers get “high quality support and a wealth of services” here.", "altered"},
      {"changed words that keep most of the quotation are altered",
       "Staff “are ambitious for children, encouraging them to reach their full "
       "potential. As a "
       "result, children receive excellent support.”",
       "altered"},
      {"sentences spliced without an ellipsis are altered",
       "“Social workers are appropriately aspirational for children. As a result, "
       "children "
       "receive excellent support.”",
       "altered"},
      {"a phrase sharing only some words with a passage is untraced",
       "Children “receive timely and effective help” from staff.", "untraced"},
      {"a term absent from the source is untraced", "It was rated ‘Inadequate’ then.",
       "untraced"},
      {"a term present in the source is verbatim", "A ‘care-experienced’ status.",
       "verbatim"},
      {"a speaker's words not in the source are attributed",
       "Jane Doe said: “We are absolutely thrilled with this result for our children.”",
       "attributed"},
      {"a speaker's words that the source has with changes are altered",
       "Jane Doe said: “Social workers are ambitious for children, encouraging them to "
       "reach their full potential.”",
       "altered"},
      {"a quotation holding a Markdown link is compared by its visible words",
       "The report said “children receive [excellent support](https://example.org/r)”.",
       "verbatim"},
      {"a speaker's words that the source has exactly are verbatim",
       "“Children receive excellent support,” said Jane Doe.", "verbatim"},
  };
  for (const VerdictCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Check1(c.release).verdict == std::string(c.verdict));
  }
}

TEST_CASE("an altered quotation carries the word diff") {
  CHECK(
      Check1("Leavers get “high quality support and a wealth of services” here.").diff ==
      "-[access] ");
  CHECK(Check1("Staff “are ambitious for children, encouraging them to reach their full "
               "potential. "
               "As a result, children receive excellent support.”")
            .diff ==
        "-[appropriately] aspirational->ambitious -[recognising their successes and] "
        "achieve->reach -[Children's educational needs are given priority] ");
}

TEST_CASE("a changed word at the end of a quotation is shown against the source's") {
  CHECK(Check1("They said “most children aged 16 and 17 receive timely and appropriate "
               "advice and help”.")
            .diff == "support->help ");
}

TEST_CASE("evidence names the paragraph label and section") {
  Checked c = Check1("Leavers get “high quality support and a wealth of services” here.");
  CHECK(c.label == "28");
  CHECK(c.section == "Care leavers: outstanding");
  CHECK(c.evidence == "high-quality support and access a wealth of services");
}

TEST_CASE("praise quoted from a section about what needs to improve is noted") {
  Result<Document> source = ParseText("report.md", kSource);
  Result<Document> release = ParseText(
      "release.txt", "Inspectors praised “the quality of supervision records”.");
  REQUIRE(source.ok());
  REQUIRE(release.ok());
  std::vector<Document> sources;
  sources.push_back(std::move(source).value());
  Extractor extractor;
  Matcher matcher(sources);
  Finding f = matcher.Match(extractor.Extract(*release).claims.front(), *release);
  CHECK(f.verdict == Verdict::kVerbatim);
  REQUIRE(f.notes.size() == 1);
  CHECK(f.notes[0].find("What needs to improve?") != std::string::npos);
}

TEST_CASE("with several sources, each claim is traced to the one that has it") {
  std::vector<Document> sources;
  for (const char* text :
       {"# Other\n\nNothing relevant is said in this document at all.\n", kSource}) {
    Result<Document> doc = ParseText("source.md", text);
    REQUIRE(doc.ok());
    sources.push_back(std::move(doc).value());
  }
  Result<Document> release = ParseText(
      "release.txt", "They get “high-quality support and access a wealth of services”.");
  REQUIRE(release.ok());
  Extractor extractor;
  Matcher matcher(sources);
  Finding f = matcher.Match(extractor.Extract(*release).claims.front(), *release);
  CHECK(f.verdict == Verdict::kVerbatim);
  CHECK(f.evidence.source == 1);
}

TEST_CASE("the other sources that trace a quotation are named beside its evidence") {
  // Word for word or with a change, a source that traces the quotation is
  // named; one that shares a few of its words is not.
  struct Case {
    const char* name;
    const char* quotation;
    Verdict verdict;
    std::vector<int> tracing;  // the evidence's source and `also`, ascending
  };
  const char* const texts[] = {
      "Clinics in the north reopened early. Waiting times fell sharply in every ward.",
      "Nothing relevant is said here about any ward or any waiting list.",
      "Waiting times fell sharply in every ward, the board heard.",
      "Waiting times fell steadily in every ward.",
  };
  const Case cases[] = {
      {"verbatim in two, altered in a third",
       "“Waiting times fell sharply in every ward”",
       Verdict::kVerbatim,
       {0, 2, 3}},
      {"altered in all that trace it",
       "“Waiting times fell rapidly in every ward”",
       Verdict::kAltered,
       {0, 2, 3}},
      {"a term held by one", "“reopened early”", Verdict::kVerbatim, {0}},
  };
  std::vector<Document> sources;
  for (const char* text : texts) {
    Result<Document> doc = ParseText("source.txt", text);
    REQUIRE(doc.ok());
    sources.push_back(std::move(doc).value());
  }
  Extractor extractor;
  Matcher matcher(sources);
  for (const Case& c : cases) {
    INFO(std::string(c.name));
    Result<Document> release =
        ParseText("release.txt", std::string("The board said ") + c.quotation + ".");
    REQUIRE(release.ok());
    Finding f = matcher.Match(extractor.Extract(*release).claims.front(), *release);
    CHECK(f.verdict == c.verdict);
    std::vector<int> tracing = f.also;
    tracing.push_back(f.evidence.source);
    std::sort(tracing.begin(), tracing.end());
    CHECK(tracing == c.tracing);
    CHECK(std::is_sorted(f.also.begin(), f.also.end()));
  }
}

TEST_CASE("a repeated term is located where its context matches") {
  Checked c = Check1("The council made ‘care-experienced’ a protected characteristic.");
  CHECK(c.label == "31");
}

}  // namespace
}  // namespace claimtrace
