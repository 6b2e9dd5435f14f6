#include "predict/design.hpp"

namespace synergy::predict {

TermColumns::TermColumns(const Dataset& d, const std::vector<Term>& terms) {
  for (const auto& t : terms) {
    std::vector<ResolvedFactor> f;
    for (const auto& factor : t.factors) f.push_back({&d.column(factor.column), factor.power});
    factors_.push_back(std::move(f));
  }
}

double TermColumns::value(size_t term, size_t row) const {
  double v = 1.0;
  for (const auto& f : factors_[term]) {
    const double x = (*f.column)[row];
    for (int k = 0; k < f.power; ++k) v *= x;
  }
  return v;
}

std::vector<std::string> coefficient_names(const std::vector<Term>& terms, bool intercept) {
  std::vector<std::string> names;
  if (intercept) names.push_back(kInterceptName);
  for (const auto& t : terms) names.push_back(t.name());
  return names;
}

std::vector<double> design_row(const TermColumns& tc, size_t row, bool intercept) {
  std::vector<double> x;
  if (intercept) x.push_back(1.0);
  for (size_t t = 0; t < tc.size(); ++t) x.push_back(tc.value(t, row));
  return x;
}

Matrix design_matrix(const TermColumns& tc, const std::vector<size_t>& rows, bool intercept) {
  const size_t cols = tc.size() + (intercept ? 1 : 0);
  Matrix m(rows.size(), cols);
  for (size_t i = 0; i < rows.size(); ++i) {
    std::vector<double> x = design_row(tc, rows[i], intercept);
    for (size_t j = 0; j < cols; ++j) m(i, j) = x[j];
  }
  return m;
}

}  // namespace synergy::predict
