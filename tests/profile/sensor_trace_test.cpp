#include "profile/sensor_trace.hpp"

#include <gtest/gtest.h>

#include "profile/readings.hpp"
#include "util/error.hpp"
#include "util/nnls.hpp"

namespace synergy {
namespace {

SensorTrace staircase() {
  // Polled every 10 ns; the value changes at t = 35 and t = 75 (seen at polls 40 and 80).
  SensorTrace t;
  t.update_period_ns = 40;
  for (int64_t s = 0; s <= 100; s += 10) {
    SensorSample x;
    x.t_ns = s;
    x.energy_j = s < 40 ? 1.0 : (s < 80 ? 3.0 : 7.0);
    t.samples.push_back(x);
  }
  return t;
}

TEST(SensorTrace, IntervalsBetweenUpdateEdges) {
  const auto poll = update_intervals(staircase(), EdgeTiming::PollTime);
  ASSERT_EQ(poll.size(), 1u);  // the first change only opens the first interval
  EXPECT_EQ(poll[0].start_ns, 40);
  EXPECT_EQ(poll[0].end_ns, 80);
  EXPECT_DOUBLE_EQ(poll[0].energy_j, 4.0);
  EXPECT_DOUBLE_EQ(poll[0].mean_power_w(), 4.0 * 1e9 / 40.0);
  const auto mid = update_intervals(staircase(), EdgeTiming::Midpoint);
  EXPECT_EQ(mid[0].start_ns, 35);
  EXPECT_EQ(mid[0].end_ns, 75);
  // Auto picks the midpoint: polls (10 ns) are 4x denser than updates (40 ns).
  EXPECT_EQ(update_intervals(staircase())[0].start_ns, 35);
}

// An edge located between two polls lies anywhere between them: the interval it bounds holds a
// moment near it only by the chance that the edge came first.
TEST(SensorTrace, LocatedEdgesCarryTheirSpread) {
  const auto mid = update_intervals(staircase(), EdgeTiming::Midpoint);
  ASSERT_EQ(mid.size(), 1u);
  EXPECT_EQ(mid[0].start_spread_ns, 5);  // polls 30 and 40 around the edge at 35
  EXPECT_EQ(mid[0].end_spread_ns, 5);
  EXPECT_EQ(update_intervals(staircase(), EdgeTiming::PollTime)[0].start_spread_ns, 0);
  const SensorInterval& iv = mid[0];                           // [35 +- 5, 75 +- 5]
  EXPECT_NEAR(iv.expected_overlap_s(0, 1000), 40e-9, 1e-18);   // the whole: its duration
  EXPECT_NEAR(iv.expected_overlap_s(40, 70), 30e-9, 1e-18);    // well inside: all of it
  EXPECT_NEAR(iv.expected_overlap_s(30, 35), 1.25e-9, 1e-18);  // inside with chance t-30 / 10
  EXPECT_NEAR(iv.expected_overlap_s(35, 40), 3.75e-9, 1e-18);
  EXPECT_NEAR(iv.expected_overlap_s(75, 80), 1.25e-9, 1e-18);
  EXPECT_NEAR(iv.expected_overlap_s(0, 30), 0.0, 1e-18);  // before the earliest start
  EXPECT_NEAR(iv.expected_overlap_s(80, 90), 0.0, 1e-18);
  // An exact edge: plain overlap.
  const SensorInterval exact{35, 75, 1.0};
  EXPECT_NEAR(exact.expected_overlap_s(30, 40), 5e-9, 1e-18);
  EXPECT_NEAR(exact.expected_overlap_s(70, 90), 5e-9, 1e-18);
}

// A 1 ms counter at 20 W polled every 3.3 ms (a starved poller): no edge is located to a tenth
// of a period, yet over 300 ms every edge, each within the 1 ms before the poll that saw it,
// gives the mean power within 1 %. Over 30 ms it would not, and no window is given.
TEST(SensorTrace, LongWindowsUseEveryEdgeWhenPollsAreLate) {
  SensorTrace t;
  t.update_period_ns = 1'000'000;
  for (int64_t s = 0; s <= 400'000'000; s += 3'300'000) {
    SensorSample x;
    x.t_ns = s + 17;
    x.energy_j = 20.0 * static_cast<double>(x.t_ns / 1'000'000) * 1e-3;  // at the last update
    t.samples.push_back(x);
  }
  EXPECT_TRUE(update_intervals(t).empty());
  const EdgeWindow w = window_of(t, 50'000'000, 350'000'000);
  ASSERT_GT(w.intervals, 80);
  EXPECT_GE(2 * w.covered_ns, 300'000'000);
  EXPECT_EQ(w.edge_spread_ns, 1'000'000);
  EXPECT_NEAR(w.mean_power_w(), 20.0, 0.2);
  EXPECT_EQ(window_of(t, 50'000'000, 80'000'000).intervals, 0);
}

TEST(SensorTrace, RejectsTraceWithoutReadings) {
  SensorTrace t;
  t.samples.push_back(SensorSample{});
  EXPECT_THROW(update_intervals(t), Error);
}

TEST(SensorTrace, CumulativeEnergyAndWindows) {
  std::vector<SensorInterval> iv{{0, 10, 1.0}, {10, 20, 2.0}, {20, 30, 3.0}};
  const CumulativeEnergy e(iv);
  EXPECT_DOUBLE_EQ(e.at(-5), 0.0);
  EXPECT_DOUBLE_EQ(e.at(15), 2.0);
  EXPECT_DOUBLE_EQ(e.at(30), 6.0);
  EXPECT_DOUBLE_EQ(e.at(99), 6.0);
  const EdgeWindow w = edge_aligned_window(iv, 5, 30);
  EXPECT_EQ(w.start_ns, 10);
  EXPECT_EQ(w.end_ns, 30);
  EXPECT_EQ(w.intervals, 2);
  EXPECT_DOUBLE_EQ(w.energy_j, 5.0);
  EXPECT_EQ(observed_update_period_ns(iv), 10);
}

TEST(SensorTrace, NoIntervalSpansABreak) {
  // A counter at 1 J per 10 ns that restarts (break) at t = 50: the energy from 40 to 50 is
  // unknown, and the counter's total there says nothing about it.
  SensorTrace t;
  t.reading_time = ReadingTime::AtRead;
  for (int64_t s = 0; s <= 100; s += 10) {
    SensorSample x;
    x.t_ns = s;
    x.energy_j = s < 50 ? s / 10.0 : 4.0 + (s - 50) / 10.0;
    x.break_before = s == 50;
    t.samples.push_back(x);
  }
  const auto iv = update_intervals(t);
  ASSERT_EQ(iv.size(), 9u);  // 10 steps less the one across the break
  for (const auto& i : iv) {
    EXPECT_FALSE(i.start_ns < 50 && i.end_ns > 40) << i.start_ns << "-" << i.end_ns;
    EXPECT_DOUBLE_EQ(i.energy_j, 1.0);
  }
  const EdgeWindow w = edge_aligned_window(iv, 0, 100);
  EXPECT_EQ(w.duration_ns(), 100);
  EXPECT_EQ(w.covered_ns, 90);
  EXPECT_DOUBLE_EQ(w.mean_power_w(), 9.0 * 1e9 / 90.0);  // the hole is not averaged in as 0 W
  const CumulativeEnergy e(iv);
  EXPECT_DOUBLE_EQ(e.at(45), 4.0);  // flat across the hole
  EXPECT_DOUBLE_EQ(e.at(60), 5.0);
}

TEST(Nnls, MatchesUnconstrainedSolutionWhenFeasible) {
  Eigen::MatrixXd a(4, 2);
  a << 1, 0, 0, 1, 1, 1, 2, 1;
  const Eigen::Vector2d x_true(3.0, 5.0);
  const NnlsSolution s = solve_nnls(a, a * x_true);
  EXPECT_NEAR(s.x(0), 3.0, 1e-9);
  EXPECT_NEAR(s.x(1), 5.0, 1e-9);
  EXPECT_NEAR(s.residual_norm, 0.0, 1e-9);
}

TEST(Nnls, ClampsAndSatisfiesOptimalityConditions) {
  Eigen::MatrixXd a(3, 2);
  a << 1, 1, 1, 2, 1, 3;
  Eigen::Vector3d b(3.0, 2.0, 1.0);  // unconstrained fit has a negative slope
  const NnlsSolution s = solve_nnls(a, b);
  EXPECT_GE(s.x(0), 0.0);
  EXPECT_DOUBLE_EQ(s.x(1), 0.0);
  EXPECT_NEAR(s.x(0), 2.0, 1e-9);  // mean of b, the best fit with the first column alone
  const Eigen::VectorXd grad = a.transpose() * (b - a * s.x);
  EXPECT_LE(grad(1), 1e-9);  // no gain from raising the clamped variable
  EXPECT_NEAR(grad(0), 0.0, 1e-9);
  EXPECT_TRUE(s.converged);
}

}  // namespace
}  // namespace synergy
