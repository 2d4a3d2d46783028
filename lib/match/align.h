// Word-level local alignment of a quotation against a window of source
// tokens: Smith-Waterman (Smith & Waterman 1981) over normalised words, with
// a traceback that yields the edit script the diff is built from.
#ifndef CLAIMTRACE_MATCH_ALIGN_H_
#define CLAIMTRACE_MATCH_ALIGN_H_

#include <cstddef>
#include <string>
#include <vector>

#include "claimtrace/tokens.h"

namespace claimtrace {

struct AlignStep {
  enum class Kind { kSame, kChanged, kAdded, kDropped };
  Kind kind;
  int quote = -1;   // index into the quotation's words (kSame, kChanged, kAdded)
  int source = -1;  // index into the source tokens (kSame, kChanged, kDropped)
};

struct Alignment {
  int score = 0;
  int same = 0;                 // quotation words aligned to equal source words
  size_t source_begin = 0;      // first aligned source token
  size_t source_end = 0;        // one past the last
  int quote_begin = 0, quote_end = 0;  // aligned part of the quotation
  std::vector<AlignStep> steps;  // in order, over the aligned part only
};

// Aligns `quote` with source tokens [begin, end). Scores: +2 for equal
// words, -1 for a changed, added or dropped word.
Alignment AlignLocal(const std::vector<std::string>& quote, const std::vector<Token>& source,
                     size_t begin, size_t end);

}  // namespace claimtrace

#endif  // CLAIMTRACE_MATCH_ALIGN_H_
