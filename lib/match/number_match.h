// NumberIndex: the quantities each source states, indexed for comparing the
// release's number claims against them, and the sources' own dates.
#ifndef CLAIMTRACE_MATCH_NUMBER_MATCH_H_
#define CLAIMTRACE_MATCH_NUMBER_MATCH_H_

#include <memory>
#include <vector>

#include "claimtrace/claim.h"
#include "claimtrace/document.h"
#include "claimtrace/match.h"

namespace claimtrace {

// Thread safety: after construction, the const methods are thread-safe.
// The sources must outlive the index. Not copyable.
class NumberIndex {
 public:
  explicit NumberIndex(const std::vector<Document>& sources);
  ~NumberIndex();
  NumberIndex(const NumberIndex&) = delete;
  NumberIndex& operator=(const NumberIndex&) = delete;

  // Returns traced, mismatch or untraced for a number claim of `release`,
  // with the evidence (the source sentence, both values).
  // REQUIRES: claim.kind == ClaimKind::kNumber
  Finding Match(const Claim& claim, const Document& release) const;

  // Returns "source-postdates-release" warnings for sources whose own dates
  // (inspection dates, publication date) fall after the release's date.
  std::vector<Warning> CheckDates(const ReleaseInfo& release) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_MATCH_NUMBER_MATCH_H_
