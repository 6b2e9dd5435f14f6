// Dense linear least squares: ordinary (QR), ridge and non-negative, with standard errors.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace synergy::predict {

// Row-major dense matrix, the design matrix of a regression (rows = samples).
struct Matrix {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<double> data;

  Matrix() = default;
  Matrix(size_t r, size_t c) : rows(r), cols(c), data(r * c, 0.0) {}
  double& operator()(size_t r, size_t c) { return data[r * cols + c]; }
  double operator()(size_t r, size_t c) const { return data[r * cols + c]; }
};

enum class Solver { Ols, Nnls, Ridge };

const char* solver_name(Solver s);
Solver parse_solver(const std::string& name);  // "ols" | "nnls" | "ridge"; throws bad_input

struct SolveOptions {
  Solver solver = Solver::Ols;
  // Ridge penalty on the column-normalised design (each column scaled to unit 2-norm).
  double ridge_lambda = 0.0;
  // Columns the ridge penalty skips (an intercept); empty = penalise all.
  std::vector<bool> unpenalized;
};

struct LeastSquaresFit {
  std::vector<double> coef;
  // NaN where a coefficient is not identifiable, sits on the NNLS bound, or no residual
  // degrees of freedom are left.
  std::vector<double> std_error;
  std::vector<double> covariance;  // cols x cols, row-major; NaN entries when unavailable
  // 2-norm condition number of the design after scaling every column to unit norm, so that
  // units (MACs vs MACs^2) do not inflate it. Infinite when a column is a combination of others.
  double condition_number = 0.0;
  int rank = 0;
  double residual_sum_squares = 0.0;
  int residual_dof = 0;  // rows - effective number of coefficients
  std::vector<std::string> warnings;
};

// Solves min ||x b - y||. Columns that are entirely zero get coefficient 0 and a warning.
// Collinear or nearly collinear columns produce a warning naming them (rank-deficient OLS
// returns the minimum-norm solution). Throws bad_input on non-finite values, on fewer rows
// than columns, or on mismatched sizes.
LeastSquaresFit solve_least_squares(const Matrix& x, const std::vector<double>& y,
                                    const SolveOptions& options,
                                    const std::vector<std::string>& column_names);

}  // namespace synergy::predict
