#include "profile/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace synergy {
namespace {

TEST(Statistics, SummaryOfKnownSample) {
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  const Summary s = summarize(x);
  EXPECT_EQ(s.count, 8);
  EXPECT_DOUBLE_EQ(s.mean, 5.0);
  EXPECT_DOUBLE_EQ(s.median, 4.5);
  const double sd = std::sqrt(32.0 / 7.0);
  EXPECT_NEAR(s.stddev, sd, 1e-12);
  EXPECT_NEAR(s.cv, sd / 5.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.min, 2.0);
  EXPECT_DOUBLE_EQ(s.max, 9.0);
  EXPECT_NEAR(s.ci95, 2.365 * sd / std::sqrt(8.0), 1e-9);
  EXPECT_NEAR(s.ci95_relative(), s.ci95 / 5.0, 1e-12);
}

TEST(Statistics, OddCountMedianAndSingleSample) {
  const std::vector<double> x{3, 1, 2};
  EXPECT_DOUBLE_EQ(summarize(x).median, 2.0);
  const std::vector<double> one{4.0};
  const Summary s = summarize(one);
  EXPECT_EQ(s.count, 1);
  EXPECT_DOUBLE_EQ(s.stddev, 0.0);
  // One value bounds nothing: no interval of zero width that an estimate could pass a target with.
  EXPECT_TRUE(std::isinf(s.ci95));
  EXPECT_TRUE(std::isinf(s.ci95_relative()));
  EXPECT_EQ(summarize(std::vector<double>{}).count, 0);
}

TEST(Statistics, WelfordIsStableWithLargeOffset) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> x;
  Welford w;
  for (int i = 0; i < 100000; ++i) {
    x.push_back(1e9 + noise(rng));
    w.add(x.back());
  }
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double var = ss / static_cast<double>(x.size() - 1);
  EXPECT_NEAR(w.variance(), var, 1e-6 * var);
  EXPECT_NEAR(w.stddev(), 1.0, 0.02);
}

TEST(Statistics, StudentQuantiles) {
  EXPECT_NEAR(student_t_975(1), 12.706, 1e-3);
  EXPECT_NEAR(student_t_975(10), 2.228, 1e-3);
  EXPECT_NEAR(student_t_975(40), 2.021, 2e-3);
  EXPECT_NEAR(student_t_975(100), 1.984, 2e-3);
  EXPECT_NEAR(student_t_975(100000), 1.960, 1e-3);
  // Monotone decreasing across the table boundary.
  EXPECT_GT(student_t_975(30), student_t_975(31));
}

}  // namespace
}  // namespace synergy
