// How a claim's figure compares with a source's: what each counts, the
// dimension both must share (with the factor that brings a value to it),
// the qualifier's bound, and the interval of source values that support
// the claim's. NumberIndex (number_match.h) decides what a value is about;
// this decides whether it is the same value.
#ifndef CLAIMTRACE_MATCH_QUANTITY_COMPARE_H_
#define CLAIMTRACE_MATCH_QUANTITY_COMPARE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "claimtrace/claim.h"
#include "extract/units.h"

namespace claimtrace {

// Counted nouns that name the same things share a stem: "people" for
// "participants", "minute" for "min". Takes and returns stems.
std::string Canonical(const std::string& stem);

// The measure a count is of ("13 feet": a length), or nothing: a thing
// counted, a rate, or another kind of quantity. Thing(), DimensionOf() and
// the search for supporting values all ask this.
std::optional<Measure> CountedMeasure(const Quantity& q);

// What a quantity counts: its counted noun, canonical ("people" for
// "participants"), or what a unit measures ("length" for "feet"); "" when
// it names none.
std::string Thing(const Quantity& q);

// The dimension two quantities must share to be compared, and the factor
// that brings a value to it.
struct Dimension {
  std::string name;
  double factor = 1;
};

Dimension DimensionOf(const Quantity& q);

// Dates and years, compared as dates, not as values.
bool IsTime(const Quantity& q);

// What a qualifier says of the value: exact, approximate, a bound.
enum class Bound { kExact, kApprox, kBelowNear, kAtLeast, kAtMost, kMagnitude };
Bound BoundOf(std::string_view qualifier);

// The interval of normalised source values that support a claim's value `v`
// (its value or its range's other end).
std::pair<double, double> SupportInterval(const Quantity& q, double v);
bool Within(double s, std::pair<double, double> interval);

// Whether two qualifiers bound values in opposite directions ("20 or over"
// against "under 20").
bool OppositeBounds(const Quantity& a, const Quantity& b);

// Whether the source value supports the claim's (same dimension assumed).
bool Supports(const Quantity& claim, const Quantity& source);

}  // namespace claimtrace

#endif  // CLAIMTRACE_MATCH_QUANTITY_COMPARE_H_
