// Smith-Waterman over words. The window is small (a few hundred tokens
// around a candidate), so the quadratic table is cheap; the index chooses
// the windows so the whole source is never aligned.
#include "match/align.h"

#include <algorithm>
#include <cstdint>

#include "match/source_index.h"

namespace claimtrace {
namespace {

// +3 for a shared word against -1 for each difference: a shared word pays
// for a changed word and a dropped one next to it, so a quotation's opening
// words are kept in the alignment across one paraphrased word.
constexpr int kSame = 3;
constexpr int kPenalty = -1;

enum Move : uint8_t { kStop, kDiagonal, kUp, kLeft };

}  // namespace

Alignment AlignLocal(const std::vector<uint32_t>& quote, const SourceIndex& source,
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
      bool same = quote[i - 1] == source.id(begin + j - 1);
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
        bool same = quote[i - 1] == source.id(begin + j - 1);
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

void ExtendEdges(const std::vector<uint32_t>& quote, const SourceIndex& source,
                 size_t max_words, Alignment* a) {
  if (a->steps.empty()) return;
  // Tail.
  size_t tail = 0;
  while (tail < max_words && a->quote_end + tail < quote.size() &&
         a->source_end + tail < source.size() && a->source_end > 0 &&
         source.Sentence(a->source_end + tail) == source.Sentence(a->source_end - 1)) {
    bool same = quote[a->quote_end + tail] == source.id(a->source_end + tail);
    a->steps.push_back({same ? AlignStep::Kind::kSame : AlignStep::Kind::kChanged,
                        static_cast<int>(a->quote_end + tail),
                        static_cast<int>(a->source_end + tail)});
    a->same += same;
    ++tail;
  }
  a->quote_end += static_cast<int>(tail);
  a->source_end += tail;
  // Head.
  size_t head = 0;
  std::vector<AlignStep> front;
  while (head < max_words && a->quote_begin > static_cast<int>(head) &&
         a->source_begin > head &&
         source.Sentence(a->source_begin - head - 1) ==
             source.Sentence(a->source_begin)) {
    int q = a->quote_begin - static_cast<int>(head) - 1;
    size_t src = a->source_begin - head - 1;
    bool same = quote[q] == source.id(src);
    front.insert(front.begin(),
                 {same ? AlignStep::Kind::kSame : AlignStep::Kind::kChanged, q,
                  static_cast<int>(src)});
    a->same += same;
    ++head;
  }
  a->steps.insert(a->steps.begin(), front.begin(), front.end());
  a->quote_begin -= static_cast<int>(head);
  a->source_begin -= head;
}

Alignment ChainRuns(const std::vector<uint32_t>& quote, const SourceIndex& index,
                    size_t min_run, size_t max_gap) {
  Alignment out;
  std::vector<AlignStep> steps;
  bool started = false;
  size_t prev_end = 0;
  int first_quote = -1, last_quote = -1;
  size_t i = 0;
  while (i < quote.size()) {
    size_t best_len = 0, best_pos = 0;
    // A run of two words or more starts where the quotation's bigram does.
    const std::vector<uint32_t> posts = i + 1 < quote.size()
                                            ? index.Pairs(quote[i], quote[i + 1])
                                            : std::vector<uint32_t>();
    auto from =
        started ? std::lower_bound(posts.begin(), posts.end(), prev_end) : posts.begin();
    for (auto it = from; it != posts.end(); ++it) {
      size_t pos = *it;
      if (started && pos > prev_end + max_gap) break;
      size_t len = 0;
      while (i + len < quote.size() && pos + len < index.size() &&
             index.id(pos + len) == quote[i + len] &&
             (len == 0 || !index.StartsBlock(pos + len))) {
        ++len;
      }
      if (len > best_len) best_len = len, best_pos = pos;
    }
    if (best_len < min_run) {
      if (started) steps.push_back({AlignStep::Kind::kAdded, static_cast<int>(i), -1});
      ++i;
      continue;
    }
    // Unmatched quotation words before the first run are outside the chain.
    if (!started) {
      started = true;
      first_quote = static_cast<int>(i);
      out.source_begin = best_pos;
    } else {
      for (size_t d = prev_end; d < best_pos; ++d) {
        steps.push_back({AlignStep::Kind::kDropped, -1, static_cast<int>(d)});
      }
    }
    for (size_t k = 0; k < best_len; ++k) {
      steps.push_back({AlignStep::Kind::kSame, static_cast<int>(i + k),
                       static_cast<int>(best_pos + k)});
    }
    out.same += static_cast<int>(best_len);
    i += best_len;
    prev_end = best_pos + best_len;
    last_quote = static_cast<int>(i);
  }
  if (!started) return out;
  // Trailing added words after the last run are outside the chain too.
  while (!steps.empty() && steps.back().kind == AlignStep::Kind::kAdded) steps.pop_back();
  out.quote_begin = first_quote;
  out.quote_end = last_quote;
  out.source_end = prev_end;
  out.score = out.same * kSame;
  out.steps = std::move(steps);
  return out;
}

}  // namespace claimtrace
