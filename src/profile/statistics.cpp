#include "profile/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace synergy {

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
