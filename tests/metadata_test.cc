// Tests for release metadata (lib/extract/metadata.cc): where the release's
// own date is found.
#include <doctest/doctest.h>

#include <string>

#include "claimtrace/document.h"
#include "claimtrace/extract.h"

namespace claimtrace {
namespace {

struct DateCase {
  const char* name;
  const char* ending;  // what follows the release's body
  int year, month, day;
};

TEST_CASE("a release dated only in its closing line gets its date") {
  const std::string body =
      "Council's workforce grows\n\nThe vacancy rate is 7% this year, down from 10%.\n\n"
      "More about the workforce and its plans for next year.\n\n";
  const DateCase cases[] = {
      {"a posting line at the end", "Posted on Monday 13th January 2025\n", 2025, 1, 13},
      {"a posting line before ENDS and notes to editors",
       "Posted on Monday 13th January 2025\n\nENDS\n\nNotes to editors:\n\n"
       "1. The bulletin is at example.org.\n\n2. Media enquiries: 01234 567890.\n",
       2025, 1, 13},
      {"a longer closing sentence with 'published on'",
       "This news release was published on 9 January 2025 by the council's press "
       "office.\n",
       2025, 1, 9},
      {"'Issued:' before the date", "Issued: 3 March 2024, Northshire Press Office\n",
       2024, 3, 3},
  };
  Extractor extractor;
  for (const DateCase& c : cases) {
    INFO(std::string(c.name));
    Result<Document> doc = ParseText("release.txt", body + c.ending);
    REQUIRE(doc.ok());
    Extraction e = extractor.Extract(*doc);
    REQUIRE(e.info.date.has_value());
    CHECK(e.info.date->year == c.year);
    CHECK(e.info.date->month == c.month);
    CHECK(e.info.date->day == c.day);
    for (const Claim& claim : e.claims)
      CHECK(claim.text.find("2025") == std::string::npos);
  }
}

TEST_CASE("a date in the body's last sentence is not the release's date") {
  Extractor extractor;
  Result<Document> doc = ParseText(
      "release.txt",
      "Council's workforce grows\n\nThe vacancy rate is 7% this year.\n\n"
      "The council will report again on 31 March 2026, when new figures are due.\n");
  REQUIRE(doc.ok());
  CHECK_FALSE(extractor.Extract(*doc).info.date.has_value());
}

TEST_CASE("a long paragraph at the release's edge is not a dated line") {
  // However it ends: a dated line is a few words, a paragraph is read as one.
  std::string words;
  for (int i = 0; i < 300; ++i) words += "Clinics reopened across the region. ";
  Extractor extractor;
  for (const char* ending : {"Posted on 13 January 2025", "13 January 2025"}) {
    INFO(std::string(ending));
    Result<Document> doc =
        ParseText("release.txt", "Clinics reopen\n\n" + words + ending + "\n");
    REQUIRE(doc.ok());
    Extraction e = extractor.Extract(*doc);
    CHECK_FALSE(e.info.date.has_value());
    CHECK(e.info.metadata_blocks.empty());
  }
}

}  // namespace
}  // namespace claimtrace
