// Tests for URL inputs without a network: which inputs are URLs, and that
// FetchDocument refuses what it cannot fetch with a message naming the URL.
// Transfers themselves (redirects, statuses, limits, timeouts) are tested
// against a loopback server by fetch_test.py.
#include <doctest/doctest.h>

#include <string>

#include "claimtrace/fetch.h"

namespace claimtrace {
namespace {

TEST_CASE(
    "IsUrl is true for http and https in any case, false for files and other schemes") {
  struct Case {
    const char* input;
    bool url;
  };
  const Case cases[] = {
      {"https://www.ofsted.gov.uk/reports/report.pdf", true},  // inspection report
      {"http://example.org/news/press-release", true},         // council newsroom
      {"HTTPS://WWW.ONS.GOV.UK/DATASET", true},                // statistics, upper case
      {"Http://nhs.uk/a", true},                               // health, mixed case
      {"release.txt", false},
      {"-", false},
      {"./http://not-a-url.txt", false},  // a file whose name holds a URL
      {"ftp://example.org/report.pdf", false},
      {"file:///etc/passwd", false},
      {"https:", false},
      {"", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(IsUrl(c.input) == c.url);
  }
}

TEST_CASE("FetchDocument refuses what it cannot fetch, naming the URL") {
  struct Case {
    const char* url;
    const char* message;
  };
  const Case cases[] = {
      {"ftp://example.org/report.pdf", "ftp://example.org/report.pdf: not an http"},
      {"report.pdf", "report.pdf: not an http"},
      // Port 1 on loopback: nothing listens, no network is touched.
      {"http://127.0.0.1:1/report.pdf", "http://127.0.0.1:1/report.pdf: cannot fetch it"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.url);
    Result<Document> doc = FetchDocument(c.url);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().message().find(c.message) != std::string::npos);
  }
}

}  // namespace
}  // namespace claimtrace
