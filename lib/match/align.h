// Word-level local alignment of a quotation against a window of source
// tokens: Smith-Waterman (Smith & Waterman 1981) over normalised words, with
// a traceback that yields the edit script the diff is built from.
#ifndef CLAIMTRACE_MATCH_ALIGN_H_
#define CLAIMTRACE_MATCH_ALIGN_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace claimtrace {

struct AlignStep {
  enum class Kind { kSame, kChanged, kAdded, kDropped };
  Kind kind;
  int quote = -1;   // index into the quotation's words (kSame, kChanged, kAdded)
  int source = -1;  // index into the source tokens (kSame, kChanged, kDropped)
};

struct Alignment {
  int score = 0;
  int same = 0;                        // quotation words aligned to equal source words
  size_t source_begin = 0;             // first aligned source token
  size_t source_end = 0;               // one past the last
  int quote_begin = 0, quote_end = 0;  // aligned part of the quotation
  std::vector<AlignStep> steps;        // in order, over the aligned part only
};

class SourceIndex;

// Aligns `quote` (word ids of `source`'s vocabulary) with source tokens
// [begin, end). Scores: +3 for equal words, -1 for a changed, added or
// dropped word.
Alignment AlignLocal(const std::vector<uint32_t>& quote, const SourceIndex& source,
                     size_t begin, size_t end);

// Pairs quotation words left outside a local alignment with the source words
// next to it in the same sentence, as changed words, up to `max_words` on each
// side: "remains robust" against "remains weak" shows weak -> robust, where
// the local alignment alone stops before the changed word.
void ExtendEdges(const std::vector<uint32_t>& quote, const SourceIndex& source,
                 size_t max_words, Alignment* a);

// Aligns `quote` as a chain of exact runs of at least `min_run` words, in
// order, each starting within `max_gap` source words of the previous one's
// end: how a splice of source sentences ("A. [cut] B.") is found, where
// local alignment would stop at the cut. Words between runs are added
// (quotation) or dropped (source). Runs do not cross a block (paragraph).
// REQUIRES: min_run >= 2 (runs are found through the bigram lists)
Alignment ChainRuns(const std::vector<uint32_t>& quote, const SourceIndex& index,
                    size_t min_run, size_t max_gap);

}  // namespace claimtrace

#endif  // CLAIMTRACE_MATCH_ALIGN_H_
