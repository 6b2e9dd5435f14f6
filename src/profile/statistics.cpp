#include "profile/statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace synergy {

double Summary::ci95_relative() const {
  if (count < 2 || mean == 0.0) return std::numeric_limits<double>::infinity();
  return ci95 / std::fabs(mean);
}

void Welford::add(double x) {
  if (n_ == 0) {
    min_ = max_ = x;
  } else {
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
}

double Welford::variance() const {
  return n_ < 2 ? 0.0 : m2_ / static_cast<double>(n_ - 1);
}

double Welford::stddev() const {
  return std::sqrt(variance());
}

double student_t_975(int64_t dof) {
  // Exact table for small samples, where the quantile matters most.
  static constexpr std::array<double, 30> table{
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
      2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
      2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (dof < 1) return std::numeric_limits<double>::infinity();
  if (dof <= 30) return table[static_cast<size_t>(dof - 1)];
  // Cornish-Fisher expansion around the normal quantile; error < 1e-4 above 30 dof.
  const double z = 1.959963984540054;
  const double n = static_cast<double>(dof);
  const double z3 = z * z * z;
  const double z5 = z3 * z * z;
  return z + (z3 + z) / (4.0 * n) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * n * n);
}

namespace {

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

}  // namespace

Summary summarize(std::span<const double> samples) {
  Summary s;
  if (samples.empty()) return s;
  Welford w;
  for (double x : samples) w.add(x);
  s.count = w.count();
  s.mean = w.mean();
  s.median = median_of(std::vector<double>(samples.begin(), samples.end()));
  s.stddev = w.stddev();
  s.cv = s.mean == 0.0 ? 0.0 : s.stddev / std::fabs(s.mean);
  s.min = w.min();
  s.max = w.max();
  s.ci95 = s.count < 2
               ? std::numeric_limits<double>::infinity()
               : student_t_975(s.count - 1) * s.stddev / std::sqrt(static_cast<double>(s.count));
  return s;
}

}  // namespace synergy
