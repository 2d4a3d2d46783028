// Word classes the matchers share: function words (which locate and prove
// nothing) and the display form of a section title.
#ifndef CLAIMTRACE_MATCH_WORDS_H_
#define CLAIMTRACE_MATCH_WORDS_H_

#include <string>
#include <string_view>

namespace claimtrace {

// Returns true for English function words ("the", "and", "of", "were"...),
// given in normalised (lower-case) form.
bool IsFunctionWord(std::string_view word);

// Returns a heading's text without Markdown emphasis or heading marks.
std::string PlainTitle(std::string_view title);

}  // namespace claimtrace

#endif  // CLAIMTRACE_MATCH_WORDS_H_
