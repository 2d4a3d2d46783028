// Tests for comparing a claim's figure with a source's: rounding, qualifiers,
// fraction words, units and durations, bounds that face each other, dates.
#include "match/quantity_compare.h"

#include <doctest/doctest.h>

#include <string>

namespace claimtrace {
namespace {

Quantity Q(QuantityKind kind, double value, double precision = 0,
           std::string qualifier = "", std::string unit = "", std::string counted = "") {
  Quantity q;
  q.kind = kind;
  q.value = value;
  q.precision = precision;
  q.qualifier = std::move(qualifier);
  q.unit = std::move(unit);
  q.counted = std::move(counted);
  return q;
}

struct SupportCase {
  const char* name;
  Quantity claim;
  Quantity source;
  bool supports;
};

TEST_CASE("a source value supports the claim's within its rounding and qualifier") {
  using K = QuantityKind;
  const SupportCase cases[] = {
      {"rounded to the claim's precision (health)", Q(K::kPercent, 43, 1, "", "%"),
       Q(K::kPercent, 43.2, 0.1, "", "%"), true},
      {"rounded the wrong way (health)", Q(K::kPercent, 44, 1, "", "%"),
       Q(K::kPercent, 43.2, 0.1, "", "%"), false},
      {"a bound just past the value (health statistics)",
       Q(K::kCount, 14000, 1000, "more than"), Q(K::kCount, 14786, 1), true},
      {"a bound far from the value (health statistics)",
       Q(K::kCount, 14000, 1000, "more than"), Q(K::kCount, 22148, 1), false},
      {"about, within a tenth (company results)", Q(K::kCount, 3300, 100, "about"),
       Q(K::kCount, 3330, 1), true},
      {"a fraction word covers its percentage (surveys)", Q(K::kFraction, 1.0 / 3),
       Q(K::kPercent, 34, 1, "", "%"), true},
      {"feet for metres, rounded (epidemiology)", Q(K::kCount, 13, 1, "", "", "feet"),
       Q(K::kCount, 4, 1, "", "", "m"), true},
      {"the same number in another unit (epidemiology)",
       Q(K::kCount, 4, 1, "", "", "feet"), Q(K::kCount, 4, 1, "", "", "m"), false},
      {"months for weeks (clinical trials)", Q(K::kDuration, 6, 1, "", "month"),
       Q(K::kDuration, 26, 1, "", "week"), true},
      {"bounds facing each other (demography)", Q(K::kCount, 20, 1, "under"),
       Q(K::kCount, 20, 1, "at least"), false},
  };
  for (const SupportCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(DimensionOf(c.claim).name == DimensionOf(c.source).name);
    CHECK(Supports(c.claim, c.source) == c.supports);
  }
}

TEST_CASE("a unit puts a count in its dimension, and a thing is what it measures") {
  Quantity feet = Q(QuantityKind::kCount, 13, 1, "", "", "feet");
  CHECK(DimensionOf(feet).name == "length");
  CHECK(DimensionOf(feet).factor == doctest::Approx(0.3048));
  CHECK(Thing(feet) == "length");
  Quantity people = Q(QuantityKind::kCount, 61, 1, "", "", "participants");
  CHECK(DimensionOf(people).name == "count");
  CHECK(Thing(people) == Thing(Q(QuantityKind::kCount, 61, 1, "", "", "people")));
}

TEST_CASE("a year is stated by any date in it, not the other way round") {
  Quantity year = Q(QuantityKind::kYear, 2024);
  year.date = {2024, 0, 0};
  Quantity day = Q(QuantityKind::kDate, 20240301);
  day.date = {2024, 3, 1};
  CHECK(IsTime(year));
  CHECK(Supports(year, day));
  CHECK_FALSE(Supports(day, year));
}

}  // namespace
}  // namespace claimtrace
