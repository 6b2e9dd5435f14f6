#include "predict/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "util/error.hpp"

namespace synergy::predict {

NetworkError network_error(const std::string& network, double measured, double predicted) {
  if (!std::isfinite(measured) || !std::isfinite(predicted))
    throw bad_input("network '" + network + "': measured or predicted value is not finite");
  if (measured == 0.0)
    throw bad_input("network '" + network + "': measured value is 0, relative error undefined");
  return {network, measured, predicted, std::abs(predicted - measured) / std::abs(measured)};
}

ErrorSummary summarize(const std::vector<NetworkError>& errors) {
  ErrorSummary s;
  s.networks = errors.size();
  if (errors.empty()) throw bad_input("no held-out networks to summarise");
  std::vector<double> e;
  for (const auto& x : errors) e.push_back(x.relative_error);
  const double n = static_cast<double>(e.size());
  double sum = 0.0;
  for (double v : e) sum += v;
  s.mean = sum / n;
  double ss = 0.0;
  for (double v : e) ss += (v - s.mean) * (v - s.mean);
  s.sample_std =
      e.size() > 1 ? std::sqrt(ss / (n - 1.0)) : std::numeric_limits<double>::quiet_NaN();
  std::sort(e.begin(), e.end());
  s.median = e.size() % 2 ? e[e.size() / 2] : 0.5 * (e[e.size() / 2 - 1] + e[e.size() / 2]);
  s.max = e.back();
  s.mape_percent = 100.0 * s.mean;
  s.within_10_percent = static_cast<double>(std::count_if(
                            e.begin(), e.end(), [](double v) { return v <= 0.10 + 1e-12; })) /
                        n;
  return s;
}

}  // namespace synergy::predict
