// Non-negative least squares (Lawson-Hanson active set) with the covariance of the solution.
#pragma once

#include <Eigen/Dense>

namespace synergy {

struct NnlsSolution {
  Eigen::VectorXd x;
  Eigen::VectorXd stddev;  // per unknown, from residual variance and (A_P^T A_P)^-1
  double residual_norm = 0.0;
  int64_t iterations = 0;
  bool converged = true;
};

// Minimises |A x - b| subject to x >= 0.
NnlsSolution solve_nnls(const Eigen::MatrixXd& a, const Eigen::VectorXd& b);

}  // namespace synergy
