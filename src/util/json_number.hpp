// JSON has no NaN or infinity: a number that is not finite is written as null, and null is read
// back as NaN. (Header only: its users already build against nlohmann/json.)
#pragma once

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace synergy {

inline nlohmann::json json_number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

inline double number_from_json(const nlohmann::json& j) {
  return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>();
}

}  // namespace synergy
