// Smith-Waterman over words. The window is small (a few hundred tokens
// around a candidate), so the quadratic table is cheap; the index chooses
// the windows so the whole source is never aligned.
#include "match/align.h"

#include <algorithm>
#include <cstdint>

namespace claimtrace {
namespace {

constexpr int kSame = 2;
constexpr int kPenalty = -1;

enum Move : uint8_t { kStop, kDiagonal, kUp, kLeft };

}  // namespace

Alignment AlignLocal(const std::vector<std::string>& quote, const std::vector<Token>& source,
                     size_t begin, size_t end) {
  Alignment best;
  end = std::min(end, source.size());
  if (quote.empty() || begin >= end) return best;
  const size_t n = quote.size(), m = end - begin;
  std::vector<int> score((n + 1) * (m + 1), 0);
  std::vector<uint8_t> move((n + 1) * (m + 1), kStop);
  auto at = [m](size_t i, size_t j) { return i * (m + 1) + j; };
  int top = 0;
  size_t top_i = 0, top_j = 0;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      bool same = quote[i - 1] == source[begin + j - 1].norm;
      int diagonal = score[at(i - 1, j - 1)] + (same ? kSame : kPenalty);
      int up = score[at(i - 1, j)] + kPenalty;    // quotation word added
      int left = score[at(i, j - 1)] + kPenalty;  // source word dropped
      int s = 0;
      uint8_t mv = kStop;
      if (diagonal > s) s = diagonal, mv = kDiagonal;
      if (up > s) s = up, mv = kUp;
      if (left > s) s = left, mv = kLeft;
      score[at(i, j)] = s;
      move[at(i, j)] = mv;
      if (s > top) top = s, top_i = i, top_j = j;
    }
  }
  if (top == 0) return best;
  best.score = top;
  size_t i = top_i, j = top_j;
  std::vector<AlignStep> steps;
  while (i > 0 && j > 0 && move[at(i, j)] != kStop) {
    switch (move[at(i, j)]) {
      case kDiagonal: {
        bool same = quote[i - 1] == source[begin + j - 1].norm;
        steps.push_back({same ? AlignStep::Kind::kSame : AlignStep::Kind::kChanged,
                         static_cast<int>(i - 1), static_cast<int>(begin + j - 1)});
        best.same += same;
        --i, --j;
        break;
      }
      case kUp:
        steps.push_back({AlignStep::Kind::kAdded, static_cast<int>(i - 1), -1});
        --i;
        break;
      default:
        steps.push_back({AlignStep::Kind::kDropped, -1, static_cast<int>(begin + j - 1)});
        --j;
        break;
    }
  }
  std::reverse(steps.begin(), steps.end());
  best.quote_begin = static_cast<int>(i);
  best.quote_end = static_cast<int>(top_i);
  best.source_begin = begin + j;
  best.source_end = begin + top_j;
  best.steps = std::move(steps);
  return best;
}

}  // namespace claimtrace
