// Fitted models as versioned JSON files.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "predict/model.hpp"

namespace synergy::predict {

// {"format": "synergy-model", "version": 1, ...}: spec, coefficients with standard errors,
// training networks, platform and evaluation. NaN is written as null.
std::string model_to_json(const Model& model);
// Throws bad_input naming `source` on malformed JSON, a foreign format or a newer version.
Model model_from_json(const std::string& text, const std::string& source);

// Parses a versioned document: throws bad_input naming `source` on malformed JSON, a "format"
// other than `format`, or a version outside 1..max_version.
nlohmann::json parse_versioned(const std::string& text, const std::string& source,
                               const std::string& format, int max_version);

// A cross-validation result and its summary (read back: the summary is recomputed).
nlohmann::json evaluation_json(const Evaluation& evaluation);
// The summary alone (also a kernel model's held-out calibration errors).
nlohmann::json error_summary_json(const ErrorSummary& summary);
Evaluation evaluation_from_json(const nlohmann::json& j);

void save_model(const Model& model, const std::string& path);
Model load_model(const std::string& path);

}  // namespace synergy::predict
