// Text, CSV and JSON renderings of models, evaluations, predictions and the study.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "predict/model.hpp"
#include "predict/study.hpp"

namespace synergy::predict {

enum class OutputFormat { Table, Csv, Json };

OutputFormat parse_format(const std::string& name);  // table | csv | json; throws bad_input

// Coefficients with standard errors per stage and layer type, condition numbers, warnings.
std::string format_model(const Model& model, OutputFormat format);

// One row per (label, evaluation): mean +- sample std, median, max, MAPE, within 10 %.
// With per_network, one row per network and label instead.
std::string format_evaluations(const std::vector<std::pair<std::string, Evaluation>>& evaluations,
                               OutputFormat format, bool per_network);

// Predicted totals with a 95 % prediction interval (Student's t on the residual degrees of
// freedom times the standard error); with per_layer also every layer's prediction.
std::string format_predictions(const Model& model,
                               const std::vector<NetworkPrediction>& predictions,
                               OutputFormat format, bool per_layer);

std::string format_study(const StudyReport& report, OutputFormat format, bool per_network);

}  // namespace synergy::predict
