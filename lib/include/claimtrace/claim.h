// Claim: one checkable statement of a release, a quotation or a quantity.
//
// All ranges are half-open byte ranges into the release Document's text().
#ifndef CLAIMTRACE_CLAIM_H_
#define CLAIMTRACE_CLAIM_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrace/document.h"

namespace claimtrace {

enum class ClaimKind { kQuote, kNumber };

// Who a quotation presents as speaking.
enum class QuoteRole {
  kSource,   // the report's words ("the report found that ...", unattributed)
  kSpeaker,  // a named person's words (`X said: "..."`)
  kTerm,     // a scare quote of one to three words (‘Outstanding’)
};

std::string_view ClaimKindName(ClaimKind kind);  // "quote", "number"
std::string_view QuoteRoleName(QuoteRole role);  // "source", "speaker", "term"

// A piece of a quotation between its structural marks.
struct QuotePart {
  enum class Kind {
    kWords,      // words the quotation presents as the source's
    kEllipsis,   // `…`, `...`, `. . .`: words of the source left out
    kEditorial,  // `[...]`: words standing for or added to the source's
  };
  Kind kind = Kind::kWords;
  Range range;
};

// A calendar date; 0 in a field means the text does not give it.
struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

enum class QuantityKind {
  kCount,     // 2,350 grants; four key areas; half the workforce
  kPercent,   // 20%, 20 per cent
  kPoints,    // percentage points
  kMoney,     // £550, $3 billion
  kYear,      // 2017
  kDate,      // 13 January 2025, 23.07.19, April 2017
  kDuration,  // five years ago, less than a year
  kOrdinal,   // sixth
  kFraction,  // a third; one in five; three-quarters
  kMultiple,  // twice; 3.57 times; a 2.5-fold rise
};

std::string_view QuantityKindName(QuantityKind kind);

// A quantity normalised so two mentions can be compared.
struct Quantity {
  QuantityKind kind = QuantityKind::kCount;
  double value = 0;  // 20 for 20%; 1.2e6 for £1.2m; 0.2 for one in five
  // The place of the last digit written, so a rounded figure compares with
  // the exact one it rounds: 1 for "43%", 0.1 for "43.2%", 1e5 for "8.7
  // million", 1000 for "122,000". 0 when the text gives no digits ("half").
  double precision = 0;
  std::optional<double> to;  // the second value of a range or change
  bool is_change = false;    // "from 33% to 9%", "fell to 9%"
  std::string unit;          // "%", "GBP", "USD", "EUR", "year", "month"...
  std::string per;           // a rate's denominators: "year, child"
  std::string qualifier;     // "more than", "around", "up to"...
  std::string relation;      // durations: "ago", "later", "old" (an age)
  std::string counted;       // the counted noun, normalised: "grants"
  CivilDate date;            // for kDate and kYear
};

struct Claim {
  ClaimKind kind = ClaimKind::kQuote;
  // The claim's text: a quotation without its marks, or the number phrase
  // with its counted noun ("more than 2,350 grants").
  Range span;
  std::string text;
  int block = -1;  // Index of the release block holding it.

  // Quotations.
  QuoteRole role = QuoteRole::kSource;
  std::string speaker;           // for kSpeaker: the person's name
  std::vector<QuotePart> parts;  // in order; covers `span`

  // Numbers.
  Quantity quantity;

  // The footnote marker on the claim ("1") and the reference it points at,
  // as the release's reference list gives it. Empty when none.
  std::string cites;
  std::string reference;
};

// What the extractor read from a release besides its claims.
struct ReleaseInfo {
  std::optional<CivilDate> date;     // the release's own date (posting line...)
  std::vector<int> metadata_blocks;  // blocks that are metadata, not claims
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_CLAIM_H_
