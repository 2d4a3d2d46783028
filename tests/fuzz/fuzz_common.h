// Shared checks for the fuzz targets: what must hold of every document and
// every report, whatever the input bytes. A broken invariant aborts, which
// libFuzzer reports as a crash with the input that caused it.
#ifndef CLAIMTRACE_TESTS_FUZZ_FUZZ_COMMON_H_
#define CLAIMTRACE_TESTS_FUZZ_FUZZ_COMMON_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "claimtrace/document.h"
#include "load/utf8.h"

namespace claimtrace::fuzz {

inline void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

// True when `s` is well-formed UTF-8 without control characters but those
// in `keep`.
inline bool Clean(std::string_view s, std::string_view keep) {
  CleanText clean = CleanUtf8(s, keep);
  return clean.invalid == 0 && clean.controls == 0;
}

// The invariants document.h promises.
inline void CheckDocument(const Document& doc) {
  Require(Clean(doc.text(), "\t\n\r\f"), "text() is clean UTF-8");
  size_t end = 0;
  for (const Block& b : doc.blocks()) {
    Require(b.range.begin >= end, "blocks sorted and disjoint");
    Require(b.range.end <= doc.text().size(), "block inside text()");
    end = b.range.end;
  }
  for (const Range& r : doc.markup())
    Require(r.end <= doc.text().size(), "markup in text");
  for (const std::string& note : doc.notes()) Require(Clean(note, ""), "notes are clean");
}

// Loads `data` as `format` and checks the result either way: a document
// keeps its invariants, a refusal names the file.
inline void LoadAndCheck(const uint8_t* data, size_t size, DocumentFormat format) {
  Result<Document> doc = ParseText(
      "fuzz.input", std::string(reinterpret_cast<const char*>(data), size), format);
  if (doc.ok()) {
    CheckDocument(*doc);
  } else {
    Require(doc.status().message().rfind("fuzz.input", 0) == 0, "error names the file");
  }
}

}  // namespace claimtrace::fuzz

#endif  // CLAIMTRACE_TESTS_FUZZ_FUZZ_COMMON_H_
