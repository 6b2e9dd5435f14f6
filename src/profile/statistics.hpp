// Summary statistics of repeated measurements: one sample = one repetition.
#pragma once

#include <cstdint>
#include <span>

#include "result/summary.hpp"
#include "util/student_t.hpp"

namespace synergy {

// Streaming mean and variance (Welford), numerically stable for long runs.
class Welford {
 public:
  void add(double x);
  int64_t count() const { return n_; }
  double mean() const { return mean_; }
  double variance() const;  // sample variance (n - 1); 0 below two samples
  double stddev() const;
  double min() const { return min_; }
  double max() const { return max_; }

 private:
  int64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double min_ = 0.0;
  double max_ = 0.0;
};

// Summary of a set of samples; an empty span gives count 0 and zeros elsewhere.
Summary summarize(std::span<const double> samples);

}  // namespace synergy
