// SourceIndex: inverted index over a source's tokens.
#include "match/source_index.h"

#include <algorithm>

namespace claimtrace {
namespace {

// Width of the diagonal buckets candidates vote into: words of a quotation
// that the source spells with a few words added or dropped still land in the
// same or a neighbouring bucket.
constexpr int64_t kBucket = 8;

}  // namespace

SourceIndex::SourceIndex(const Document& doc) : doc_(&doc) {
  Tokenizer tokenizer;
  tokens_ = tokenizer.Tokenize(doc);
  postings_.reserve(tokens_.size() / 4 + 1);
  for (uint32_t i = 0; i < tokens_.size(); ++i) postings_[tokens_[i].norm].push_back(i);
}

const std::vector<uint32_t>& SourceIndex::Postings(const std::string& norm) const {
  static const std::vector<uint32_t> kEmpty;
  auto it = postings_.find(norm);
  return it == postings_.end() ? kEmpty : it->second;
}

std::vector<uint32_t> SourceIndex::FindPhrase(
    const std::vector<std::string>& words) const {
  std::vector<uint32_t> out;
  if (words.empty()) return out;
  // Anchor on the rarest word.
  size_t anchor = 0;
  for (size_t i = 1; i < words.size(); ++i) {
    if (Postings(words[i]).size() < Postings(words[anchor]).size()) anchor = i;
  }
  for (uint32_t p : Postings(words[anchor])) {
    if (p < anchor || p - anchor + words.size() > tokens_.size()) continue;
    uint32_t start = p - static_cast<uint32_t>(anchor);
    bool ok = true;
    for (size_t k = 0; k < words.size() && ok; ++k)
      ok = tokens_[start + k].norm == words[k];
    if (ok) out.push_back(start);
  }
  return out;
}

std::vector<uint32_t> SourceIndex::Candidates(const std::vector<std::string>& words,
                                              size_t limit, size_t max_postings) const {
  std::unordered_map<int64_t, int> votes;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::vector<uint32_t>& posts = Postings(words[i]);
    if (posts.size() > max_postings) continue;
    for (uint32_t p : posts) {
      int64_t diagonal = (static_cast<int64_t>(p) - static_cast<int64_t>(i)) / kBucket;
      ++votes[diagonal];
    }
  }
  // Neighbouring buckets share votes: an insertion can push a quotation's
  // tail into the next bucket.
  std::vector<std::pair<int, int64_t>> ranked;
  ranked.reserve(votes.size());
  for (const auto& [diagonal, count] : votes) {
    auto next = votes.find(diagonal + 1);
    int total = count + (next == votes.end() ? 0 : next->second);
    ranked.emplace_back(total, diagonal);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<uint32_t> out;
  for (const auto& [count, diagonal] : ranked) {
    if (out.size() >= limit) break;
    int64_t start = std::max<int64_t>(0, diagonal * kBucket);
    out.push_back(static_cast<uint32_t>(std::min<int64_t>(start, tokens_.size())));
  }
  return out;
}

}  // namespace claimtrace
