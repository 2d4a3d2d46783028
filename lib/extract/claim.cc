// Names of the claim enums, as they appear in reports and the JSON output.
#include "claimtrace/claim.h"

namespace claimtrace {

std::string_view ClaimKindName(ClaimKind kind) {
  return kind == ClaimKind::kQuote ? "quote" : "number";
}

std::string_view QuoteRoleName(QuoteRole role) {
  switch (role) {
    case QuoteRole::kSource:
      return "source";
    case QuoteRole::kSpeaker:
      return "speaker";
    case QuoteRole::kTerm:
      return "term";
  }
  return "source";
}

std::string_view QuantityKindName(QuantityKind kind) {
  switch (kind) {
    case QuantityKind::kCount:
      return "count";
    case QuantityKind::kPercent:
      return "percent";
    case QuantityKind::kPoints:
      return "percentage-points";
    case QuantityKind::kMoney:
      return "money";
    case QuantityKind::kYear:
      return "year";
    case QuantityKind::kDate:
      return "date";
    case QuantityKind::kDuration:
      return "duration";
    case QuantityKind::kOrdinal:
      return "ordinal";
    case QuantityKind::kFraction:
      return "fraction";
    case QuantityKind::kMultiple:
      return "multiple";
  }
  return "count";
}

}  // namespace claimtrace
