// Tests for units of measure: a counted noun that is a unit says what it
// measures and how large it is, in any of its spellings; other nouns, and
// units whose size depends on the country (gallons, tons), are not measures.
#include "extract/units.h"

#include <doctest/doctest.h>

#include <cmath>
#include <optional>

namespace claimtrace {
namespace {

struct UnitCase {
  const char* noun;
  const char* dimension;  // nullptr: not a measure
  double factor;          // in the dimension's base unit
};

TEST_CASE("a unit's dimension and size, in any spelling") {
  const UnitCase cases[] = {
      // Lengths, in metres: epidemiology, transport, construction.
      {"m", "length", 1},
      {"metres", "length", 1},
      {"meter", "length", 1},
      {"km", "length", 1000},
      {"kilometres", "length", 1000},
      {"cm", "length", 0.01},
      {"mm", "length", 0.001},
      {"feet", "length", 0.3048},
      {"foot", "length", 0.3048},
      {"ft", "length", 0.3048},
      {"inches", "length", 0.0254},
      {"miles", "length", 1609.344},
      {"yards", "length", 0.9144},
      // Masses, in kilograms: agriculture, health, freight.
      {"kg", "mass", 1},
      {"kilograms", "mass", 1},
      {"g", "mass", 0.001},
      {"grams", "mass", 0.001},
      {"mg", "mass", 1e-6},
      {"tonnes", "mass", 1000},
      {"lb", "mass", 0.45359237},
      {"lbs", "mass", 0.45359237},
      {"ounces", "mass", 0.028349523125},
      // Areas, volumes, speeds, power and energy.
      {"hectares", "area", 10000},
      {"acres", "area", 4046.8564224},
      {"litres", "volume", 0.001},
      {"ml", "volume", 1e-6},
      {"mph", "speed", 0.44704},
      {"km/h", "speed", 1 / 3.6},
      {"kw", "power", 1000},
      {"megawatts", "power", 1e6},
      {"gwh", "energy", 1e9},
      {"kwh", "energy", 1000},
      // Not measures: things counted, money, and units of two sizes.
      {"grants", nullptr, 0},
      {"people", nullptr, 0},
      {"pounds", nullptr, 0},   // money as often as weight
      {"gallons", nullptr, 0},  // US or imperial
      {"tons", nullptr, 0},     // short, long or metric
      {"ms", nullptr, 0},       // a symbol has no plural: milliseconds?
      {"has", nullptr, 0},
      {"meters2", nullptr, 0},
      {"", nullptr, 0},
  };
  for (const UnitCase& c : cases) {
    CAPTURE(c.noun);
    std::optional<Measure> m = MeasureOf(c.noun);
    if (!c.dimension) {
      CHECK_FALSE(m.has_value());
      continue;
    }
    REQUIRE(m.has_value());
    CHECK(m->dimension == c.dimension);
    CHECK(std::fabs(m->factor - c.factor) <= 1e-12 * c.factor);
  }
}

}  // namespace
}  // namespace claimtrace
