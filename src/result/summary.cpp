#include "result/summary.hpp"

#include <cmath>
#include <limits>

namespace synergy {

double Summary::ci95_relative() const {
  if (count < 2 || mean == 0.0) return std::numeric_limits<double>::infinity();
  return ci95 / std::fabs(mean);
}

}  // namespace synergy
