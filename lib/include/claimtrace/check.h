// Check: the whole pipeline in one call: load, extract, match, apply policy.
//
// Usage:
//   auto result = claimtrace::Check("release.txt", {"report.pdf"}, options);
//   if (!result.ok()) { print result.status().message(); exit 2; }
//   std::string report = claimtrace::RenderReport(*result, ...);
#ifndef CLAIMTRACE_CHECK_H_
#define CLAIMTRACE_CHECK_H_

#include <string>
#include <vector>

#include "claimtrace/claim.h"
#include "claimtrace/document.h"
#include "claimtrace/extract.h"
#include "claimtrace/match.h"
#include "claimtrace/options.h"
#include "claimtrace/status.h"

namespace claimtrace {

// A finding with the policy applied.
struct CheckedClaim {
  Finding finding;
  std::string fingerprint;  // stable id of the claim, see Fingerprint()
  bool accepted = false;    // listed in Policy::accepted
  std::string accepted_reason;
  bool fails = false;  // counts against the policy (and not accepted)
};

struct CheckResult {
  Document release;
  std::vector<Document> sources;
  ReleaseInfo release_info;
  std::vector<CheckedClaim> claims;  // in release order
  std::vector<Warning> warnings;
  Policy policy;

  // Returns true when some claim fails the policy.
  bool Fails() const;
};

// Runs the pipeline on files. The error names the file and what is wrong.
Result<CheckResult> Check(const std::string& release_path,
                          const std::vector<std::string>& source_paths,
                          const CheckOptions& options);

// Runs the pipeline on documents already loaded. Fails past
// `options.limits.max_claims` or when memory runs out, naming the release.
Result<CheckResult> Check(Document release, std::vector<Document> sources,
                          const CheckOptions& options);

// Returns a stable fingerprint of a claim: a short hex hash of its kind, its
// normalised words and the words around it, so that it survives edits
// elsewhere in the release and line moves.
std::string Fingerprint(const Claim& claim, const Document& release);

}  // namespace claimtrace

#endif  // CLAIMTRACE_CHECK_H_
