#include "profile/sampling.hpp"

#include <algorithm>
#include <cmath>

#include "util/error.hpp"

namespace synergy {

int64_t grow_iterations(int64_t n, int64_t took_ns, int64_t min_ns, int64_t max_n) {
  if (took_ns >= min_ns) return n;
  // Aim 40 % past the goal so that one more calibration step usually suffices, never more
  // than 10x at once (the first samples are the least representative).
  const double factor =
      took_ns <= 0
          ? 10.0
          : std::clamp(1.4 * static_cast<double>(min_ns) / static_cast<double>(took_ns), 2.0, 10.0);
  const double next = std::ceil(static_cast<double>(n) * factor);
  return std::min<int64_t>(max_n, static_cast<int64_t>(next));
}

namespace {

bool stop_requested(const std::function<bool()>& interrupted) {
  return interrupted && interrupted();
}

}  // namespace

SamplingOutcome run_sampling(const SamplingPlan& plan,
                             const std::function<SampleResult(int64_t)>& measure,
                             const std::function<bool()>& interrupted) {
  if (plan.min_samples < 1 || plan.max_samples < plan.min_samples)
    throw bad_input("sampling plan needs 1 <= min_samples <= max_samples");
  SamplingOutcome out;
  auto budget_left = [&] { return out.elapsed_ns < plan.max_time_ns; };

  if (plan.warmup_iterations > 0) out.elapsed_ns += measure(plan.warmup_iterations).duration_ns;

  int64_t n = 1;
  while (!stop_requested(interrupted) && budget_left()) {
    const SampleResult probe = measure(n);
    out.elapsed_ns += probe.duration_ns;
    const int64_t next =
        grow_iterations(n, probe.duration_ns, plan.min_sample_ns, plan.max_iterations_per_sample);
    if (next == n) break;
    n = next;
  }
  out.iterations_per_sample = n;

  while (true) {
    if (stop_requested(interrupted)) {
      out.reason = StopReason::Interrupted;
      break;
    }
    const SampleResult s = measure(n);
    out.elapsed_ns += s.duration_ns;
    out.values.push_back(s.value);
    const auto count = static_cast<int64_t>(out.values.size());
    // A negative target is never reached: the samples run to the budget or the count.
    if (plan.target_ci >= 0 && count >= plan.min_samples &&
        summarize(out.values).ci95_relative() <= plan.target_ci) {
      out.reason = StopReason::TargetReached;
      break;
    }
    // Checked after a sample: a budget spent calibrating still leaves one figure, not n = 0.
    if (!budget_left()) {
      out.reason = StopReason::BudgetExhausted;
      break;
    }
    if (count >= plan.max_samples) {
      out.reason = StopReason::MaxSamples;
      break;
    }
  }
  if (!out.values.empty()) out.summary = summarize(out.values);
  return out;
}

}  // namespace synergy
