// Design matrices from dataset rows and terms. Internal to predict.
#pragma once

#include <string>
#include <vector>

#include "predict/dataset.hpp"
#include "predict/least_squares.hpp"
#include "predict/terms.hpp"

namespace synergy::predict {

inline const char* kInterceptName = "(intercept)";

// Columns each term reads, resolved once against a dataset.
class TermColumns {
 public:
  TermColumns(const Dataset& d, const std::vector<Term>& terms);
  double value(size_t term, size_t row) const;
  size_t size() const { return factors_.size(); }

 private:
  struct ResolvedFactor {
    const std::vector<double>* column;
    int power;
  };
  std::vector<std::vector<ResolvedFactor>> factors_;  // per term
};

std::vector<std::string> coefficient_names(const std::vector<Term>& terms, bool intercept);

// One row of the design (intercept first when asked).
std::vector<double> design_row(const TermColumns& tc, size_t row, bool intercept);

Matrix design_matrix(const TermColumns& tc, const std::vector<size_t>& rows, bool intercept);

}  // namespace synergy::predict
