#include "predict/least_squares.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <limits>

#include "util/error.hpp"
#include "util/nnls.hpp"

namespace synergy::predict {

namespace {

constexpr double kNearCollinear = 1e8;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_inputs(const Matrix& x, const std::vector<double>& y,
                  const std::vector<std::string>& names) {
  if (x.data.size() != x.rows * x.cols || y.size() != x.rows || names.size() != x.cols)
    throw bad_input("least squares: design matrix, target and column names differ in size");
  if (x.cols == 0) throw bad_input("least squares: no coefficients to fit");
  if (x.rows < x.cols) {
    throw bad_input("least squares: " + std::to_string(x.rows) + " rows cannot determine " +
                    std::to_string(x.cols) + " coefficients; use fewer features or more data");
  }
  for (size_t r = 0; r < x.rows; ++r) {
    if (!std::isfinite(y[r]))
      throw bad_input("least squares: target of row " + std::to_string(r) + " is not finite");
    for (size_t c = 0; c < x.cols; ++c) {
      if (!std::isfinite(x(r, c)))
        throw bad_input("least squares: column '" + names[c] + "' of row " + std::to_string(r) +
                        " is not finite");
    }
  }
}

// The design with zero columns removed and the rest scaled to unit 2-norm.
struct Scaled {
  Eigen::MatrixXd a;
  std::vector<size_t> kept;   // original column of each scaled column
  std::vector<double> scale;  // norm of each kept column
};

Scaled scale_columns(const Matrix& x, const std::vector<std::string>& names,
                     std::vector<std::string>& warnings) {
  Scaled s;
  for (size_t c = 0; c < x.cols; ++c) {
    double sq = 0.0;
    for (size_t r = 0; r < x.rows; ++r) sq += x(r, c) * x(r, c);
    if (sq == 0.0) {
      warnings.push_back("column '" + names[c] + "' is zero in every row; coefficient set to 0");
      continue;
    }
    s.kept.push_back(c);
    s.scale.push_back(std::sqrt(sq));
  }
  s.a.resize(static_cast<Eigen::Index>(x.rows), static_cast<Eigen::Index>(s.kept.size()));
  for (size_t k = 0; k < s.kept.size(); ++k)
    for (size_t r = 0; r < x.rows; ++r)
      s.a(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(k)) =
          x(r, s.kept[k]) / s.scale[k];
  return s;
}

std::string involved_columns(const Eigen::VectorXd& null_dir, const Scaled& s,
                             const std::vector<std::string>& names) {
  std::string out;
  for (Eigen::Index k = 0; k < null_dir.size(); ++k) {
    if (std::abs(null_dir(k)) < 0.1) continue;
    if (!out.empty()) out += ", ";
    out += "'" + names[s.kept[static_cast<size_t>(k)]] + "'";
  }
  return out;
}

void diagnose(const Eigen::JacobiSVD<Eigen::MatrixXd>& svd, const Scaled& s,
              const std::vector<std::string>& names, LeastSquaresFit& fit) {
  const Eigen::VectorXd& sv = svd.singularValues();
  const double smax = sv(0), smin = sv(sv.size() - 1);
  const double tol = static_cast<double>(std::max(s.a.rows(), s.a.cols())) *
                     std::numeric_limits<double>::epsilon() * smax;
  fit.rank = 0;
  for (Eigen::Index i = 0; i < sv.size(); ++i) fit.rank += sv(i) > tol ? 1 : 0;
  fit.condition_number = smin > tol ? smax / smin : std::numeric_limits<double>::infinity();
  if (fit.rank < s.a.cols()) {
    fit.warnings.push_back(
        "collinear features: " + involved_columns(svd.matrixV().col(sv.size() - 1), s, names) +
        " are linearly dependent (rank " + std::to_string(fit.rank) + " of " +
        std::to_string(s.a.cols()) +
        "); their coefficients are not identifiable and the minimum-norm solution is reported");
  } else if (fit.condition_number > kNearCollinear) {
    fit.warnings.push_back("nearly collinear features: " +
                           involved_columns(svd.matrixV().col(sv.size() - 1), s, names) +
                           " (condition number " + std::to_string(fit.condition_number) +
                           "); coefficients and standard errors are unreliable");
  }
}

Eigen::MatrixXd ridge_penalty(const Scaled& s, const SolveOptions& o) {
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(s.a.cols(), s.a.cols());
  for (size_t k = 0; k < s.kept.size(); ++k) {
    bool skip = s.kept[k] < o.unpenalized.size() && o.unpenalized[s.kept[k]];
    p(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k)) = skip ? 0.0 : o.ridge_lambda;
  }
  return p;
}

// Coefficients and their (scaled-space) covariance divided by sigma^2.
struct Core {
  Eigen::VectorXd b;
  Eigen::MatrixXd cov_unit;  // NaN when unavailable
  int effective = 0;         // number of freely estimated coefficients
};

Core solve_ols(const Scaled& s, const Eigen::VectorXd& y,
               const Eigen::JacobiSVD<Eigen::MatrixXd>& svd, int rank) {
  Core c;
  const Eigen::Index k = s.a.cols();
  c.effective = rank;
  if (rank == k) {
    c.b = s.a.colPivHouseholderQr().solve(y);
    Eigen::VectorXd inv_sq = svd.singularValues().array().square().inverse();
    c.cov_unit = svd.matrixV() * inv_sq.asDiagonal() * svd.matrixV().transpose();
  } else {
    c.b = s.a.completeOrthogonalDecomposition().solve(y);
    c.cov_unit = Eigen::MatrixXd::Constant(k, k, kNaN);
  }
  return c;
}

Core solve_ridge(const Scaled& s, const Eigen::VectorXd& y, const SolveOptions& o) {
  if (!(o.ridge_lambda >= 0.0) || !std::isfinite(o.ridge_lambda))
    throw bad_input("ridge: lambda must be a finite number >= 0");
  Core c;
  const Eigen::Index k = s.a.cols();
  Eigen::MatrixXd p = ridge_penalty(s, o);
  Eigen::MatrixXd aug(s.a.rows() + k, k);
  aug << s.a, p.cwiseSqrt();
  Eigen::VectorXd yaug(s.a.rows() + k);
  yaug << y, Eigen::VectorXd::Zero(k);
  c.b = aug.colPivHouseholderQr().solve(yaug);
  Eigen::MatrixXd gram = s.a.transpose() * s.a;
  Eigen::MatrixXd inv = (gram + p).inverse();
  c.cov_unit = inv * gram * inv;  // sandwich form of the ridge estimator's covariance
  Eigen::MatrixXd hat = s.a * inv * s.a.transpose();
  c.effective = static_cast<int>(std::lround(hat.trace()));
  return c;
}

Core solve_nonneg(const Scaled& s, const Eigen::VectorXd& y) {
  Core c;
  const Eigen::Index k = s.a.cols();
  const NnlsSolution nn = solve_nnls(s.a, y);
  if (!nn.converged) throw Error(ErrorKind::Runtime, "non-negative least squares did not converge");
  c.b = nn.x;
  c.cov_unit = Eigen::MatrixXd::Constant(k, k, kNaN);
  std::vector<Eigen::Index> free;
  for (Eigen::Index j = 0; j < k; ++j)
    if (c.b(j) > 0.0) free.push_back(j);
  c.effective = static_cast<int>(free.size());
  if (free.empty()) return c;
  Eigen::MatrixXd sub(s.a.rows(), static_cast<Eigen::Index>(free.size()));
  for (size_t i = 0; i < free.size(); ++i) sub.col(static_cast<Eigen::Index>(i)) = s.a.col(free[i]);
  Eigen::MatrixXd inv = (sub.transpose() * sub).inverse();
  for (size_t i = 0; i < free.size(); ++i)
    for (size_t j = 0; j < free.size(); ++j)
      c.cov_unit(free[i], free[j]) =
          inv(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  return c;
}

void unscale(const Core& core, const Scaled& s, double sigma2, size_t cols, LeastSquaresFit& fit) {
  fit.coef.assign(cols, 0.0);
  fit.std_error.assign(cols, kNaN);
  fit.covariance.assign(cols * cols, kNaN);
  for (size_t i = 0; i < s.kept.size(); ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    fit.coef[s.kept[i]] = core.b(ii) / s.scale[i];
    for (size_t j = 0; j < s.kept.size(); ++j) {
      double v =
          sigma2 * core.cov_unit(ii, static_cast<Eigen::Index>(j)) / (s.scale[i] * s.scale[j]);
      fit.covariance[s.kept[i] * cols + s.kept[j]] = v;
    }
    double var = fit.covariance[s.kept[i] * cols + s.kept[i]];
    fit.std_error[s.kept[i]] = std::isfinite(var) && var >= 0.0 ? std::sqrt(var) : kNaN;
  }
}

}  // namespace

const char* solver_name(Solver s) {
  switch (s) {
    case Solver::Ols:
      return "ols";
    case Solver::Nnls:
      return "nnls";
    case Solver::Ridge:
      return "ridge";
  }
  return "ols";
}

Solver parse_solver(const std::string& name) {
  if (name == "ols") return Solver::Ols;
  if (name == "nnls") return Solver::Nnls;
  if (name == "ridge") return Solver::Ridge;
  throw bad_input("unknown solver '" + name + "'; known: ols, nnls, ridge");
}

LeastSquaresFit solve_least_squares(const Matrix& x, const std::vector<double>& y,
                                    const SolveOptions& options,
                                    const std::vector<std::string>& column_names) {
  check_inputs(x, y, column_names);
  LeastSquaresFit fit;
  Scaled s = scale_columns(x, column_names, fit.warnings);
  Eigen::VectorXd yv =
      Eigen::Map<const Eigen::VectorXd>(y.data(), static_cast<Eigen::Index>(y.size()));
  if (s.kept.empty()) {
    fit.coef.assign(x.cols, 0.0);
    fit.std_error.assign(x.cols, kNaN);
    fit.covariance.assign(x.cols * x.cols, kNaN);
    fit.residual_sum_squares = yv.squaredNorm();
    fit.residual_dof = static_cast<int>(x.rows);
    return fit;
  }
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(s.a, Eigen::ComputeThinU | Eigen::ComputeThinV);
  diagnose(svd, s, column_names, fit);
  Core core = options.solver == Solver::Ridge  ? solve_ridge(s, yv, options)
              : options.solver == Solver::Nnls ? solve_nonneg(s, yv)
                                               : solve_ols(s, yv, svd, fit.rank);
  fit.residual_sum_squares = (s.a * core.b - yv).squaredNorm();
  fit.residual_dof = static_cast<int>(x.rows) - core.effective;
  double sigma2 = fit.residual_dof > 0 ? fit.residual_sum_squares / fit.residual_dof : kNaN;
  unscale(core, s, sigma2, x.cols, fit);
  return fit;
}

}  // namespace synergy::predict
