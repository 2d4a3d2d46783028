// SourceIndex: word ids, sentence and block starts, and bigram lists.
#include "match/source_index.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <new>
#include <thread>
#include <tuple>

#include "parallel.h"

namespace claimtrace {
namespace {

// Width of the diagonal buckets candidates vote into: words of a quotation
// that the source spells with a few words added or dropped still land in the
// same or a neighbouring bucket.
constexpr int64_t kBucket = 8;
// Text tokenized as one unit of work: large enough that a thread's start-up
// is noise (tens of microseconds against milliseconds of tokenizing), small
// enough that the unmerged results of a round stay small: what a thread
// allocated is kept by its heap for reuse once freed, so 1 MB chunks kept
// some 4 MB of a 5 MB source's check resident to the end.
constexpr size_t kChunkBytes = 1 << 17;

// Every this many tokens of a chunk, the byte where a token starts is kept,
// so the ranges of a few words are found again by tokenizing around them
// (a few kilobytes), not their whole paragraph, which on a page that never
// breaks a line is the page.
constexpr size_t kCheckpointTokens = 256;

// The tokens of `r`, a block or a run of its words from one token's start to
// another's, as Tokenizer::Tokenize(doc) cuts them (markup read as spaces).
std::vector<Token> TokenizeRange(Tokenizer* tokenizer, const Document& doc, Range r) {
  // Only the range's own markup: passing all of it would make indexing
  // quadratic in an HTML page's tags.
  const std::vector<Range>& all = doc.markup();
  auto from = std::partition_point(all.begin(), all.end(),
                                   [&](const Range& m) { return m.end <= r.begin; });
  std::vector<Range> markup;
  for (auto m = from; m != all.end() && m->begin < r.end; ++m) markup.push_back(*m);
  return tokenizer->Tokenize(doc.Slice(r), r.begin, &markup);
}

std::vector<Token> TokenizeBlock(Tokenizer* tokenizer, const Document& doc, size_t b) {
  return TokenizeRange(tokenizer, doc, doc.blocks()[b].range);
}

void SetBit(std::vector<uint64_t>* bits, size_t i) {
  (*bits)[i >> 6] |= 1ull << (i & 63);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Votes per diagonal bucket, densely: an eighth of a float per token of the
// source, cheaper to fill and scan than a hash map once the quotation's
// words are common, and ranked in a fixed order.
class DiagonalVotes {
 public:
  DiagonalVotes(size_t source_size, size_t quote_size)
      : shift_(static_cast<int64_t>(quote_size) / kBucket + 1),
        votes_(source_size / kBucket + shift_ + 2, 0.0f) {}

  void Add(uint32_t position, size_t quote_offset, float weight) {
    int64_t d = static_cast<int64_t>(position) - static_cast<int64_t>(quote_offset);
    votes_[static_cast<size_t>(FloorDiv(d, kBucket) + shift_)] += weight;
  }

  // Returns up to `limit` passage starts: a bucket's votes plus its right
  // neighbour's (an insertion can push a quotation's tail into the next
  // bucket), best first, ties to the earlier passage.
  std::vector<uint32_t> Best(size_t limit, size_t size) const {
    // A heap whose front is the worst of the best `limit` so far.
    std::vector<std::pair<float, size_t>> top;
    auto better = [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    for (size_t d = 0; d + 1 < votes_.size(); ++d) {
      float v = votes_[d] + votes_[d + 1];
      if (votes_[d] <= 0) continue;
      if (top.size() < limit) {
        top.emplace_back(v, d);
        std::push_heap(top.begin(), top.end(), better);
      } else if (!top.empty() && v > top.front().first) {
        std::pop_heap(top.begin(), top.end(), better);
        top.back() = {v, d};
        std::push_heap(top.begin(), top.end(), better);
      }
    }
    std::sort(top.begin(), top.end(), better);
    std::vector<uint32_t> out;
    for (const auto& [v, d] : top) {
      int64_t start = std::max<int64_t>(0, (static_cast<int64_t>(d) - shift_) * kBucket);
      out.push_back(static_cast<uint32_t>(std::min<int64_t>(start, size)));
    }
    return out;
  }

 private:
  int64_t shift_;
  std::vector<float> votes_;
};

}  // namespace

// The tokens of a run of blocks, with ids into a vocabulary of its own, so
// that chunks are tokenized in parallel and merged in text order.
struct SourceIndex::Chunk {
  size_t first_block = 0, last_block = 0;
  std::unordered_map<std::string, uint32_t> local;
  std::vector<std::string> words;      // local id -> word
  std::vector<uint32_t> ids;           // local ids
  std::vector<uint8_t> starts;         // per token: 1 sentence start, 2 block start
  std::vector<uint32_t> block_tokens;  // tokens of each block
  // (token of the chunk, byte where it starts) every kCheckpointTokens.
  std::vector<std::pair<uint32_t, size_t>> checkpoints;

  void Run(Tokenizer* tokenizer, const Document& doc) {
    for (size_t b = first_block; b < last_block; ++b) {
      std::vector<Token> tokens = TokenizeBlock(tokenizer, doc, b);
      for (size_t k = 0; k < tokens.size(); ++k) {
        // Find before emplace: most words are seen before, and emplace
        // would build (and free) a node for each.
        auto it = local.find(tokens[k].norm);
        if (it == local.end()) {
          it =
              local
                  .emplace(std::move(tokens[k].norm), static_cast<uint32_t>(words.size()))
                  .first;
          words.push_back(it->first);
        }
        if (ids.size() % kCheckpointTokens == 0)
          checkpoints.emplace_back(static_cast<uint32_t>(ids.size()),
                                   tokens[k].range.begin);
        ids.push_back(it->second);
        bool sentence = k == 0 || tokens[k].sentence != tokens[k - 1].sentence;
        starts.push_back(static_cast<uint8_t>((sentence ? 1 : 0) | (k == 0 ? 2 : 0)));
      }
      block_tokens.push_back(static_cast<uint32_t>(tokens.size()));
    }
  }
};

SourceIndex::SourceIndex(const Document& doc, unsigned threads) : doc_(&doc) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  Tokenize(threads);
  BuildPairs();
}

void SourceIndex::Tokenize(unsigned threads) {
  const std::vector<claimtrace::Block>& blocks = doc_->blocks();
  std::vector<Chunk> chunks;
  for (size_t b = 0; b < blocks.size();) {
    Chunk c;
    c.first_block = b;
    size_t bytes = 0;
    while (b < blocks.size() && (bytes < kChunkBytes || b == c.first_block))
      bytes += blocks[b++].range.size();
    c.last_block = b;
    chunks.push_back(std::move(c));
  }
  // Rounds of a few chunks per thread: tokenized in parallel, merged in
  // order, freed; the merge order, not the thread count, fixes the ids.
  block_first_.reserve(blocks.size() + 1);
  // A token takes two bytes of text at least (a letter and a space), so this
  // never grows; pages past the real count are never touched, so cost no
  // memory, where doubling a vector would hold it twice over for a moment.
  narrow_ids_.reserve(doc_->text().size() / 2 + 1);
  const size_t round = 2 * static_cast<size_t>(threads);
  for (size_t from = 0; from < chunks.size(); from += round) {
    size_t to = std::min(chunks.size(), from + round);
    std::atomic<size_t> next{from};
    auto work = [&] {
      Tokenizer tokenizer;
      for (size_t c = next++; c < to; c = next++) chunks[c].Run(&tokenizer, *doc_);
    };
    RunOnThreads(std::min<size_t>(threads, to - from), work);
    for (size_t c = from; c < to; ++c) {
      AppendChunk(&chunks[c]);
      chunks[c] = Chunk();
    }
  }
  block_first_.push_back(static_cast<uint32_t>(size_));
  sentence_rank_.reserve(sentence_start_.size());
  uint32_t rank = 0;
  for (uint64_t word : sentence_start_) {
    sentence_rank_.push_back(rank);
    rank += static_cast<uint32_t>(std::popcount(word));
  }
}

void SourceIndex::AppendChunk(Chunk* chunk) {
  std::vector<uint32_t> global(chunk->words.size());
  for (size_t i = 0; i < chunk->words.size(); ++i) {
    auto [it, added] = vocabulary_.emplace(std::move(chunk->words[i]),
                                           static_cast<uint32_t>(words_.size()));
    if (added) {
      words_.push_back(&it->first);
      counts_.push_back(0);
    }
    global[i] = it->second;
  }
  for (const auto& [k, byte] : chunk->checkpoints)
    checkpoints_.emplace_back(static_cast<uint32_t>(size_ + k), byte);
  size_t token = size_;
  for (uint32_t n : chunk->block_tokens) {
    block_first_.push_back(static_cast<uint32_t>(token));
    token += n;
  }
  size_t words64 = (token + 63) / 64;
  sentence_start_.resize(words64, 0);
  block_start_.resize(words64, 0);
  for (size_t k = 0; k < chunk->ids.size(); ++k) {
    size_t i = size_;
    uint32_t id = global[chunk->ids[k]];
    PushId(id);
    ++counts_[id];
    if (chunk->starts[k] & 1) SetBit(&sentence_start_, i);
    if (chunk->starts[k] & 2) SetBit(&block_start_, i);
  }
}

void SourceIndex::PushId(uint32_t id) {
  if (!wide_ && id > UINT16_MAX) {
    wide_ids_.reserve(doc_->text().size() / 2 + 1);
    wide_ids_.assign(narrow_ids_.begin(), narrow_ids_.end());
    std::vector<uint16_t>().swap(narrow_ids_);
    wide_ = true;
  }
  if (wide_) {
    wide_ids_.push_back(id);
  } else {
    narrow_ids_.push_back(static_cast<uint16_t>(id));
  }
  ++size_;
}

size_t SourceIndex::Bucket(size_t buckets, uint32_t first, uint32_t second) {
  uint64_t key = (static_cast<uint64_t>(first) << 32) | second;
  key *= 0x9E3779B97F4A7C15ull;
  return static_cast<size_t>(key >> 32) & (buckets - 1);
}

void SourceIndex::BuildPairs() {
  // A power of two between a sixteenth and an eighth of the tokens: under
  // half a byte per token, and few distinct bigrams share a bucket (text
  // repeats its pairs: prose has a distinct bigram for every few tokens).
  size_t buckets = 256;
  while (buckets < size_ / 16) buckets <<= 1;
  const size_t n = size_;
  // Positions and byte offsets are 32 bits, and a position takes five bytes
  // at most: past that (some 2 GB of text, far beyond what a machine that
  // could index it would be given), the source is refused as too large.
  if (n > UINT32_MAX / 5) throw std::bad_alloc();
  // Each bucket's positions ascend, kept as varint gaps (GapList's coding):
  // the bytes of each bucket are counted first, then written in place, so
  // no list is ever held twice.
  std::vector<uint32_t> last(buckets, 0);  // each bucket's last position + 1
  std::vector<uint32_t> bytes(buckets + 1, 0);
  for (size_t i = 0; i + 1 < n; ++i) {
    if (StartsBlock(i + 1)) continue;
    size_t b = Bucket(buckets, id(i), id(i + 1));
    uint32_t p = static_cast<uint32_t>(i);
    bytes[b] += VarintSize(last[b] ? p - (last[b] - 1) : p);
    last[b] = p + 1;
  }
  // Starts, then each advanced past its bucket's bytes as they are written,
  // then shifted back: a bucket's end is the next one's start.
  size_t total = 0;
  for (size_t b = 0; b < buckets; ++b) {
    uint32_t size = bytes[b];
    bytes[b] = static_cast<uint32_t>(total);
    total += size;
  }
  bytes[buckets] = static_cast<uint32_t>(total);
  pair_bytes_.resize(total);
  std::fill(last.begin(), last.end(), 0);
  for (size_t i = 0; i + 1 < n; ++i) {
    if (StartsBlock(i + 1)) continue;
    size_t b = Bucket(buckets, id(i), id(i + 1));
    uint32_t p = static_cast<uint32_t>(i);
    uint8_t* at = pair_bytes_.data() + bytes[b];
    bytes[b] = static_cast<uint32_t>(WriteVarint(last[b] ? p - (last[b] - 1) : p, at) -
                                     pair_bytes_.data());
    last[b] = p + 1;
  }
  std::vector<uint32_t>().swap(last);
  for (size_t b = buckets; b-- > 1;) bytes[b] = bytes[b - 1];
  bytes[0] = 0;
  bucket_start_ = std::move(bytes);
}

size_t SourceIndex::MemoryBytes() const {
  size_t bytes = 0;
  for (const std::string* w : words_) bytes += w->capacity() + 48;
  bytes += size_ * (wide_ ? 4 : 2);
  bytes += (counts_.capacity() + sentence_rank_.capacity() + block_first_.capacity() +
            bucket_start_.capacity()) *
           4;
  bytes += pair_bytes_.capacity();
  bytes += checkpoints_.capacity() * sizeof(checkpoints_[0]);
  bytes += (sentence_start_.capacity() + block_start_.capacity()) * 8;
  return bytes;
}

uint32_t SourceIndex::Lookup(const std::string& norm) const {
  auto it = vocabulary_.find(norm);
  return it == vocabulary_.end() ? kUnknown : it->second;
}

std::vector<uint32_t> SourceIndex::Lookup(const std::vector<std::string>& norms) const {
  std::vector<uint32_t> out;
  out.reserve(norms.size());
  for (const std::string& w : norms) out.push_back(Lookup(w));
  return out;
}

uint32_t SourceIndex::Sentence(size_t i) const {
  uint64_t upto = (i & 63) == 63 ? ~0ull : (2ull << (i & 63)) - 1;
  return sentence_rank_[i >> 6] +
         static_cast<uint32_t>(std::popcount(sentence_start_[i >> 6] & upto));
}

int SourceIndex::Block(size_t i) const {
  auto end = block_first_.end() - 1;
  auto it = std::upper_bound(block_first_.begin(), end, static_cast<uint32_t>(i));
  return static_cast<int>(it - block_first_.begin()) - 1;
}

std::vector<Range> SourceIndex::Ranges(size_t first, size_t last) const {
  std::vector<Range> out;
  last = std::min(last, size());
  if (first >= last) return out;
  Tokenizer tokenizer;
  // The first known token start past `token`.
  auto after = [&](size_t token) {
    return std::upper_bound(
        checkpoints_.begin(), checkpoints_.end(), token,
        [](size_t t, const std::pair<uint32_t, size_t>& c) { return t < c.first; });
  };
  for (int b = Block(first); b >= 0 && static_cast<size_t>(b) + 1 < block_first_.size();
       ++b) {
    size_t t0 = block_first_[b], t1 = block_first_[b + 1];
    if (t0 >= last) break;
    if (t1 == t0) continue;  // a block without words
    // From the last known start at or before the first token wanted (or the
    // block's start) to the first known start past the last one (or the
    // block's end).
    size_t from_token = t0, from_byte = doc_->blocks()[b].range.begin;
    if (auto it = after(std::max(first, t0));
        it != checkpoints_.begin() && std::prev(it)->first >= t0) {
      std::tie(from_token, from_byte) = *std::prev(it);
    }
    size_t to_byte = doc_->blocks()[b].range.end;
    if (auto it = after(std::min(last, t1) - 1);
        it != checkpoints_.end() && it->first < t1)
      to_byte = it->second;
    std::vector<Token> tokens =
        TokenizeRange(&tokenizer, *doc_, Range{from_byte, to_byte});
    for (size_t k = 0; k < tokens.size(); ++k) {
      size_t t = from_token + k;
      if (t >= first && t < last) out.push_back(tokens[k].range);
    }
  }
  // The text has not changed since indexing, so this never pads; it keeps
  // callers' indexing safe all the same.
  while (out.size() < last - first) out.push_back(out.empty() ? Range{} : out.back());
  return out;
}

std::vector<uint32_t> SourceIndex::Pairs(uint32_t first, uint32_t second) const {
  std::vector<uint32_t> out;
  if (first == kUnknown || second == kUnknown) return out;
  size_t b = Bucket(bucket_start_.size() - 1, first, second);
  for (GapReader r(pair_bytes_.data() + bucket_start_[b],
                   pair_bytes_.data() + bucket_start_[b + 1]);
       !r.done(); ++r) {
    uint32_t p = *r;
    if (id(p) == first && id(p + 1) == second) out.push_back(p);
  }
  return out;
}

std::vector<uint32_t> SourceIndex::FindPhrase(const std::vector<uint32_t>& ids) const {
  std::vector<uint32_t> out;
  if (ids.empty() || std::find(ids.begin(), ids.end(), kUnknown) != ids.end()) return out;
  if (ids.size() == 1) {
    for (size_t i = 0; i < size(); ++i) {
      if (id(i) == ids[0]) out.push_back(static_cast<uint32_t>(i));
    }
    return out;
  }
  // Anchor on the bigram with the smallest bucket (in bytes: about its
  // positions).
  size_t anchor = 0, smallest = SIZE_MAX;
  for (size_t k = 0; k + 1 < ids.size(); ++k) {
    size_t b = Bucket(bucket_start_.size() - 1, ids[k], ids[k + 1]);
    size_t n = bucket_start_[b + 1] - bucket_start_[b];
    if (n < smallest) smallest = n, anchor = k;
  }
  for (uint32_t p : Pairs(ids[anchor], ids[anchor + 1])) {
    if (p < anchor || p - anchor + ids.size() > size()) continue;
    size_t start = p - anchor;
    bool ok = true;
    for (size_t k = 0; k < ids.size() && ok; ++k)
      ok = id(start + k) == ids[k] && (k == 0 || !StartsBlock(start + k));
    if (ok) out.push_back(static_cast<uint32_t>(start));
  }
  return out;
}

std::vector<uint32_t> SourceIndex::Candidates(const std::vector<uint32_t>& ids,
                                              size_t limit) const {
  // Seeds, rarest first, each weighted by its rarity (log inverse frequency):
  // a passage's own bigrams outvote those it shares with its near-duplicates.
  struct Seed {
    std::vector<uint32_t> positions;
    size_t offset;
  };
  std::vector<Seed> seeds;
  for (size_t i = 0; i + 1 < ids.size(); ++i) {
    std::vector<uint32_t> p = Pairs(ids[i], ids[i + 1]);
    if (!p.empty()) seeds.push_back({std::move(p), i});
  }
  if (seeds.empty()) return WordVotes(ids, limit);
  std::stable_sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) {
    return a.positions.size() < b.positions.size();
  });
  DiagonalVotes votes(size(), ids.size());
  const double total = static_cast<double>(size()) + 1;
  for (const Seed& s : seeds) {
    auto weight = static_cast<float>(std::log2(total / s.positions.size()));
    for (uint32_t p : s.positions) votes.Add(p, s.offset, weight);
  }
  return votes.Best(limit, size());
}

// The fallback when every bigram of the quotation was changed (one word in
// two replaced): single words vote, by one pass over the tokens.
std::vector<uint32_t> SourceIndex::WordVotes(const std::vector<uint32_t>& ids,
                                             size_t limit) const {
  std::unordered_map<uint32_t, std::vector<size_t>> offsets;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] != kUnknown) offsets[ids[i]].push_back(i);
  }
  if (offsets.empty()) return {};
  DiagonalVotes votes(size(), ids.size());
  const double total = static_cast<double>(size()) + 1;
  for (size_t p = 0; p < size(); ++p) {
    auto it = offsets.find(id(p));
    if (it == offsets.end()) continue;
    auto weight = static_cast<float>(std::log2(total / counts_[id(p)]));
    for (size_t offset : it->second) votes.Add(static_cast<uint32_t>(p), offset, weight);
  }
  return votes.Best(limit, size());
}

}  // namespace claimtrace
