#include "engine/accuracy.hpp"

#include <algorithm>
#include <cmath>

namespace synergy {

double relative_l2_error(const Tensor& got, const Tensor& want) {
  if (got.shape != want.shape || got.data.size() != want.data.size()) return INFINITY;
  double num = 0.0, den = 0.0;
  for (size_t i = 0; i < got.data.size(); ++i) {
    const double d = static_cast<double>(got.data[i]) - want.data[i];
    num += d * d;
    den += static_cast<double>(want.data[i]) * want.data[i];
  }
  return std::sqrt(num / std::max(den, 1e-30));
}

}  // namespace synergy
