// Options for a whole check: input formats, matching thresholds, and the CI
// policy (see policy.h).
#ifndef CLAIMTRACE_OPTIONS_H_
#define CLAIMTRACE_OPTIONS_H_

#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/match.h"
#include "claimtrace/policy.h"
#include "claimtrace/status.h"

namespace claimtrace {

struct CheckOptions {
  // Default: kAuto (chosen from the content).
  DocumentFormat release_format = DocumentFormat::kAuto;
  // Default: kAuto.
  DocumentFormat source_format = DocumentFormat::kAuto;
  // Default: see MatchOptions.
  MatchOptions match;
  // Default: see Policy.
  Policy policy;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_OPTIONS_H_
