// Non-negative least squares (Lawson and Hanson's active-set method) on the normal equations,
// with the standard errors of the solution. The one solver of the project: per-layer energy
// attribution and the prediction models both use it.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <utility>

namespace synergy {

// |A x - b|^2 kept as A'A, A'b and b'b, accumulated row by row: a problem of millions of rows
// costs its unknowns squared, never its rows.
class NormalEquations {
 public:
  explicit NormalEquations(Eigen::Index unknowns);
  NormalEquations(const Eigen::MatrixXd& a, const Eigen::VectorXd& b);  // all rows at once
  // One row of A given by its non-zero entries (column, value), and its b.
  void add_row(std::span<const std::pair<Eigen::Index, double>> row, double b);
  void add_row(const Eigen::VectorXd& row, double b);

  Eigen::Index unknowns() const { return gram_.cols(); }
  int64_t rows() const { return rows_; }
  // These equations without the rows of `part` (rows added here too).
  NormalEquations without(const NormalEquations& part) const;
  NormalEquations& operator+=(const NormalEquations& more);

  const Eigen::MatrixXd& gram() const { return gram_; }  // A'A
  const Eigen::VectorXd& rhs() const { return rhs_; }    // A'b
  double b_squared() const { return b_squared_; }        // b'b

 private:
  Eigen::MatrixXd gram_;
  Eigen::VectorXd rhs_;
  double b_squared_ = 0.0;
  int64_t rows_ = 0;
};

struct NnlsSolution {
  Eigen::VectorXd x;
  // Standard error per unknown: residual variance x (A_P'A_P)^-1 over the unknowns off the
  // bound; for an unknown held at zero, the residual spread over its own column alone.
  Eigen::VectorXd stddev;
  double residual_norm = 0.0;
  int64_t dof = 0;  // rows - unknowns off the bound
  int64_t iterations = 0;
  bool converged = true;
};

// Minimises |A x - b| subject to x >= 0.
NnlsSolution solve_nnls(const NormalEquations& system);
NnlsSolution solve_nnls(const Eigen::MatrixXd& a, const Eigen::VectorXd& b);

}  // namespace synergy
