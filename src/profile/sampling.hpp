// Sampling discipline: warm up, grow the iterations per sample until a sample spans a minimum
// time, freeze, then repeat samples until the confidence interval is narrow enough or the
// budget ends. One sample = one repetition of `iterations` inferences.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "profile/statistics.hpp"
#include "result/methods.hpp"

namespace synergy {

struct SamplingPlan {
  int64_t warmup_iterations = 3;
  int64_t min_sample_ns = 1'000'000'000;  // for energy: many sensor update periods
  double target_ci = 0.01;                // relative 95 % CI half-width of the mean; < 0: none
  int64_t min_samples = 3;
  int64_t max_samples = 100;
  int64_t max_time_ns = 60'000'000'000;  // budget, warm-up and calibration included
  int64_t max_iterations_per_sample = int64_t{1} << 30;
};

struct SampleResult {
  int64_t duration_ns = 0;  // wall time the sample took
  double value = 0.0;       // the per-inference quantity measured (energy, time)
};

struct SamplingOutcome {
  std::vector<double> values;  // one per frozen sample
  Summary summary;
  int64_t iterations_per_sample = 0;
  int64_t elapsed_ns = 0;
  StopReason reason = StopReason::BudgetExhausted;
};

// `measure(n)` runs n inferences as one sample. `interrupted` (optional) is polled between
// samples; when it says true, sampling stops with what was measured so far.
SamplingOutcome run_sampling(const SamplingPlan& plan,
                             const std::function<SampleResult(int64_t)>& measure,
                             const std::function<bool()>& interrupted = {});

// Iterations needed for a sample to span `min_ns`, from one that took `took_ns` with `n`.
int64_t grow_iterations(int64_t n, int64_t took_ns, int64_t min_ns, int64_t max_n);

}  // namespace synergy
