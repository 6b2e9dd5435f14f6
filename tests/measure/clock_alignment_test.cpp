// Finding a meter log's clock offset from the load pattern, on synthetic logs whose offset is
// known: a fast meter, a slow one, noise, and a log that never saw the pattern.
#include "measure/trace/clock_alignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

namespace synergy {
namespace {

constexpr int64_t kMs = 1'000'000;

// The pattern as a player would leave it: each busy chip starting a little late.
LoadPattern played_at(int64_t start, int64_t chip) {
  LoadPattern p;
  p.start_ns = start;
  p.chip_ns = chip;
  const auto chips = load_pattern_chips();
  for (size_t i = 0; i < chips.size(); ++i)
    if (chips[i])
      p.busy.push_back({start + static_cast<int64_t>(i) * chip + 200'000,
                        start + static_cast<int64_t>(i + 1) * chip, 1.0});
  p.end_ns = start + static_cast<int64_t>(chips.size()) * chip;
  return p;
}

// A meter sampling every `spacing` on its own clock (log = monotonic - offset): power 12 W,
// 30 W while the pattern is busy, plus Gaussian noise; each sample is the mean power over the
// spacing before it, as a meter's averaging gives.
struct SyntheticMeter {
  int64_t offset_ns;
  int64_t spacing_ns;
  double noise_w;
  std::vector<int64_t> t;  // log time
  std::vector<double> cumulative_j;

  SyntheticMeter(const LoadPattern& p, int64_t offset, int64_t spacing, double noise, uint64_t seed)
      : offset_ns(offset), spacing_ns(spacing), noise_w(noise) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> n(0.0, noise);
    double e = 0.0;
    for (int64_t mono = p.start_ns - 6'000 * kMs; mono <= p.end_ns + 2'000 * kMs; mono += spacing) {
      const double busy = p.busy_share(mono - spacing, mono);
      e += (12.0 + 18.0 * busy + n(rng)) * static_cast<double>(spacing) * 1e-9;
      t.push_back(mono - offset);
      cumulative_j.push_back(e);
    }
  }
  LogMeanPower mean_power() const {
    return [this](int64_t from, int64_t to, double& watts) {
      if (from < t.front() || to > t.back()) return false;
      auto at = [this](int64_t x) {
        const size_t i = static_cast<size_t>(std::upper_bound(t.begin(), t.end(), x) - t.begin());
        if (i >= t.size()) return cumulative_j.back();
        const double f = static_cast<double>(x - t[i - 1]) / static_cast<double>(t[i] - t[i - 1]);
        return cumulative_j[i - 1] + f * (cumulative_j[i] - cumulative_j[i - 1]);
      };
      watts = (at(to) - at(from)) / (static_cast<double>(to - from) * 1e-9);
      return true;
    };
  }
};

TEST(ClockAlignment, ThePatternIsAMaximalLengthSequence) {
  const auto chips = load_pattern_chips();
  ASSERT_EQ(chips.size(), 15u);
  EXPECT_EQ(std::count(chips.begin(), chips.end(), true), 8);
  // Every cyclic shift differs from every other: no shift of the pattern matches it.
  std::set<std::vector<bool>> shifts;
  for (size_t s = 0; s < chips.size(); ++s) {
    std::vector<bool> v(chips.begin() + static_cast<long>(s), chips.end());
    v.insert(v.end(), chips.begin(), chips.begin() + static_cast<long>(s));
    shifts.insert(v);
  }
  EXPECT_EQ(shifts.size(), 15u);
}

TEST(ClockAlignment, AFastNoisyMeterIsAlignedToAFractionOfAMillisecond) {
  const int64_t truth = -1'234'567'891'234;  // the meter's clock runs 1234.57 s ahead
  int worst_ns = 0;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    const LoadPattern p = played_at(500'000 * kMs, 50 * kMs);
    const SyntheticMeter meter(p, truth, kMs, 3.0, seed);
    const ClockAlignment a =
        best_clock_offset(meter.mean_power(), p, truth - 3'000 * kMs, truth + 1'700 * kMs);
    EXPECT_TRUE(clear_match(a)) << a.correlation << " " << a.runner_up;
    EXPECT_GT(a.correlation, 0.8);
    worst_ns = std::max(worst_ns, static_cast<int>(std::llabs(a.offset_ns - truth)));
  }
  EXPECT_LE(worst_ns, 500'000) << "offset off by " << worst_ns << " ns";
}

TEST(ClockAlignment, ASlowMeterWithLongChipsIsAlignedToAFewMilliseconds) {
  const int64_t truth = 86'400'000 * kMs;                       // a wall clock a day off
  const LoadPattern p = played_at(900'000 * kMs, 1'000 * kMs);  // 10 x its 100 ms spacing
  const SyntheticMeter meter(p, truth, 100 * kMs, 0.5, 7);
  const ClockAlignment a =
      best_clock_offset(meter.mean_power(), p, truth - 4'000 * kMs, truth + 1'000 * kMs);
  EXPECT_TRUE(clear_match(a)) << a.correlation << " " << a.runner_up;
  EXPECT_LE(std::llabs(a.offset_ns - truth), 10 * kMs) << a.offset_ns - truth;
}

TEST(ClockAlignment, ALogThatNeverSawThePatternIsNoMatch) {
  const LoadPattern p = played_at(500'000 * kMs, 50 * kMs);
  LoadPattern elsewhere = p;
  elsewhere.busy.clear();  // the meter measured another machine: its power ignores the pattern
  const SyntheticMeter meter(elsewhere, 0, kMs, 3.0, 3);
  const ClockAlignment a = best_clock_offset(meter.mean_power(), p, -3'000 * kMs, 1'000 * kMs);
  EXPECT_FALSE(clear_match(a)) << a.correlation << " " << a.runner_up;
}

TEST(ClockAlignment, OffsetsWhoseWindowTheLogLacksAreNotTried) {
  const LoadPattern p = played_at(500'000 * kMs, 50 * kMs);
  const SyntheticMeter meter(p, 0, kMs, 1.0, 5);
  // Every offset in range would put the pattern past the log's end.
  const ClockAlignment a = best_clock_offset(meter.mean_power(), p, -900'000 * kMs, -800'000 * kMs);
  EXPECT_EQ(a.correlation, 0.0);
  EXPECT_FALSE(clear_match(a));
}

}  // namespace
}  // namespace synergy
