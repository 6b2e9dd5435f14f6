// Summary statistics of repeated measurements: one sample = one repetition.
#pragma once

#include <cstdint>
#include <span>

#include "util/student_t.hpp"

namespace synergy {

struct Summary {
  int64_t count = 0;
  double mean = 0.0;
  double median = 0.0;
  double stddev = 0.0;  // sample standard deviation (n - 1); 0 for a single sample
  double cv = 0.0;      // stddev / |mean|; 0 when the mean is 0
  double min = 0.0;
  double max = 0.0;
  // Half-width of the 95 % confidence interval of the mean (Student t); infinite below two
  // samples, where one value says nothing of its spread.
  double ci95 = 0.0;

  // ci95 relative to |mean|; infinite when fewer than two samples or a zero mean.
  double ci95_relative() const;
};

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
