// Cross-validation on unseen networks.
#pragma once

#include <cstdint>
#include <string>

#include "predict/cv.hpp"
#include "predict/model.hpp"

namespace synergy::predict {

// Fits `spec` once per fold on the fold's training networks only and predicts its test
// networks; `method` is "loo", "kfold:K" or "split:a+b". Networks with a blank target in any
// of their rows are left out. Throws bad_input when there are too few networks for the method.
Evaluation cross_validate(const ModelSpec& spec, const Dataset& data, const std::string& method,
                          uint64_t seed = 1);

// The same, on explicit folds (tests use this to check that nothing leaks).
Evaluation cross_validate_folds(const ModelSpec& spec, const Dataset& data,
                                const std::vector<Fold>& folds, const std::string& method);

}  // namespace synergy::predict
