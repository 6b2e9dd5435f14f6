#include "measure/trace/clock_alignment.hpp"

#include <algorithm>
#include <cmath>

namespace synergy {

namespace {

constexpr int kCellsPerChip = 10;

// Pearson correlation; 0 where either side is flat.
double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  double mx = 0.0, my = 0.0;
  for (size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (!(sxx > 0.0) || !(syy > 1e-12 * (my * my + 1.0) * n)) return 0.0;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

std::vector<bool> load_pattern_chips() {
  // Fibonacci shift register of the primitive polynomial x^4 + x^3 + 1: every non-zero state
  // once, 8 busy chips and 7 idle.
  std::vector<bool> chips;
  unsigned state = 0b1000;
  for (int i = 0; i < 15; ++i) {
    chips.push_back((state & 1U) != 0);
    const unsigned bit = (state ^ (state >> 1)) & 1U;
    state = (state >> 1) | (bit << 3);
  }
  return chips;
}

double LoadPattern::busy_share(int64_t from_ns, int64_t to_ns) const {
  double busy_ns = 0.0;
  for (const BusySpan& s : busy)
    busy_ns += s.ran * static_cast<double>(std::max<int64_t>(
                           0, std::min(s.to_ns, to_ns) - std::max(s.from_ns, from_ns)));
  return busy_ns / (static_cast<double>(std::max(cores, 1U)) *
                    static_cast<double>(std::max<int64_t>(to_ns - from_ns, 1)));
}

ClockAlignment best_clock_offset(const LogMeanPower& power, const LoadPattern& played,
                                 int64_t lo_ns, int64_t hi_ns) {
  const int64_t cell = std::max<int64_t>(played.chip_ns / kCellsPerChip, 1);
  std::vector<int64_t> starts;
  std::vector<double> load;
  for (int64_t t = played.start_ns; t + cell <= played.end_ns; t += cell) {
    starts.push_back(t);
    load.push_back(played.busy_share(t, t + cell));
  }
  std::vector<double> watts(starts.size());
  // The correlation at one offset (mono = log + offset), NaN where the log lacks the window.
  auto score = [&](int64_t offset) {
    for (size_t k = 0; k < starts.size(); ++k)
      if (!power(starts[k] - offset, starts[k] + cell - offset, watts[k])) return std::nan("");
    return correlation(load, watts);
  };
  ClockAlignment best;
  if (starts.size() < 2 || hi_ns < lo_ns) return best;
  std::vector<std::pair<int64_t, double>> tried;
  for (int64_t c = lo_ns; c <= hi_ns; c += cell / 2 + 1) {
    const double r = score(c);
    if (std::isfinite(r)) tried.emplace_back(c, r);
  }
  if (tried.empty()) return best;
  const auto top = std::max_element(
      tried.begin(), tried.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  best.offset_ns = top->first;
  best.correlation = top->second;
  for (const auto& [c, r] : tried)
    if (std::llabs(c - top->first) > played.chip_ns) best.runner_up = std::max(best.runner_up, r);
  // Refined to a twentieth of a cell around the coarse peak.
  const int64_t step = std::max<int64_t>(cell / 20, 1);
  for (int64_t c = top->first - cell / 2; c <= top->first + cell / 2; c += step) {
    const double r = score(c);
    if (std::isfinite(r) && r > best.correlation) {
      best.correlation = r;
      best.offset_ns = c;
    }
  }
  return best;
}

bool clear_match(const ClockAlignment& a) {
  return a.correlation >= kMinCorrelation && a.runner_up <= kRunnerUpShare * a.correlation;
}

}  // namespace synergy
