#include "profile/sampling.hpp"

#include <gtest/gtest.h>

#include <random>

namespace synergy {
namespace {

constexpr int64_t kMs = 1'000'000;

TEST(Sampling, GrowsIterationsUntilSampleSpansMinimumTime) {
  SamplingPlan plan;
  plan.min_sample_ns = 500 * kMs;
  plan.target_ci = 0.01;
  std::vector<int64_t> asked;
  auto measure = [&](int64_t n) {
    asked.push_back(n);
    return SampleResult{n * 3 * kMs, 10.0};
  };
  const SamplingOutcome out = run_sampling(plan, measure);
  EXPECT_GE(out.iterations_per_sample * 3 * kMs, plan.min_sample_ns);
  EXPECT_EQ(asked.front(), plan.warmup_iterations);
  EXPECT_EQ(out.reason, StopReason::TargetReached);
  EXPECT_EQ(static_cast<int64_t>(out.values.size()), plan.min_samples);
  EXPECT_DOUBLE_EQ(out.summary.mean, 10.0);
}

TEST(Sampling, RepeatsUntilConfidenceTarget) {
  SamplingPlan plan;
  plan.min_sample_ns = 10 * kMs;
  plan.target_ci = 0.005;
  plan.max_time_ns = 1'000'000 * kMs;
  std::mt19937_64 rng(11);
  std::normal_distribution<double> noise(0.0, 0.02);
  auto measure = [&](int64_t n) { return SampleResult{n * kMs, 1.0 + noise(rng)}; };
  const SamplingOutcome out = run_sampling(plan, measure);
  EXPECT_EQ(out.reason, StopReason::TargetReached);
  EXPECT_LE(out.summary.ci95_relative(), plan.target_ci);
  EXPECT_GT(out.values.size(), 10u);  // 2 % noise needs many samples for a 0.5 % interval
}

TEST(Sampling, ABudgetSpentCalibratingStillTakesOneSample) {
  SamplingPlan plan;
  plan.min_sample_ns = 100 * kMs;
  plan.max_time_ns = 50 * kMs;  // one run takes 80 ms: calibration alone spends the budget
  auto measure = [&](int64_t n) { return SampleResult{n * 80 * kMs, 80.0}; };
  const SamplingOutcome out = run_sampling(plan, measure);
  EXPECT_EQ(out.reason, StopReason::BudgetExhausted);
  ASSERT_EQ(out.values.size(), 1u);
  EXPECT_DOUBLE_EQ(out.summary.mean, 80.0);
}

TEST(Sampling, StopsAtBudget) {
  SamplingPlan plan;
  plan.min_sample_ns = 100 * kMs;
  plan.target_ci = 1e-9;
  plan.max_time_ns = 2000 * kMs;
  int flip = 0;
  auto measure = [&](int64_t n) { return SampleResult{n * kMs, (flip++ % 2) ? 1.0 : 2.0}; };
  const SamplingOutcome out = run_sampling(plan, measure);
  EXPECT_EQ(out.reason, StopReason::BudgetExhausted);
  EXPECT_GE(out.elapsed_ns, plan.max_time_ns);
  EXPECT_LT(out.elapsed_ns, plan.max_time_ns + 200 * kMs);
}

TEST(Sampling, InterruptKeepsSamplesSoFar) {
  SamplingPlan plan;
  plan.min_sample_ns = kMs;
  plan.target_ci = 1e-9;
  int samples = 0;
  auto measure = [&](int64_t n) {
    ++samples;
    return SampleResult{n * kMs, static_cast<double>(samples)};
  };
  const SamplingOutcome out = run_sampling(plan, measure, [&] { return samples >= 6; });
  EXPECT_EQ(out.reason, StopReason::Interrupted);
  EXPECT_FALSE(out.values.empty());
  EXPECT_EQ(out.summary.count, static_cast<int64_t>(out.values.size()));
}

TEST(Sampling, GrowthIsBoundedAndReachesGoal) {
  EXPECT_EQ(grow_iterations(5, 100, 100, 1000), 5);
  EXPECT_EQ(grow_iterations(1, 1, 1'000'000, 1000), 10);  // at most 10x per step
  EXPECT_EQ(grow_iterations(10, 90, 100, 1000), 20);      // at least 2x per step
  EXPECT_EQ(grow_iterations(600, 1, 100, 1000), 1000);    // capped
}

TEST(Sampling, RejectsInconsistentPlan) {
  SamplingPlan plan;
  plan.min_samples = 5;
  plan.max_samples = 2;
  EXPECT_THROW(run_sampling(plan, [](int64_t) { return SampleResult{1, 1.0}; }), std::exception);
}

}  // namespace
}  // namespace synergy
