// SourceIndex: one source's words as ids into its vocabulary, and an index of
// the positions of every pair of adjacent words (a word bigram), built once,
// so that finding a phrase, or the passages a quotation may come from, costs
// about the size of its rarest bigram's list, not the size of the source.
//
// Compact by design, so a one-shot check of a large source stays within a
// few times the source's size: per word, a 2-byte id (4 bytes once the
// vocabulary passes 65,535 words) and one position in the bigram lists,
// kept as the varint gap from the one before in its bucket (one to three
// bytes, two on prose), plus under half a byte of hash buckets and two bits for
// sentence and paragraph starts. Byte ranges are not kept: they are derived
// again from the text of the few blocks a finding shows.
//
// Candidate passages are chosen by seed and extend, as sequence aligners do:
// every bigram of the quotation is a seed; each occurrence votes, weighted
// by the bigram's rarity, for the diagonal (source position minus quotation
// position) it lies on. No bigram is ever dropped for being common, so the
// true passage cannot be pruned however large the source grows; rare bigrams
// (the words a passage does not share with its near-duplicates) decide
// between passages that share the common ones.
#ifndef CLAIMTRACE_MATCH_SOURCE_INDEX_H_
#define CLAIMTRACE_MATCH_SOURCE_INDEX_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/tokens.h"
#include "match/gap_list.h"

namespace claimtrace {

// Thread safety: immutable after construction. The document must outlive it.
class SourceIndex {
 public:
  // The id of a word the source does not contain: equal to no token.
  static constexpr uint32_t kUnknown = std::numeric_limits<uint32_t>::max();

  // Tokenizes and indexes `doc` on up to `threads` threads (0: as many as the
  // machine has). The index is the same whatever the thread count.
  explicit SourceIndex(const Document& doc, unsigned threads = 0);
  SourceIndex(const SourceIndex&) = delete;
  SourceIndex& operator=(const SourceIndex&) = delete;

  const Document& doc() const { return *doc_; }
  size_t size() const { return size_; }
  size_t vocabulary_size() const { return words_.size(); }
  // Bytes the index holds (not counting the document).
  size_t MemoryBytes() const;

  uint32_t id(size_t i) const { return wide_ ? wide_ids_[i] : narrow_ids_[i]; }
  std::string_view word(size_t i) const { return *words_[id(i)]; }
  // Returns the id of the normalised word `norm`, or kUnknown.
  uint32_t Lookup(const std::string& norm) const;
  std::vector<uint32_t> Lookup(const std::vector<std::string>& norms) const;
  // How many times the word `id` occurs.
  uint32_t Count(uint32_t id) const { return id < counts_.size() ? counts_[id] : 0; }

  // Token i's sentence, counted over the document; sentences never span blocks.
  uint32_t Sentence(size_t i) const;
  // Index of the Document block holding token i.
  int Block(size_t i) const;
  // True when token i is the first of its block (paragraph).
  bool StartsBlock(size_t i) const { return Bit(block_start_, i); }
  // The byte ranges, in doc().text(), of tokens [first, last).
  std::vector<Range> Ranges(size_t first, size_t last) const;

  // Returns, ascending, every position where `first` is followed by `second`
  // in the same block.
  std::vector<uint32_t> Pairs(uint32_t first, uint32_t second) const;

  // Returns every token index where `ids` occur contiguously within one block.
  std::vector<uint32_t> FindPhrase(const std::vector<uint32_t>& ids) const;

  // Returns up to `limit` token indices where passages aligning with `ids`
  // are likely to start, best first, by rarity-weighted votes of the
  // quotation's bigrams along alignment diagonals (or of its words, when no
  // bigram survives the changes).
  std::vector<uint32_t> Candidates(const std::vector<uint32_t>& ids, size_t limit) const;

 private:
  struct Chunk;
  static bool Bit(const std::vector<uint64_t>& bits, size_t i) {
    return (bits[i >> 6] >> (i & 63)) & 1;
  }
  void Tokenize(unsigned threads);
  void AppendChunk(Chunk* chunk);
  void PushId(uint32_t id);
  void BuildPairs();
  // The bucket, of `buckets` (a power of two), a bigram's positions are in.
  static size_t Bucket(size_t buckets, uint32_t first, uint32_t second);
  std::vector<uint32_t> WordVotes(const std::vector<uint32_t>& ids, size_t limit) const;

  const Document* doc_;
  std::unordered_map<std::string, uint32_t> vocabulary_;
  std::vector<const std::string*> words_;  // id -> key in vocabulary_
  std::vector<uint32_t> counts_;           // id -> occurrences
  // Token -> word id: narrow while the vocabulary fits in 16 bits.
  size_t size_ = 0;
  bool wide_ = false;
  std::vector<uint16_t> narrow_ids_;
  std::vector<uint32_t> wide_ids_;
  std::vector<uint64_t> sentence_start_;  // bit per token
  std::vector<uint32_t> sentence_rank_;   // sentence starts before each 64 tokens
  std::vector<uint64_t> block_start_;     // bit per token
  std::vector<uint32_t> block_first_;     // block -> its first token; one extra
  // (token, byte where it starts), ascending, every 256 tokens of a chunk.
  std::vector<std::pair<uint32_t, size_t>> checkpoints_;
  std::vector<uint32_t> bucket_start_;  // bigram hash bucket -> pair_bytes_; one extra
  // Each bucket's bigram positions, ascending, as varint gaps (gap_list.h).
  std::vector<uint8_t> pair_bytes_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_MATCH_SOURCE_INDEX_H_
