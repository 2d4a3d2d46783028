// Quotation claims: every quotation of a release with its structure
// (ellipses, brackets), its role (the source's words, a speaker's words, a
// scare-quoted term) and, for a speaker, the person's name.
#ifndef CLAIMTRACE_EXTRACT_QUOTES_H_
#define CLAIMTRACE_EXTRACT_QUOTES_H_

#include <memory>
#include <vector>

#include "claimtrace/claim.h"
#include "claimtrace/document.h"
#include "extract/speakers.h"

namespace claimtrace {

// Thread safety: Find() is const and thread-safe. Not copyable.
class QuoteFinder {
 public:
  QuoteFinder();
  ~QuoteFinder();
  QuoteFinder(const QuoteFinder&) = delete;
  QuoteFinder& operator=(const QuoteFinder&) = delete;

  // Returns the quotation claims of `release`, in text order.
  std::vector<Claim> Find(const Document& release) const;

 private:
  SpeakerFinder speakers_;
};

// The largest number of words a scare quote (role `term`) has.
constexpr int kMaxTermWords = 3;

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_QUOTES_H_
