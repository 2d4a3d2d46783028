// Release metadata: which blocks are not claims (posting dates, datelines,
// embargo lines, bylines, "READ MORE" links, reference lists, notes to
// editors, page furniture), the release's own date, and footnotes.
//
// Recognised by structure and position (a short line at the start or end of
// the release made mostly of a date, a line under a "References"/"Notes to
// editors" heading...), never by a list of one publisher's phrases.
#ifndef CLAIMTRACE_EXTRACT_METADATA_H_
#define CLAIMTRACE_EXTRACT_METADATA_H_

#include <vector>

#include "claimtrace/claim.h"
#include "claimtrace/document.h"
#include "extract/quantity.h"

namespace claimtrace {

// Returns the metadata blocks of `release` and its own date.
ReleaseInfo ReadReleaseInfo(const Document& release, const QuantityFinder& finder);

// Sets `cites` and `reference` on claims followed, in their sentence, by a
// footnote marker (`¹`, `[1]`) whose reference the release lists.
void LinkFootnotes(const Document& release, const ReleaseInfo& info,
                   std::vector<Claim>* claims);

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_METADATA_H_
