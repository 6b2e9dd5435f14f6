#include "measure/duration.hpp"

#include <cmath>
#include <cstdlib>

#include "util/error.hpp"

namespace synergy {

namespace {

double unit_ns(const std::string& unit) {
  if (unit == "ns") return 1;
  if (unit == "us") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  if (unit == "m" || unit == "min") return 60e9;
  return 0;
}

}  // namespace

int64_t parse_duration_ns(const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  std::string unit = end != nullptr ? std::string(end) : "";
  double scale = unit_ns(unit);
  if (end == text.c_str() || scale == 0 || !std::isfinite(v) || v < 0 || v * scale > 9e18)
    throw bad_input("'" + text + "' is not a duration such as 5s, 500ms, 250us or 2m");
  return static_cast<int64_t>(std::llround(v * scale));
}

}  // namespace synergy
