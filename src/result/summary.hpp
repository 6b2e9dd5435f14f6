// The summary of repeated measurements of one figure, as results carry it.
#pragma once

#include <cstdint>

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

}  // namespace synergy
