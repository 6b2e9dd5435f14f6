#include "profile/nnls.hpp"

#include <cmath>
#include <vector>

#include "util/error.hpp"

namespace synergy {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

std::vector<Eigen::Index> indices_of(const std::vector<bool>& passive, bool want) {
  std::vector<Eigen::Index> idx;
  for (size_t j = 0; j < passive.size(); ++j)
    if (passive[j] == want) idx.push_back(static_cast<Eigen::Index>(j));
  return idx;
}

MatrixXd columns_of(const MatrixXd& a, const std::vector<Eigen::Index>& idx) {
  MatrixXd sub(a.rows(), static_cast<Eigen::Index>(idx.size()));
  for (size_t k = 0; k < idx.size(); ++k) sub.col(static_cast<Eigen::Index>(k)) = a.col(idx[k]);
  return sub;
}

// Unconstrained least squares on the passive columns; zeros elsewhere.
VectorXd solve_on(const MatrixXd& a, const VectorXd& b, const std::vector<bool>& passive) {
  const auto idx = indices_of(passive, true);
  VectorXd z = VectorXd::Zero(a.cols());
  if (idx.empty()) return z;
  const MatrixXd sub = columns_of(a, idx);
  const VectorXd zs = sub.colPivHouseholderQr().solve(b);
  for (size_t k = 0; k < idx.size(); ++k) z(idx[k]) = zs(static_cast<Eigen::Index>(k));
  return z;
}

// Moves x toward z until the first passive variable hits zero; returns false if z is feasible.
bool step_back(VectorXd& x, const VectorXd& z, std::vector<bool>& passive, double tol) {
  double alpha = 1.0;
  bool blocked = false;
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    if (!passive[static_cast<size_t>(j)] || z(j) > tol) continue;
    blocked = true;
    const double denom = x(j) - z(j);
    alpha = std::min(alpha, denom > 0 ? x(j) / denom : 0.0);
  }
  if (!blocked) return false;
  x += alpha * (z - x);
  tol = std::max(tol, 1e-14 * x.cwiseAbs().maxCoeff());
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    if (passive[static_cast<size_t>(j)] && x(j) <= tol) {
      passive[static_cast<size_t>(j)] = false;
      x(j) = 0.0;
    }
  }
  return true;
}

VectorXd solution_stddev(const MatrixXd& a, const VectorXd& residual,
                         const std::vector<bool>& passive) {
  const auto rows = a.rows();
  const auto idx = indices_of(passive, true);
  const auto dof = rows - static_cast<Eigen::Index>(idx.size());
  const double sigma2 = dof > 0 ? residual.squaredNorm() / static_cast<double>(dof) : std::nan("");
  VectorXd sd(a.cols());
  for (Eigen::Index j = 0; j < a.cols(); ++j) {
    const double n2 = a.col(j).squaredNorm();
    sd(j) = n2 > 0 ? std::sqrt(sigma2 / n2) : std::nan("");
  }
  if (idx.empty()) return sd;
  const MatrixXd sub = columns_of(a, idx);
  const MatrixXd cov =
      sigma2 * (sub.transpose() * sub).completeOrthogonalDecomposition().pseudoInverse();
  for (size_t k = 0; k < idx.size(); ++k)
    sd(idx[k]) =
        std::sqrt(std::max(0.0, cov(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k))));
  return sd;
}

}  // namespace

NnlsSolution solve_nnls(const MatrixXd& a_in, const VectorXd& b) {
  if (a_in.rows() != b.size()) throw bad_input("nnls: A and b disagree in rows");
  const auto n = a_in.cols();
  // Scale columns to unit norm: the problem is then well conditioned whatever the units.
  VectorXd scale = a_in.colwise().norm().transpose();
  for (Eigen::Index j = 0; j < n; ++j)
    if (scale(j) == 0.0) scale(j) = 1.0;
  const MatrixXd a = a_in * scale.cwiseInverse().asDiagonal();

  NnlsSolution out;
  VectorXd x = VectorXd::Zero(n);
  std::vector<bool> passive(static_cast<size_t>(n), false);
  const double tol = 1e-12 * std::max(1.0, b.norm());
  const int64_t max_iter = 30 * (n + 1);
  while (true) {
    const VectorXd w = a.transpose() * (b - a * x);
    Eigen::Index best = -1;
    for (Eigen::Index j = 0; j < n; ++j)
      if (!passive[static_cast<size_t>(j)] && w(j) > tol && (best < 0 || w(j) > w(best))) best = j;
    if (best < 0) break;
    if (++out.iterations > max_iter) {
      out.converged = false;
      break;
    }
    passive[static_cast<size_t>(best)] = true;
    VectorXd z = solve_on(a, b, passive);
    while (step_back(x, z, passive, 0.0) && !indices_of(passive, true).empty())
      z = solve_on(a, b, passive);
    x = z;
  }
  const VectorXd residual = b - a * x;
  out.residual_norm = residual.norm();
  out.x = x.cwiseQuotient(scale);
  out.stddev = solution_stddev(a, residual, passive).cwiseQuotient(scale);
  return out;
}

}  // namespace synergy
