// Units of measure: what a counted noun measures ("feet": a length) and its
// size in the base unit of that dimension (0.3048 metres), so that a figure
// a release converts ("13 feet" for "4 m") is compared as one quantity, and
// the same number in another unit ("4 feet") as another value.
#ifndef CLAIMTRACE_EXTRACT_UNITS_H_
#define CLAIMTRACE_EXTRACT_UNITS_H_

#include <optional>
#include <string_view>

namespace claimtrace {

struct Measure {
  std::string_view dimension;  // "length", "mass", "area", "volume"...
  double factor;               // the unit in the dimension's base unit (SI)
};

// The measure `noun` names, given lower case ("km", "kilometres", "feet"),
// or nothing: a thing counted, or a unit whose size depends on where it is
// used (gallons, tons; "pounds", as often money).
std::optional<Measure> MeasureOf(std::string_view noun);

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_UNITS_H_
