#include "match/quantity_compare.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "text/stemmer.h"

namespace claimtrace {
namespace {

// A fraction word or proportion covers values this far from it (relative):
// "half" is said of 45-55%, "a third" of 30-36%.
constexpr double kFractionLooseness = 0.15;
// How far past a bound ("more than 2.2 million") the values it is said of
// go (relative, or the bound's written precision if more), and how far short
// of it ("more than a year" for 52 weeks).
constexpr double kBoundReach = 0.1;
constexpr double kBoundSlack = 0.01;
// "about", "around": values this far from the claim's (relative).
constexpr double kApproximately = 0.1;

// A duration unit ("week") in days.
double Days(const std::string& unit) {
  if (unit == "year") return 365.25;
  if (unit == "decade") return 3652.5;
  if (unit == "month") return 30.44;
  if (unit == "fortnight") return 14;
  if (unit == "week") return 7;
  if (unit == "hour") return 1.0 / 24;
  if (unit == "minute") return 1.0 / 1440;
  if (unit == "second") return 1.0 / 86400;
  return 1;
}

bool SameDate(const CivilDate& a, const CivilDate& b) {
  if (a.year && b.year && a.year != b.year) return false;
  if (a.month && b.month && a.month != b.month) return false;
  if (a.day && b.day && a.day != b.day) return false;
  return (a.year == b.year || !a.year || !b.year) &&
         (a.month || b.month ? a.month == b.month : true);
}

// Whether a source date or year (possibly a range of years) covers the
// claim's.
bool SupportsTime(const Quantity& claim, const Quantity& source) {
  if (claim.to.has_value() != source.to.has_value() && claim.to) return false;
  if (source.to && source.kind == QuantityKind::kYear && !claim.to) {
    return claim.date.year >= source.date.year && claim.date.year <= *source.to;
  }
  if (claim.to && source.to && *claim.to != *source.to) return false;
  if (claim.kind == QuantityKind::kDate && source.kind == QuantityKind::kYear)
    return false;
  // "in 2024" is stated by any date of 2024.
  if (claim.kind == QuantityKind::kYear) return claim.date.year == source.date.year;
  return SameDate(claim.date, source.date);
}

}  // namespace

std::string Canonical(const std::string& stem) {
  static const std::vector<std::string> kPeople = [] {
    std::vector<std::string> out;
    for (const char* w : {"people", "person", "individual", "participant", "subject",
                          "respondent", "adult"})
      out.push_back(Stem(w));
    return out;
  }();
  static const std::string kMinute = Stem("minute");
  if (std::find(kPeople.begin(), kPeople.end(), stem) != kPeople.end()) return kPeople[0];
  if (stem == "min") return kMinute;
  return stem;
}

std::optional<Measure> CountedMeasure(const Quantity& q) {
  if (q.kind != QuantityKind::kCount || !q.per.empty()) return std::nullopt;
  return MeasureOf(q.counted);
}

std::string Thing(const Quantity& q) {
  if (q.counted.empty()) return "";
  // A measure is about what it measures: "13 feet" and "4 m" are lengths.
  if (std::optional<Measure> m = CountedMeasure(q)) return std::string(m->dimension);
  return Canonical(Stem(q.counted));
}

Dimension DimensionOf(const Quantity& q) {
  switch (q.kind) {
    case QuantityKind::kPercent:
      return {"ratio", 0.01};
    case QuantityKind::kFraction:
      return {"ratio", 1};
    case QuantityKind::kPoints:
      return {"points", 1};
    case QuantityKind::kMoney:
      return {"money|" + q.unit + "|" + q.per, 1};
    case QuantityKind::kDuration:
      // "18 years old" is an age, not a length of time.
      return {q.relation == "old" ? "age" : "duration", Days(q.unit)};
    case QuantityKind::kMultiple:
      return {"multiple", 1};
    case QuantityKind::kOrdinal:
      return {"ordinal", 1};
    case QuantityKind::kYear:
    case QuantityKind::kDate:
      return {"time", 1};
    case QuantityKind::kCount:
      if (std::optional<Measure> m = CountedMeasure(q))
        return {std::string(m->dimension), m->factor};
      return {q.per.empty() ? "count" : "count|" + q.per, 1};
  }
  return {"count", 1};
}

bool IsTime(const Quantity& q) {
  return q.kind == QuantityKind::kDate || q.kind == QuantityKind::kYear;
}

Bound BoundOf(std::string_view q) {
  static const char* const kLower[] = {
      "more than", "over",       "above",    "greater than", "higher than", "older than",
      "exceeding", "upwards of", "at least", "least",        "just over",   "well over",
      "≥",         ">",          "over half"};
  static const char* const kUpper[] = {
      "less than",    "fewer than", "under",      "below",      "lower than",
      "younger than", "up to",      "as many as", "as much as", "at most",
      "no more than", "just under", "≤",          "<",          "as high as"};
  static const char* const kApprox[] = {"about",     "around", "approximately",
                                        "roughly",   "some",   "an estimated",
                                        "estimated", "circa",  "c.",
                                        "~",         "≈",      "close to"};
  for (std::string_view prefix : {"at ", "just ", "well "}) {
    if (q.starts_with(prefix) && q != "at least" && q != "at most") {
      Bound b = BoundOf(q.substr(prefix.size()));
      if (b != Bound::kExact) return b;
    }
  }
  for (const char* w : kLower) {
    if (q == w) return Bound::kAtLeast;
  }
  for (const char* w : kUpper) {
    if (q == w) return Bound::kAtMost;
  }
  for (const char* w : kApprox) {
    if (q == w) return Bound::kApprox;
  }
  if (q == "almost" || q == "nearly") return Bound::kBelowNear;
  if (q.ends_with(" of")) return Bound::kMagnitude;
  return Bound::kExact;
}

std::pair<double, double> SupportInterval(const Quantity& q, double v) {
  Dimension d = DimensionOf(q);
  double x = v * d.factor;
  double tol = q.precision * d.factor / 2;
  bool fraction_word = q.kind == QuantityKind::kFraction;
  if (fraction_word) tol = std::max(tol, kFractionLooseness * std::fabs(x));
  double eps = 1e-9 * std::max(1.0, std::fabs(x));
  tol += eps;
  switch (BoundOf(q.qualifier)) {
    // A bound is said of a value just past it: "more than a third" of
    // 35-43%, not of 90%; "more than 14,000" of 14,786, not of 22,148; "more
    // than a year" of 52 weeks.
    case Bound::kAtLeast:
      return {x - kBoundSlack * std::fabs(x) - eps,
              fraction_word
                  ? x * (1 + 2 * kFractionLooseness)
                  : x + std::max(q.precision * d.factor, kBoundReach * std::fabs(x))};
    case Bound::kAtMost:
      return {fraction_word
                  ? x * (1 - 2 * kFractionLooseness)
                  : x - std::max(q.precision * d.factor, kBoundReach * std::fabs(x)),
              x + kBoundSlack * std::fabs(x) + eps};
    case Bound::kApprox:
      tol = std::max(tol, kApproximately * std::fabs(x) + eps);
      return {x - tol, x + tol};
    case Bound::kBelowNear:
      return {x * (1 - kApproximately) - eps, x + tol};
    case Bound::kMagnitude: {
      bool big = q.qualifier.starts_with("thousands") ||
                 q.qualifier.starts_with("millions") ||
                 q.qualifier.starts_with("billions");
      return {x - eps, x * (big ? 1000 : 10)};
    }
    case Bound::kExact:
      break;
  }
  return {x - tol, x + tol};
}

bool Within(double s, std::pair<double, double> interval) {
  return s >= interval.first && s <= interval.second;
}

bool OppositeBounds(const Quantity& a, const Quantity& b) {
  Bound x = BoundOf(a.qualifier), y = BoundOf(b.qualifier);
  return (x == Bound::kAtLeast && y == Bound::kAtMost) ||
         (x == Bound::kAtMost && y == Bound::kAtLeast);
}

bool Supports(const Quantity& claim, const Quantity& source) {
  if (IsTime(claim)) return SupportsTime(claim, source);
  if (OppositeBounds(claim, source)) return false;
  double f = DimensionOf(source).factor;
  // A figure converted from another unit ("6 feet" for "2 metres") was
  // rounded twice: the claim's interval reaches the source's rounding too.
  double widen = f != DimensionOf(claim).factor ? source.precision * f / 2 : 0;
  auto interval = [&](double v) {
    std::pair<double, double> iv = SupportInterval(claim, v);
    return std::pair<double, double>(iv.first - widen, iv.second + widen);
  };
  // "at least eight minutes" for "8 to 14 min": a bound the whole range meets.
  if (!claim.to && source.to) {
    Bound bound = BoundOf(claim.qualifier);
    if (bound == Bound::kAtLeast) return Within(source.value * f, interval(claim.value));
    if (bound == Bound::kAtMost) return Within(*source.to * f, interval(claim.value));
    return false;
  }
  if (claim.to.has_value() != source.to.has_value()) return false;
  if (!Within(source.value * f, interval(claim.value))) return false;
  return !claim.to || Within(*source.to * f, interval(*claim.to));
}

}  // namespace claimtrace
