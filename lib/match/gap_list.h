// GapList: an ascending list of 32-bit values kept as the gaps between them,
// each a varint (7 bits a byte, low bits first, the top bit set on every
// byte but the last), as search engines keep their postings and leveldb its
// block offsets (util/coding.h).
//
// Lists of positions in a text (the sentences holding a word, the places of
// a word pair) are read front to back and mostly hold small gaps: a gap
// under 128 takes one byte instead of four. A list is never larger than
// five bytes a value, and for values under 2^28 never larger than four.
//
// Invariants: values strictly ascend; bytes_ holds size_ varints, the first
// the first value itself, each next the gap to the one before.
#ifndef CLAIMTRACE_MATCH_GAP_LIST_H_
#define CLAIMTRACE_MATCH_GAP_LIST_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace claimtrace {

// Returns how many bytes the varint of `v` takes (1-5).
inline size_t VarintSize(uint32_t v) {
  size_t n = 1;
  while (v >= 0x80) v >>= 7, ++n;
  return n;
}

// Writes the varint of `v` at `out`; returns the byte after it.
inline uint8_t* WriteVarint(uint32_t v, uint8_t* out) {
  while (v >= 0x80) {
    *out++ = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  *out++ = static_cast<uint8_t>(v);
  return out;
}

// Reads the varint at `*at` and moves `*at` past it.
// REQUIRES: a whole varint starts at `*at` (one WriteVarint wrote).
inline uint32_t ReadVarint(const uint8_t** at) {
  uint32_t v = 0;
  for (int shift = 0;; shift += 7) {
    uint8_t byte = *(*at)++;
    v |= static_cast<uint32_t>(byte & 0x7F) << shift;
    if (byte < 0x80) return v;
  }
}

// Reads a run of gap-coded values front to back: the first varint is the
// first value, each next the gap to the value before.
class GapReader {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = uint32_t;
  using difference_type = std::ptrdiff_t;
  using pointer = const uint32_t*;
  using reference = uint32_t;

  GapReader() = default;
  // Reads the varints in [begin, end).
  GapReader(const uint8_t* begin, const uint8_t* end) : at_(begin), end_(end) {
    if (at_ != end_) next_ = at_, value_ = ReadVarint(&next_);
  }

  uint32_t operator*() const { return value_; }
  GapReader& operator++() {
    at_ = next_;
    if (at_ != end_) value_ += ReadVarint(&next_);
    return *this;
  }
  void operator++(int) { ++*this; }
  bool done() const { return at_ == end_; }
  // Equal when both are at the same byte (every end compares equal to a
  // reader that has read all of its run).
  friend bool operator==(const GapReader& a, const GapReader& b) {
    return a.at_ == b.at_;
  }

 private:
  const uint8_t* at_ = nullptr;    // the current value's varint
  const uint8_t* next_ = nullptr;  // the next value's
  const uint8_t* end_ = nullptr;
  uint32_t value_ = 0;
};

// Thread safety: const methods may be called from any number of threads.
class GapList {
 public:
  // Appends `v`. REQUIRES: empty() or v > back().
  void Append(uint32_t v) {
    uint8_t buffer[5];
    uint8_t* end = WriteVarint(empty() ? v : v - back_, buffer);
    bytes_.insert(bytes_.end(), buffer, end);
    back_ = v;
    ++size_;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The last value. REQUIRES: !empty().
  uint32_t back() const { return back_; }

  GapReader begin() const {
    return GapReader(bytes_.data(), bytes_.data() + bytes_.size());
  }
  GapReader end() const {
    return GapReader(bytes_.data() + bytes_.size(), bytes_.data() + bytes_.size());
  }

  // Returns true when `v` is in the list (reads up to it).
  bool Contains(uint32_t v) const {
    for (GapReader r = begin(); !r.done() && *r <= v; ++r) {
      if (*r == v) return true;
    }
    return false;
  }

  // Frees the room the byte vector grew into beyond its bytes.
  void ShrinkToFit() { bytes_.shrink_to_fit(); }
  // Bytes held, besides the object itself.
  size_t MemoryBytes() const { return bytes_.capacity(); }

 private:
  std::vector<uint8_t> bytes_;
  uint32_t size_ = 0;
  uint32_t back_ = 0;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_MATCH_GAP_LIST_H_
