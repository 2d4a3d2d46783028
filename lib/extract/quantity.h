// QuantityFinder: finds quantities in running text and normalises them, for
// the release (number claims) and for the sources (what they state).
//
// Shared by the extractor and the number matcher so that both sides of a
// comparison are read by the same rules.
#ifndef CLAIMTRACE_EXTRACT_QUANTITY_H_
#define CLAIMTRACE_EXTRACT_QUANTITY_H_

#include <memory>
#include <string_view>
#include <vector>

#include "claimtrace/claim.h"

namespace claimtrace {

struct QuantityMention {
  Range range;   // the whole phrase: qualifier, number, unit, counted noun
  Range number;  // just the number ("2,350", "twenty-one", "13 January 2025")
  Quantity quantity;
};

// Thread safety: Find() is const and thread-safe. Not copyable (owns
// compiled RE2 patterns and ICU number-parsing rules).
class QuantityFinder {
 public:
  QuantityFinder();
  ~QuantityFinder();
  QuantityFinder(const QuantityFinder&) = delete;
  QuantityFinder& operator=(const QuantityFinder&) = delete;

  // Returns the quantities in `text`, in order, ranges offset by `base`.
  std::vector<QuantityMention> Find(std::string_view text, size_t base = 0) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether a lower-case word spells a number ("six", "sixth", "thirds",
// "half", "dozen"): a value, not a word saying what a value is about.
bool IsNumberWord(std::string_view word);

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_QUANTITY_H_
