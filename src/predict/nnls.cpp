#include "predict/nnls.hpp"

#include <limits>
#include <vector>

#include "util/error.hpp"

namespace synergy::predict {

namespace {

Eigen::MatrixXd columns_of(const Eigen::MatrixXd& a, const std::vector<bool>& in_set) {
  std::vector<Eigen::Index> idx;
  for (Eigen::Index j = 0; j < a.cols(); ++j)
    if (in_set[static_cast<size_t>(j)]) idx.push_back(j);
  Eigen::MatrixXd sub(a.rows(), static_cast<Eigen::Index>(idx.size()));
  for (size_t k = 0; k < idx.size(); ++k) sub.col(static_cast<Eigen::Index>(k)) = a.col(idx[k]);
  return sub;
}

// Unconstrained least squares on the passive set; zeros elsewhere.
Eigen::VectorXd solve_passive(const Eigen::MatrixXd& a, const Eigen::VectorXd& y,
                              const std::vector<bool>& passive) {
  Eigen::VectorXd s = Eigen::VectorXd::Zero(a.cols());
  Eigen::MatrixXd sub = columns_of(a, passive);
  if (sub.cols() == 0) return s;
  Eigen::VectorXd sol = sub.completeOrthogonalDecomposition().solve(y);
  Eigen::Index k = 0;
  for (Eigen::Index j = 0; j < a.cols(); ++j)
    if (passive[static_cast<size_t>(j)]) s(j) = sol(k++);
  return s;
}

// Moves x toward s until the first passive coefficient reaches zero; drops those from the set.
void step_to_feasible(Eigen::VectorXd& x, const Eigen::VectorXd& s, std::vector<bool>& passive) {
  double alpha = std::numeric_limits<double>::infinity();
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    if (passive[static_cast<size_t>(j)] && s(j) <= 0.0)
      alpha = std::min(alpha, x(j) / (x(j) - s(j)));
  }
  x += alpha * (s - x);
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    if (passive[static_cast<size_t>(j)] && x(j) <= 1e-14) {
      passive[static_cast<size_t>(j)] = false;
      x(j) = 0.0;
    }
  }
}

bool any_nonpositive(const Eigen::VectorXd& s, const std::vector<bool>& passive) {
  for (Eigen::Index j = 0; j < s.size(); ++j)
    if (passive[static_cast<size_t>(j)] && s(j) <= 0.0) return true;
  return false;
}

}  // namespace

Eigen::VectorXd solve_nnls(const Eigen::MatrixXd& a, const Eigen::VectorXd& y) {
  const Eigen::Index n = a.cols();
  std::vector<bool> passive(static_cast<size_t>(n), false);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  const double tol = 1e-12 * std::max(1.0, (a.transpose() * y).cwiseAbs().maxCoeff());
  for (int iter = 0; iter < 30 * static_cast<int>(n) + 30; ++iter) {
    Eigen::VectorXd w = a.transpose() * (y - a * x);
    Eigen::Index best = -1;
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!passive[static_cast<size_t>(j)] && w(j) > tol && (best < 0 || w(j) > w(best))) best = j;
    }
    if (best < 0) return x;
    passive[static_cast<size_t>(best)] = true;
    Eigen::VectorXd s = solve_passive(a, y, passive);
    while (any_nonpositive(s, passive)) {
      step_to_feasible(x, s, passive);
      s = solve_passive(a, y, passive);
    }
    x = s;
  }
  throw Error(ErrorKind::Runtime, "non-negative least squares did not converge");
}

}  // namespace synergy::predict
