// Prediction error over held-out networks.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace synergy::predict {

struct NetworkError {
  std::string network;
  double measured = 0.0;
  double predicted = 0.0;
  double relative_error = 0.0;  // |predicted - measured| / measured
  // Per-layer models compare the layers that have a measured value and a prediction; what was
  // left out of both sides, or empty.
  std::string left_out;
};

// Throws bad_input when `measured` is zero or either value is not finite.
NetworkError network_error(const std::string& network, double measured, double predicted);

// Each network counts once. `sample_std` uses n - 1 (NaN for one network); MAPE is the mean
// relative error in percent.
struct ErrorSummary {
  size_t networks = 0;
  double mean = 0.0;        // mean relative error (fraction)
  double sample_std = 0.0;  // sample standard deviation of the relative errors (n - 1)
  double median = 0.0;
  double max = 0.0;
  double mape_percent = 0.0;
  double within_10_percent = 0.0;  // fraction of networks with relative error <= 0.10
};

ErrorSummary summarize(const std::vector<NetworkError>& errors);

}  // namespace synergy::predict
