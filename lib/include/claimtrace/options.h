// Options for a whole check: input formats, matching thresholds, the CI
// policy (see policy.h) and the limits on the work one check may do.
#ifndef CLAIMTRACE_OPTIONS_H_
#define CLAIMTRACE_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/match.h"
#include "claimtrace/policy.h"
#include "claimtrace/status.h"

namespace claimtrace {

// Bounds on the work one check may do, so that no input (a 5,000-page PDF
// given as the release, a zip bomb, a line of a million numbers) can exhaust
// memory or time. Past a limit the check fails with a message naming the
// file, the limit and the option that raises it. Time and memory grow
// linearly in the input; see README, "Limits", for the measured factors.
struct Limits {
  // Largest input file, and largest part of a .docx once uncompressed
  // (--max-input-size). Default: 128 MiB.
  uint64_t max_input_bytes = uint64_t{128} << 20;
  // Largest text a release may hold, after loading (--max-release-size).
  // Releases are a few pages; this keeps extraction bounded. Default: 4 MiB.
  uint64_t max_release_bytes = uint64_t{4} << 20;
  // Most pages read from a PDF source (--max-pages). Default: 2000.
  int max_pages = 2000;
  // Most pages read from a PDF release (--max-release-pages). Default: 50.
  int max_release_pages = 50;
  // Most claims checked in one release (--max-claims). Default: 5000.
  size_t max_claims = 5000;

  // The loader limits for the release and for a source.
  LoadLimits ForRelease() const;
  LoadLimits ForSource() const;
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
  // Default: see Limits.
  Limits limits;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_OPTIONS_H_
