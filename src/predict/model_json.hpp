// Fitted models as versioned JSON files.
#pragma once

#include <string>

#include "predict/model.hpp"

namespace synergy::predict {

// {"format": "synergy-model", "version": 1, ...}: spec, coefficients with standard errors,
// training networks, platform and evaluation. NaN is written as null.
std::string model_to_json(const Model& model);
// Throws bad_input naming `source` on malformed JSON, a foreign format or a newer version.
Model model_from_json(const std::string& text, const std::string& source);

void save_model(const Model& model, const std::string& path);
Model load_model(const std::string& path);

}  // namespace synergy::predict
