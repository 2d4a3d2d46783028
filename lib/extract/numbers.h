// Number claims: every quantity of a release outside quotations and outside
// metadata, as one claim each, with its counted noun and qualifiers.
#ifndef CLAIMTRACE_EXTRACT_NUMBERS_H_
#define CLAIMTRACE_EXTRACT_NUMBERS_H_

#include <vector>

#include "claimtrace/claim.h"
#include "claimtrace/document.h"
#include "extract/quantity.h"

namespace claimtrace {

// Returns the process's one QuantityFinder, built on first use: compiling
// its patterns costs more than checking a release, so the extractor and
// every NumberIndex share it (Find() is const and thread-safe).
const QuantityFinder& SharedQuantityFinder();

// Returns the number claims of `release`, in text order. Quantities inside
// `quote_spans` (sorted) belong to those quotations and are skipped, as are
// blocks listed in `info.metadata_blocks`.
std::vector<Claim> ExtractNumbers(const Document& release, const QuantityFinder& finder,
                                  const std::vector<Range>& quote_spans,
                                  const ReleaseInfo& info);

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_NUMBERS_H_
