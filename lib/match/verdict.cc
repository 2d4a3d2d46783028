// Verdict names, as they appear in reports, policy files and the JSON output.
#include "claimtrace/match.h"

namespace claimtrace {
namespace {

constexpr Verdict kAllVerdicts[] = {Verdict::kVerbatim, Verdict::kAltered,
                                    Verdict::kUntraced, Verdict::kAttributed,
                                    Verdict::kTraced,   Verdict::kMismatch};

}  // namespace

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kVerbatim:
      return "verbatim";
    case Verdict::kAltered:
      return "altered";
    case Verdict::kUntraced:
      return "untraced";
    case Verdict::kAttributed:
      return "attributed";
    case Verdict::kTraced:
      return "traced";
    case Verdict::kMismatch:
      return "mismatch";
  }
  return "untraced";
}

bool ParseVerdictName(std::string_view name, Verdict* verdict) {
  for (Verdict v : kAllVerdicts) {
    if (VerdictName(v) == name) {
      *verdict = v;
      return true;
    }
  }
  return false;
}

bool IsFlagged(Verdict verdict) {
  return verdict == Verdict::kAltered || verdict == Verdict::kUntraced ||
         verdict == Verdict::kMismatch;
}

}  // namespace claimtrace
