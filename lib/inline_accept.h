// Inline acceptances: a team that keeps the reason next to the text writes
//   <!-- claimtrace: accept "paraphrase agreed with the press office" -->
// just before a paragraph of a Markdown or HTML draft (or a Word comment
// reading `claimtrace: accept "..."` on the paragraph, which the Word loader
// turns into the same comment), and the failing claims of that paragraph are
// accepted with that reason.
#ifndef CLAIMTRACE_INLINE_ACCEPT_H_
#define CLAIMTRACE_INLINE_ACCEPT_H_

#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/status.h"

namespace claimtrace {

struct InlineAcceptance {
  std::string reason;
  int line = 0;    // line of the comment in the release file
  int block = -1;  // the release block it applies to; -1 when none follows
};

// Returns the inline acceptances of `release`. HTML comments are not in the
// document's text, so for HTML the file is read again from release.path().
// A `claimtrace:` comment that does not read `accept "reason"` is an error
// naming the file and line.
Result<std::vector<InlineAcceptance>> FindInlineAcceptances(const Document& release);

// Returns the ranges of text() inside `<!-- -->` comments: words there are
// notes to the team, not claims.
std::vector<Range> CommentRanges(const Document& release);

}  // namespace claimtrace

#endif  // CLAIMTRACE_INLINE_ACCEPT_H_
