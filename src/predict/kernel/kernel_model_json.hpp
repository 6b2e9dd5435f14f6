// Kernel models as versioned JSON files ({"format": "synergy-kernel-model", "version": 1}): the
// platform and engine they were measured on, the training set, each kind's regressor (trees as
// libxgboost's JSON), the overhead term and the interval's calibration.
#pragma once

#include <string>

#include "predict/kernel/kernel_model.hpp"

namespace synergy::predict {

std::string kernel_model_to_json(const KernelModel& model);
// Throws bad_input naming `source` on malformed JSON, a foreign format or a newer version.
KernelModel kernel_model_from_json(const std::string& text, const std::string& source);

void save_kernel_model(const KernelModel& model, const std::string& path);
KernelModel load_kernel_model(const std::string& path);
// Whether `text` says it is a kernel model (false when it is not JSON or of another format).
bool is_kernel_model_json(const std::string& text);

}  // namespace synergy::predict
