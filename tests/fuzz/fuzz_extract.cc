// Fuzzes the extractor on any text: every claim's span lies in the text and
// its text is clean UTF-8.
#include <cstddef>
#include <cstdint>

#include "claimtrace/extract.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace claimtrace;
  Result<Document> doc =
      ParseText("fuzz.txt", std::string(reinterpret_cast<const char*>(data), size),
                DocumentFormat::kText);
  if (!doc.ok()) return 0;
  static const Extractor extractor;  // built once: compiling its patterns is slow
  Extraction extraction = extractor.Extract(*doc);
  for (const Claim& c : extraction.claims) {
    fuzz::Require(c.span.begin <= c.span.end && c.span.end <= doc->text().size(),
                  "claim span inside the text");
    fuzz::Require(fuzz::Clean(c.text, "\t\n\r\f"), "claim text is clean UTF-8");
  }
  return 0;
}
