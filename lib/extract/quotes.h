// Quotation claims: every quotation of a release with its structure
// (ellipses, brackets), its role (source words, a speaker's words, a scare-
// quoted term) and, for a speaker, the person's name.
#ifndef CLAIMTRACE_EXTRACT_QUOTES_H_
#define CLAIMTRACE_EXTRACT_QUOTES_H_

#include <vector>

#include "claimtrace/claim.h"
#include "claimtrace/document.h"

namespace claimtrace {

// Returns the quotation claims of `release`, in text order.
std::vector<Claim> ExtractQuotes(const Document& release, const ReleaseInfo& info);

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_QUOTES_H_
