// Options for a whole check: input formats, matching thresholds, and the CI
// policy (which verdicts fail a run, which claims are accepted on purpose).
#ifndef CLAIMTRACE_OPTIONS_H_
#define CLAIMTRACE_OPTIONS_H_

#include <set>
#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/match.h"
#include "claimtrace/status.h"

namespace claimtrace {

// A claim a team has accepted on purpose, found by its fingerprint.
struct Acceptance {
  std::string fingerprint;  // see Fingerprint() in check.h
  std::string reason;
};

struct Policy {
  // Verdicts that fail a run. Attributed never fails by default.
  // Default: altered, mismatch, untraced.
  std::set<Verdict> fail_on = {Verdict::kAltered, Verdict::kMismatch, Verdict::kUntraced};
  // Claims accepted on purpose; they still appear in reports.
  // Default: none.
  std::vector<Acceptance> accepted;
};

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

// Reads a policy file (TOML):
//   fail_on = ["altered", "mismatch", "untraced"]
//   [[accept]]
//   fingerprint = "3f9a0c1d2e4b5a69"
//   reason = "the figure comes from the council's own statistics"
// The error names the file and the line that is wrong.
Result<Policy> LoadPolicy(const std::string& path);

// Returns the TOML text of `policy`, for `claimtrace baseline`.
std::string FormatPolicy(const Policy& policy);

}  // namespace claimtrace

#endif  // CLAIMTRACE_OPTIONS_H_
