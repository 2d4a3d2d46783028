// Matcher: traces each claim to the passage of a source it came from and
// decides its verdict (see ../shared/eval/README.md for the definitions).
//
// Usage:
//   claimtrace::Matcher matcher(sources);      // indexes each source once
//   claimtrace::Finding f = matcher.Match(claim, release);
//
// Thread safety: after construction Match() is const and may be called from
// several threads. The sources must outlive the Matcher. Not copyable.
#ifndef CLAIMTRACE_MATCH_H_
#define CLAIMTRACE_MATCH_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrace/claim.h"
#include "claimtrace/document.h"
#include "claimtrace/extract.h"

namespace claimtrace {

enum class Verdict {
  kVerbatim,    // quote: the words occur in the source in the same order
  kAltered,     // quote: a passage aligns with most of it, words changed
  kUntraced,    // quote or number: nothing in the sources supports it
  kAttributed,  // quote: a named person's words, not in the source
  kTraced,      // number: the source states the same quantity, same thing
  kMismatch,    // number: the source states another value, same thing
};

std::string_view VerdictName(Verdict verdict);  // "verbatim", ...
bool ParseVerdictName(std::string_view name, Verdict* verdict);
// Returns true for the verdicts a checker flags: altered, untraced, mismatch.
bool IsFlagged(Verdict verdict);

// One step of a word-level diff from the source passage to the quotation.
struct DiffOp {
  enum class Kind {
    kSame,     // words in both
    kDropped,  // source words the quotation leaves out, unmarked
    kAdded,    // quotation words the source does not have
    kChanged,  // source words replaced by other words
    kElided,   // source words left out behind an ellipsis or brackets
  };
  Kind kind = Kind::kSame;
  std::string quote_words;   // as written in the release
  std::string source_words;  // as written in the source
};

struct Evidence {
  int source = -1;  // index into the sources; -1 when nothing matched
  Range span;       // the matched words in that source's text()
  Range passage;    // the whole sentence(s) around them, for display
  int line = 0;
  int page = 0;
  std::string label;         // paragraph label ("29")
  std::string section;       // the heading the passage sits under
  std::vector<DiffOp> diff;  // quotes: from source to quotation
  double coverage = 0;       // share of the quotation's words aligned
  std::string source_value;  // numbers: the value as the source states it
};

struct Finding {
  Claim claim;
  Verdict verdict = Verdict::kUntraced;
  Evidence evidence;
  // The other sources that trace a quotation too, word for word or with
  // changes (ascending): the evidence is the one passage shown, not the only
  // one. Empty for figures (the best mention is the only one sought).
  std::vector<int> also;
  std::vector<std::string> notes;  // short remarks a reader needs
};

struct Warning {
  std::string code;  // "source-postdates-release", "praise-from-weakness"
  std::string message;
};

struct MatchOptions {
  // Least share of a quotation's content words (not function words such as
  // "the", "and") that must align with one passage for the verdict `altered`
  // rather than `untraced`. Two thirds: a misquote keeps most of its words
  // (one changed or dropped word in a phrase), while a phrase that merely
  // shares a word or two with the report ("timely and effective help" against
  // "timely and appropriate advice") is not a quotation of it.
  // Default: 0.66
  double min_coverage = 0.66;
};

class Matcher {
 public:
  explicit Matcher(const std::vector<Document>& sources, MatchOptions options = {});
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Returns the verdict and evidence for one claim of `release`, traced to
  // the best of the sources.
  Finding Match(const Claim& claim, const Document& release) const;

  // Returns document-level warnings: sources dated after the release.
  std::vector<Warning> CheckDates(const ReleaseInfo& release) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_MATCH_H_
