// Extractor: runs the extraction stages in order. Metadata first (it decides
// which blocks hold no claims and reads the release's date), then quotations
// (numbers inside them belong to them), then numbers, then footnote links.
#include <algorithm>

#include "claimtrace/extract.h"
#include "extract/metadata.h"
#include "extract/numbers.h"
#include "extract/quantity.h"
#include "extract/quotes.h"

namespace claimtrace {

struct Extractor::Impl {
  QuoteFinder quotes;
  const QuantityFinder& quantities = SharedQuantityFinder();
};

Extractor::Extractor() : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;

Extraction Extractor::Extract(const Document& release) const {
  Extraction out;
  out.info = ReadReleaseInfo(release, impl_->quantities);
  out.claims = impl_->quotes.Find(release);
  std::vector<Range> quote_spans;
  for (const Claim& c : out.claims) quote_spans.push_back(c.span);
  std::vector<Claim> numbers =
      ExtractNumbers(release, impl_->quantities, quote_spans, out.info);
  out.claims.insert(out.claims.end(), std::make_move_iterator(numbers.begin()),
                    std::make_move_iterator(numbers.end()));
  std::stable_sort(
      out.claims.begin(), out.claims.end(),
      [](const Claim& a, const Claim& b) { return a.span.begin < b.span.begin; });
  LinkFootnotes(release, out.info, &out.claims);
  return out;
}

}  // namespace claimtrace
