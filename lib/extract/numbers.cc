// ExtractNumbers: one claim per quantity a release states outside its
// quotations and its metadata blocks.
#include "extract/numbers.h"

#include <algorithm>

namespace claimtrace {
namespace {

bool InsideAny(Range r, const std::vector<Range>& spans) {
  auto it = std::upper_bound(spans.begin(), spans.end(), r.begin,
                             [](size_t b, const Range& s) { return b < s.begin; });
  if (it == spans.begin()) return false;
  --it;
  return r.begin < it->end;  // starts inside a quotation
}

// "[1]" after a claim points at a reference; it states no quantity.
bool IsFootnoteMarker(std::string_view text, Range r) {
  return r.begin > 0 && r.end < text.size() && text[r.begin - 1] == '[' &&
         text[r.end] == ']' && r.size() <= 3;
}

}  // namespace

const QuantityFinder& SharedQuantityFinder() {
  static const QuantityFinder* finder = new QuantityFinder;
  return *finder;
}

std::vector<Claim> ExtractNumbers(const Document& release, const QuantityFinder& finder,
                                  const std::vector<Range>& quote_spans,
                                  const ReleaseInfo& info) {
  std::vector<Range> quotes = quote_spans;
  std::sort(quotes.begin(), quotes.end(),
            [](const Range& a, const Range& b) { return a.begin < b.begin; });
  std::vector<Claim> claims;
  for (size_t b = 0; b < release.blocks().size(); ++b) {
    if (std::find(info.metadata_blocks.begin(), info.metadata_blocks.end(),
                  static_cast<int>(b)) != info.metadata_blocks.end()) {
      continue;
    }
    const Range block = release.blocks()[b].range;
    for (QuantityMention& m : finder.Find(release.Slice(block), block.begin)) {
      if (InsideAny(m.range, quotes) || InsideAny(m.number, quotes)) continue;
      if (IsFootnoteMarker(release.text(), m.range)) continue;
      Claim claim;
      claim.kind = ClaimKind::kNumber;
      claim.span = m.range;
      claim.text = std::string(release.Slice(m.range));
      claim.block = static_cast<int>(b);
      claim.quantity = std::move(m.quantity);
      claims.push_back(std::move(claim));
    }
  }
  return claims;
}

}  // namespace claimtrace
