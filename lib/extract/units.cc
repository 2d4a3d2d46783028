#include "extract/units.h"

namespace claimtrace {
namespace {

struct Unit {
  std::string_view name;  // a symbol, or a singular name ("s" or "es" added: the plural)
  std::string_view dimension;
  double factor;
};

// One row a unit: its symbol or singular name. Bases: metre, kilogram,
// square metre, cubic metre, metre a second, watt, watt-hour.
constexpr Unit kUnits[] = {
    {"m", "length", 1},
    {"metre", "length", 1},
    {"meter", "length", 1},
    {"km", "length", 1e3},
    {"kilometre", "length", 1e3},
    {"kilometer", "length", 1e3},
    {"cm", "length", 1e-2},
    {"centimetre", "length", 1e-2},
    {"centimeter", "length", 1e-2},
    {"mm", "length", 1e-3},
    {"millimetre", "length", 1e-3},
    {"millimeter", "length", 1e-3},
    {"ft", "length", 0.3048},
    {"foot", "length", 0.3048},
    {"feet", "length", 0.3048},
    {"inch", "length", 0.0254},
    {"mile", "length", 1609.344},
    {"yard", "length", 0.9144},
    {"kg", "mass", 1},
    {"kilogram", "mass", 1},
    {"kilo", "mass", 1},
    {"g", "mass", 1e-3},
    {"gram", "mass", 1e-3},
    {"mg", "mass", 1e-6},
    {"milligram", "mass", 1e-6},
    {"tonne", "mass", 1e3},
    {"lb", "mass", 0.45359237},
    {"lbs", "mass", 0.45359237},
    {"oz", "mass", 0.028349523125},
    {"ounce", "mass", 0.028349523125},
    {"hectare", "area", 1e4},
    {"ha", "area", 1e4},
    {"acre", "area", 4046.8564224},
    {"km2", "area", 1e6},
    {"km²", "area", 1e6},
    {"m2", "area", 1},
    {"m²", "area", 1},
    {"litre", "volume", 1e-3},
    {"liter", "volume", 1e-3},
    {"ml", "volume", 1e-6},
    {"millilitre", "volume", 1e-6},
    {"milliliter", "volume", 1e-6},
    {"mph", "speed", 0.44704},
    {"km/h", "speed", 1 / 3.6},
    {"kph", "speed", 1 / 3.6},
    {"kw", "power", 1e3},
    {"kilowatt", "power", 1e3},
    {"mw", "power", 1e6},
    {"megawatt", "power", 1e6},
    {"gw", "power", 1e9},
    {"gigawatt", "power", 1e9},
    {"kwh", "energy", 1e3},
    {"mwh", "energy", 1e6},
    {"gwh", "energy", 1e9},
    {"twh", "energy", 1e12},
};

}  // namespace

std::optional<Measure> MeasureOf(std::string_view noun) {
  for (const Unit& u : kUnits) {
    std::string_view rest = noun;
    if (!rest.starts_with(u.name)) continue;
    rest.remove_prefix(u.name.size());
    // A name's plural ("miles", "inches"); a symbol has none ("ms" is not
    // metres).
    bool name = u.name.size() > 3;
    if (rest.empty() ||
        (name && (rest == "s" || (rest == "es" && u.name.ends_with("ch")))))
      return Measure{u.dimension, u.factor};
  }
  return std::nullopt;
}

}  // namespace claimtrace
