// Check: the whole pipeline in one call: load, extract, match, apply policy.
//
// Usage:
//   auto result = claimtrace::Check("release.txt", {"report.pdf"}, options);
//   if (!result.ok()) { print result.status().message(); exit 2; }
//   std::string report = claimtrace::RenderReport(*result, ...);
#ifndef CLAIMTRACE_CHECK_H_
#define CLAIMTRACE_CHECK_H_

#include <optional>
#include <string>
#include <vector>

#include "claimtrace/claim.h"
#include "claimtrace/document.h"
#include "claimtrace/extract.h"
#include "claimtrace/match.h"
#include "claimtrace/options.h"
#include "claimtrace/status.h"

namespace claimtrace {

// A report's place among the sources a release draws on, when the sources
// were chosen from an archive (CheckWithCorpus, corpus.h).
struct SourceShare {
  std::string path;
  double score = 0;  // rarity-weighted trigrams shared with the claims
  int traced = 0;    // claims this report traces best
  int claims = 0;    // claims of the release
  double share() const { return claims ? static_cast<double>(traced) / claims : 0; }
};

// A finding with the policy applied.
struct CheckedClaim {
  Finding finding;
  std::string fingerprint;  // stable id of the claim, see Fingerprint()
  bool accepted = false;    // listed in Policy::accepted, or accepted inline
  std::string accepted_reason;
  bool fails = false;  // counts against the policy (and not accepted)
};

struct CheckResult {
  Document release;
  std::vector<Document> sources;
  ReleaseInfo release_info;
  std::vector<CheckedClaim> claims;  // in release order
  std::vector<Warning> warnings;
  // Where each warning points, parallel to `warnings`: the policy file's
  // `[[accept]]` line for an unused acceptance, the release otherwise.
  struct Place {
    std::string path;
    int line = 0;  // 0: the file as a whole
  };
  std::vector<Place> warning_places;
  Policy policy;
  // Set when the sources were chosen from an archive: the reports that trace
  // a claim, best first (empty: none does). Every report shows it.
  std::optional<std::vector<SourceShare>> ranking;

  // Returns true when some claim fails the policy.
  bool Fails() const;
};

// Runs the pipeline on files. The error names the file and what is wrong.
Result<CheckResult> Check(const std::string& release_path,
                          const std::vector<std::string>& source_paths,
                          const CheckOptions& options);

// Runs the pipeline on a release file against sources already loaded, so a
// run over many releases loads each source once. The result keeps the
// sources, so the last release of a run should be given them by move, not a
// copy of their text. Refuses a release whose inline acceptance is malformed.
Result<CheckResult> CheckRelease(const std::string& release_path,
                                 std::vector<Document> sources,
                                 const CheckOptions& options);

// Runs the pipeline on documents already loaded. A malformed inline
// acceptance is a warning (`bad-inline-acceptance`). Fails past
// `options.limits.max_claims` or when memory runs out, naming the release.
Result<CheckResult> Check(Document release, std::vector<Document> sources,
                          const CheckOptions& options);

// Returns the claims a check looks at: the extractor's, less those inside
// `<!-- -->` comments, which are notes to the team (an inline acceptance's
// reason), not claims.
Extraction ExtractClaims(const Document& release);

// For releases checked in one run: an acceptance of a policy file that
// several releases share is unused only when none of them uses it, and is
// warned about once, not once per release.
void MergeUnusedAcceptances(std::vector<CheckResult>* results);

// Returns each claim's fingerprint, a short hex hash of its kind, its
// normalised words and how many claims before it in the release have the
// same kind and words. It survives edits elsewhere in the sentence and moves
// of the paragraph, and still tells the same quotation in two places apart.
std::vector<std::string> Fingerprints(const std::vector<Claim>& claims,
                                      const Document& release);

}  // namespace claimtrace

#endif  // CLAIMTRACE_CHECK_H_
