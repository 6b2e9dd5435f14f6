#include "util/nnls.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "util/error.hpp"

namespace synergy {

NormalEquations::NormalEquations(Eigen::Index unknowns)
    : gram_(Eigen::MatrixXd::Zero(unknowns, unknowns)), rhs_(Eigen::VectorXd::Zero(unknowns)) {}

NormalEquations::NormalEquations(const Eigen::MatrixXd& a, const Eigen::VectorXd& b)
    : gram_(a.transpose() * a),
      rhs_(a.transpose() * b),
      b_squared_(b.squaredNorm()),
      rows_(a.rows()) {
  if (a.rows() != b.size()) throw bad_input("least squares: A and b disagree in rows");
}

NormalEquations NormalEquations::without(const NormalEquations& part) const {
  NormalEquations rest(*this);
  rest.gram_ -= part.gram_;
  rest.rhs_ -= part.rhs_;
  rest.b_squared_ -= part.b_squared_;
  rest.rows_ -= part.rows_;
  return rest;
}

NormalEquations& NormalEquations::operator+=(const NormalEquations& more) {
  gram_ += more.gram_;
  rhs_ += more.rhs_;
  b_squared_ += more.b_squared_;
  rows_ += more.rows_;
  return *this;
}

void NormalEquations::add_row(std::span<const std::pair<Eigen::Index, double>> row, double b) {
  for (const auto& [i, vi] : row) {
    rhs_(i) += vi * b;
    for (const auto& [j, vj] : row) gram_(i, j) += vi * vj;
  }
  b_squared_ += b * b;
  ++rows_;
}

void NormalEquations::add_row(const Eigen::VectorXd& row, double b) {
  gram_.noalias() += row * row.transpose();
  rhs_ += row * b;
  b_squared_ += b * b;
  ++rows_;
}

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

std::vector<Index> passive_indices(const std::vector<bool>& passive) {
  std::vector<Index> idx;
  for (size_t j = 0; j < passive.size(); ++j)
    if (passive[j]) idx.push_back(static_cast<Index>(j));
  return idx;
}

MatrixXd sub_gram(const MatrixXd& g, const std::vector<Index>& idx) {
  const auto n = static_cast<Index>(idx.size());
  MatrixXd s(n, n);
  for (Index r = 0; r < n; ++r)
    for (Index c = 0; c < n; ++c) s(r, c) = g(idx[size_t(r)], idx[size_t(c)]);
  return s;
}

// Unconstrained least squares over the passive unknowns; zeros elsewhere.
VectorXd solve_on(const MatrixXd& g, const VectorXd& h, const std::vector<bool>& passive) {
  const auto idx = passive_indices(passive);
  VectorXd z = VectorXd::Zero(g.cols());
  if (idx.empty()) return z;
  VectorXd hs(static_cast<Index>(idx.size()));
  for (size_t k = 0; k < idx.size(); ++k) hs(static_cast<Index>(k)) = h(idx[k]);
  const VectorXd zs = sub_gram(g, idx).completeOrthogonalDecomposition().solve(hs);
  for (size_t k = 0; k < idx.size(); ++k) z(idx[k]) = zs(static_cast<Index>(k));
  return z;
}

// Moves x toward z until the first passive variable hits zero; returns false if z is feasible.
bool step_back(VectorXd& x, const VectorXd& z, std::vector<bool>& passive) {
  double alpha = 1.0;
  bool blocked = false;
  for (Index j = 0; j < x.size(); ++j) {
    if (!passive[size_t(j)] || z(j) > 0.0) continue;
    blocked = true;
    const double denom = x(j) - z(j);
    alpha = std::min(alpha, denom > 0 ? x(j) / denom : 0.0);
  }
  if (!blocked) return false;
  x += alpha * (z - x);
  const double tol = 1e-14 * std::max(1.0, x.cwiseAbs().maxCoeff());
  for (Index j = 0; j < x.size(); ++j) {
    if (passive[size_t(j)] && x(j) <= tol) {
      passive[size_t(j)] = false;
      x(j) = 0.0;
    }
  }
  return true;
}

}  // namespace

NnlsSolution solve_nnls(const NormalEquations& system) {
  const Index n = system.unknowns();
  // Columns scaled to unit norm: the problem is then well conditioned whatever the units.
  VectorXd scale = system.gram().diagonal().cwiseSqrt();
  for (Index j = 0; j < n; ++j)
    if (!(scale(j) > 0.0)) scale(j) = 1.0;
  const VectorXd inv = scale.cwiseInverse();
  const MatrixXd g = inv.asDiagonal() * system.gram() * inv.asDiagonal();
  const VectorXd h = inv.cwiseProduct(system.rhs());

  NnlsSolution out;
  VectorXd x = VectorXd::Zero(n);
  std::vector<bool> passive(static_cast<size_t>(n), false);
  const double tol = 1e-12 * std::max(1.0, std::sqrt(system.b_squared()));
  const int64_t max_iter = 30 * (n + 1);
  while (true) {
    const VectorXd w = h - g * x;  // the negative gradient
    Index best = -1;
    for (Index j = 0; j < n; ++j)
      if (!passive[size_t(j)] && w(j) > tol && (best < 0 || w(j) > w(best))) best = j;
    if (best < 0) break;
    if (++out.iterations > max_iter) {
      out.converged = false;
      break;
    }
    passive[size_t(best)] = true;
    VectorXd z = solve_on(g, h, passive);
    while (step_back(x, z, passive) && !passive_indices(passive).empty())
      z = solve_on(g, h, passive);
    x = z;
  }
  // |b - Ax|^2 = b'b - 2 x'A'b + x'A'Ax; cancellation can leave a tiny negative.
  const double rss = std::max(0.0, system.b_squared() - 2.0 * x.dot(h) + x.dot(g * x));
  const auto idx = passive_indices(passive);
  out.dof = system.rows() - static_cast<int64_t>(idx.size());
  const double sigma2 = out.dof > 0 ? rss / static_cast<double>(out.dof) : std::nan("");
  out.residual_norm = std::sqrt(rss);
  VectorXd sd(n);
  for (Index j = 0; j < n; ++j) sd(j) = std::sqrt(sigma2 / g(j, j));
  if (!idx.empty()) {
    const MatrixXd cov =
        sigma2 * sub_gram(g, idx).completeOrthogonalDecomposition().pseudoInverse();
    for (size_t k = 0; k < idx.size(); ++k)
      sd(idx[k]) = std::sqrt(std::max(0.0, cov(static_cast<Index>(k), static_cast<Index>(k))));
  }
  out.x = x.cwiseProduct(inv);
  out.stddev = sd.cwiseProduct(inv);
  return out;
}

NnlsSolution solve_nnls(const MatrixXd& a, const VectorXd& b) {
  NnlsSolution sol = solve_nnls(NormalEquations(a, b));
  // With A at hand, the unknowns off the bound are solved again from A itself: the normal
  // equations square A's condition number, an orthogonal factorisation of A does not.
  std::vector<Index> idx;
  for (Index j = 0; j < sol.x.size(); ++j)
    if (sol.x(j) > 0.0) idx.push_back(j);
  if (idx.empty()) return sol;
  MatrixXd sub(a.rows(), static_cast<Index>(idx.size()));
  for (size_t k = 0; k < idx.size(); ++k) sub.col(static_cast<Index>(k)) = a.col(idx[k]);
  const VectorXd z = sub.colPivHouseholderQr().solve(b);
  if ((z.array() > 0.0).all())
    for (size_t k = 0; k < idx.size(); ++k) sol.x(idx[k]) = z(static_cast<Index>(k));
  return sol;
}

}  // namespace synergy
