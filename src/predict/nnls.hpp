// Non-negative least squares (Lawson and Hanson's active-set method). Internal to predict.
#pragma once

#include <Eigen/Dense>

namespace synergy::predict {

// Returns b >= 0 minimising ||a b - y||. Throws a runtime Error if it fails to converge.
Eigen::VectorXd solve_nnls(const Eigen::MatrixXd& a, const Eigen::VectorXd& y);

}  // namespace synergy::predict
