#include "predict/least_squares.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "util/error.hpp"

namespace synergy::predict {
namespace {

// y = 3 + 2 x1 - 0.5 x2 on a small grid, optionally with Gaussian noise of sd `noise`.
struct Synthetic {
  Matrix x;
  std::vector<double> y;
};

Synthetic make_synthetic(double noise, size_t n = 40) {
  Synthetic s{Matrix(n, 3), std::vector<double>(n)};
  std::mt19937 rng(7);
  std::normal_distribution<double> eps(0.0, noise > 0 ? noise : 1.0);
  for (size_t i = 0; i < n; ++i) {
    double x1 = static_cast<double>(i % 7) * 1e6, x2 = static_cast<double>((i * 5) % 11);
    s.x(i, 0) = 1.0;
    s.x(i, 1) = x1;
    s.x(i, 2) = x2;
    s.y[i] = 3.0 + 2.0 * x1 - 0.5 * x2 + (noise > 0 ? eps(rng) : 0.0);
  }
  return s;
}

const std::vector<std::string> kNames{"(intercept)", "x1", "x2"};

TEST(LeastSquares, RecoversExactCoefficientsWithoutNoise) {
  Synthetic s = make_synthetic(0.0);
  LeastSquaresFit fit = solve_least_squares(s.x, s.y, {}, kNames);
  EXPECT_NEAR(fit.coef[0], 3.0, 1e-6);
  EXPECT_NEAR(fit.coef[1], 2.0, 1e-12);
  EXPECT_NEAR(fit.coef[2], -0.5, 1e-9);
  EXPECT_EQ(fit.rank, 3);
  EXPECT_TRUE(fit.warnings.empty());
  EXPECT_LT(fit.residual_sum_squares, 1e-6);
}

TEST(LeastSquares, RecoversCoefficientsWithinStandardErrorsUnderNoise) {
  Synthetic s = make_synthetic(0.5, 400);
  LeastSquaresFit fit = solve_least_squares(s.x, s.y, {}, kNames);
  const double truth[] = {3.0, 2.0, -0.5};
  for (size_t j = 0; j < 3; ++j) {
    ASSERT_TRUE(std::isfinite(fit.std_error[j]));
    EXPECT_GT(fit.std_error[j], 0.0);
    EXPECT_LT(std::abs(fit.coef[j] - truth[j]), 4.0 * fit.std_error[j]) << kNames[j];
  }
  EXPECT_EQ(fit.residual_dof, 397);
  // The residual variance estimates the noise variance 0.25.
  EXPECT_NEAR(fit.residual_sum_squares / fit.residual_dof, 0.25, 0.06);
}

TEST(LeastSquares, StandardErrorMatchesClosedFormForOneRegressor) {
  // Through the origin: se(b) = sqrt(rss / (n - 1) / sum x^2).
  Matrix x(4, 1);
  std::vector<double> y{1.1, 1.9, 3.2, 3.9};
  for (size_t i = 0; i < 4; ++i) x(i, 0) = static_cast<double>(i + 1);
  LeastSquaresFit fit = solve_least_squares(x, y, {}, {"x"});
  double sxx = 1 + 4 + 9 + 16, sxy = 1.1 + 3.8 + 9.6 + 15.6;
  double b = sxy / sxx;
  double rss = 0;
  for (size_t i = 0; i < 4; ++i) rss += std::pow(y[i] - b * static_cast<double>(i + 1), 2);
  EXPECT_NEAR(fit.coef[0], b, 1e-12);
  EXPECT_NEAR(fit.std_error[0], std::sqrt(rss / 3.0 / sxx), 1e-12);
  EXPECT_DOUBLE_EQ(fit.condition_number, 1.0);
}

TEST(LeastSquares, CollinearFeaturesWarnAndNameThem) {
  Synthetic s = make_synthetic(0.0);
  Matrix x(s.x.rows, 4);
  for (size_t i = 0; i < x.rows; ++i) {
    for (size_t j = 0; j < 3; ++j) x(i, j) = s.x(i, j);
    x(i, 3) = 2.0 * s.x(i, 1);  // duplicate of x1 in other units
  }
  LeastSquaresFit fit = solve_least_squares(x, s.y, {}, {"(intercept)", "x1", "x2", "x1_twice"});
  EXPECT_EQ(fit.rank, 3);
  EXPECT_TRUE(std::isinf(fit.condition_number));
  ASSERT_EQ(fit.warnings.size(), 1u);
  EXPECT_THAT(fit.warnings[0], testing::HasSubstr("collinear"));
  EXPECT_THAT(fit.warnings[0], testing::HasSubstr("'x1'"));
  EXPECT_THAT(fit.warnings[0], testing::HasSubstr("'x1_twice'"));
  EXPECT_TRUE(std::isnan(fit.std_error[1]));
  // The minimum-norm solution still reproduces the data.
  EXPECT_LT(fit.residual_sum_squares, 1e-6);
}

TEST(LeastSquares, NearlyCollinearFeaturesWarn) {
  Synthetic s = make_synthetic(0.0);
  Matrix x(s.x.rows, 3);
  for (size_t i = 0; i < x.rows; ++i) {
    x(i, 0) = s.x(i, 1);
    x(i, 1) = s.x(i, 1) * (1.0 + 1e-10 * static_cast<double>(i % 3));
    x(i, 2) = s.x(i, 2);
  }
  LeastSquaresFit fit = solve_least_squares(x, s.y, {}, {"a", "b", "c"});
  ASSERT_FALSE(fit.warnings.empty());
  EXPECT_THAT(fit.warnings[0], testing::HasSubstr("collinear"));
  EXPECT_GT(fit.condition_number, 1e8);
}

TEST(LeastSquares, ZeroColumnGetsZeroCoefficientAndWarning) {
  Matrix x(3, 2);
  std::vector<double> y{2, 4, 6};
  for (size_t i = 0; i < 3; ++i) x(i, 0) = static_cast<double>(i + 1);
  LeastSquaresFit fit = solve_least_squares(x, y, {}, {"x", "unused"});
  EXPECT_NEAR(fit.coef[0], 2.0, 1e-12);
  EXPECT_EQ(fit.coef[1], 0.0);
  ASSERT_EQ(fit.warnings.size(), 1u);
  EXPECT_THAT(fit.warnings[0], testing::HasSubstr("'unused'"));
}

TEST(LeastSquares, NonNegativeClampsANegativeCoefficient) {
  // y = 2 a - 1 b unconstrained; with b >= 0 the best fit has b = 0.
  Matrix x(4, 2);
  std::vector<double> y(4);
  const double a[] = {1, 2, 3, 4}, b[] = {1, 0, 1, 0};
  for (size_t i = 0; i < 4; ++i) {
    x(i, 0) = a[i];
    x(i, 1) = b[i];
    y[i] = 2 * a[i] - b[i];
  }
  LeastSquaresFit ols = solve_least_squares(x, y, {}, {"a", "b"});
  EXPECT_NEAR(ols.coef[1], -1.0, 1e-12);
  LeastSquaresFit nn = solve_least_squares(x, y, {Solver::Nnls, 0.0, {}}, {"a", "b"});
  EXPECT_EQ(nn.coef[1], 0.0);
  // With b pinned at 0, a is the through-origin fit of y on a.
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < 4; ++i) sxy += a[i] * y[i], sxx += a[i] * a[i];
  EXPECT_NEAR(nn.coef[0], sxy / sxx, 1e-12);
  EXPECT_TRUE(std::isnan(nn.std_error[1]));
}

TEST(LeastSquares, NonNegativeEqualsOlsWhenUnconstrainedOptimumIsPositive) {
  Synthetic s = make_synthetic(0.0);
  for (size_t i = 0; i < s.x.rows; ++i) s.y[i] += 1.0 * s.x(i, 2);  // x2 slope now +0.5
  LeastSquaresFit nn = solve_least_squares(s.x, s.y, {Solver::Nnls, 0.0, {}}, kNames);
  EXPECT_NEAR(nn.coef[0], 3.0, 1e-6);
  EXPECT_NEAR(nn.coef[1], 2.0, 1e-12);
  EXPECT_NEAR(nn.coef[2], 0.5, 1e-9);
}

TEST(LeastSquares, RidgeMatchesClosedFormAndZeroLambdaIsOls) {
  Synthetic s = make_synthetic(0.3);
  LeastSquaresFit ols = solve_least_squares(s.x, s.y, {}, kNames);
  LeastSquaresFit r0 = solve_least_squares(s.x, s.y, {Solver::Ridge, 0.0, {}}, kNames);
  for (size_t j = 0; j < 3; ++j)
    EXPECT_NEAR(r0.coef[j], ols.coef[j], 1e-8 * std::abs(ols.coef[j]) + 1e-9);
  // One column scaled to unit norm: b = sxy / (sxx (1 + lambda)).
  Matrix x(3, 1);
  std::vector<double> y{2.0, 3.5, 6.5};
  for (size_t i = 0; i < 3; ++i) x(i, 0) = static_cast<double>(i + 1);
  LeastSquaresFit r = solve_least_squares(x, y, {Solver::Ridge, 0.5, {}}, {"x"});
  double sxy = 2.0 + 7.0 + 19.5, sxx = 14.0;
  EXPECT_NEAR(r.coef[0], sxy / (sxx * 1.5), 1e-12);
}

TEST(LeastSquares, RejectsNonFiniteAndUnderdetermined) {
  Matrix x(2, 1);
  x(0, 0) = 1;
  x(1, 0) = std::nan("");
  EXPECT_THROW(solve_least_squares(x, {1, 2}, {}, {"x"}), Error);
  Matrix wide(1, 2);
  wide(0, 0) = 1;
  wide(0, 1) = 2;
  try {
    solve_least_squares(wide, {1}, {}, {"a", "b"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_THAT(e.what(), testing::HasSubstr("1 rows cannot determine 2"));
  }
  Matrix ok(2, 1);
  ok(0, 0) = 1;
  ok(1, 0) = 2;
  EXPECT_THROW(solve_least_squares(ok, {1, INFINITY}, {}, {"x"}), Error);
}

}  // namespace
}  // namespace synergy::predict
