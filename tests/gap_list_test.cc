// Tests for GapList: values read back in order whatever their gaps (one to
// five bytes each), membership, and the byte counts that make it compact.
#include "match/gap_list.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

namespace claimtrace {
namespace {

std::vector<uint32_t> Read(const GapList& list) {
  std::vector<uint32_t> out;
  for (uint32_t v : list) out.push_back(v);
  return out;
}

TEST_CASE("GapList reads back what was appended, gaps of every width") {
  const std::vector<std::vector<uint32_t>> cases = {
      {},
      {0},
      {7},
      {0, 1, 2, 3},
      {127, 128, 255, 256},
      {5, 16389, 16390, 2113541, 270549000},
      {0, UINT32_MAX},
      {1, 4000000000u, UINT32_MAX},
  };
  for (const std::vector<uint32_t>& values : cases) {
    CAPTURE(values);
    GapList list;
    for (uint32_t v : values) list.Append(v);
    CHECK(list.size() == values.size());
    CHECK(list.empty() == values.empty());
    CHECK(Read(list) == values);
    if (!values.empty()) CHECK(list.back() == values.back());
    list.ShrinkToFit();
    CHECK(Read(list) == values);
  }
}

TEST_CASE("GapList::Contains finds members only") {
  GapList list;
  for (uint32_t v : {3u, 9u, 200u, 70000u}) list.Append(v);
  struct Case {
    uint32_t v;
    bool in;
  };
  for (const Case& c : std::vector<Case>{{3, true},
                                         {9, true},
                                         {200, true},
                                         {70000, true},
                                         {0, false},
                                         {4, false},
                                         {199, false},
                                         {70001, false},
                                         {UINT32_MAX, false}}) {
    CAPTURE(c.v);
    CHECK(list.Contains(c.v) == c.in);
  }
  CHECK_FALSE(GapList().Contains(0));
}

TEST_CASE("A varint takes one byte per seven bits") {
  struct Case {
    uint32_t v;
    size_t bytes;
  };
  for (const Case& c : std::vector<Case>{{0, 1},
                                         {127, 1},
                                         {128, 2},
                                         {16383, 2},
                                         {16384, 3},
                                         {(1u << 21) - 1, 3},
                                         {1u << 21, 4},
                                         {(1u << 28) - 1, 4},
                                         {1u << 28, 5},
                                         {UINT32_MAX, 5}}) {
    CAPTURE(c.v);
    CHECK(VarintSize(c.v) == c.bytes);
    uint8_t buffer[5];
    CHECK(static_cast<size_t>(WriteVarint(c.v, buffer) - buffer) == c.bytes);
    const uint8_t* at = buffer;
    CHECK(ReadVarint(&at) == c.v);
    CHECK(at == buffer + c.bytes);
  }
}

TEST_CASE("Small gaps take a byte each: a dense list costs a quarter of uint32s") {
  GapList list;
  for (uint32_t v = 1000000; v < 1000000 + 100 * 1000; v += 100) list.Append(v);
  CHECK(list.size() == 1000);
  // The first value's three bytes, then 999 one-byte gaps.
  CHECK(list.MemoryBytes() >= 1002);
  list.ShrinkToFit();
  CHECK(list.MemoryBytes() == 1002);
}

}  // namespace
}  // namespace claimtrace
