// SourceIndex: one source's normalised tokens and an inverted index from
// each token to its positions, built once, so that finding a phrase or the
// candidate passages for a quotation costs about the size of the rarest
// posting list, not the size of the source.
#ifndef CLAIMTRACE_MATCH_SOURCE_INDEX_H_
#define CLAIMTRACE_MATCH_SOURCE_INDEX_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/tokens.h"

namespace claimtrace {

// Thread safety: immutable after construction. The document must outlive it.
class SourceIndex {
 public:
  explicit SourceIndex(const Document& doc);
  SourceIndex(const SourceIndex&) = delete;
  SourceIndex& operator=(const SourceIndex&) = delete;

  const Document& doc() const { return *doc_; }
  const std::vector<Token>& tokens() const { return tokens_; }

  // Returns the positions (token indices) of `norm`, or an empty list.
  const std::vector<uint32_t>& Postings(const std::string& norm) const;

  // Returns every token index where `words` occur contiguously.
  std::vector<uint32_t> FindPhrase(const std::vector<std::string>& words) const;

  // Returns up to `limit` token indices where passages aligning with `words`
  // are likely to start, best first, by voting along alignment diagonals.
  // Tokens with more than `max_postings` positions do not vote.
  std::vector<uint32_t> Candidates(const std::vector<std::string>& words, size_t limit,
                                   size_t max_postings) const;

 private:
  const Document* doc_;
  std::vector<Token> tokens_;
  std::unordered_map<std::string, std::vector<uint32_t>> postings_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_MATCH_SOURCE_INDEX_H_
