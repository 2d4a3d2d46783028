// Extractor: finds every quotation and every numeric claim in a release.
//
// Usage:
//   claimtrace::Extractor extractor;
//   claimtrace::Extraction got = extractor.Extract(release);
//
// Thread safety: Extract() is const and safe to call from several threads on
// one Extractor (compiled patterns are immutable; per-call ICU state is made
// per call). Not copyable: it owns compiled RE2 patterns.
#ifndef CLAIMTRACE_EXTRACT_H_
#define CLAIMTRACE_EXTRACT_H_

#include <memory>
#include <vector>

#include "claimtrace/claim.h"
#include "claimtrace/document.h"

namespace claimtrace {

struct Extraction {
  std::vector<Claim> claims;  // in release order (by span.begin)
  ReleaseInfo info;
};

class Extractor {
 public:
  Extractor();
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Returns the claims of `release`, quotations and numbers, in text order.
  Extraction Extract(const Document& release) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_H_
