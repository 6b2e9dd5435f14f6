// Kernel models, their predictions and evaluations as tables or JSON (CSV for predictions).
#pragma once

#include <string>
#include <vector>

#include "predict/format.hpp"
#include "predict/kernel/kernel_model.hpp"

namespace synergy::predict {

std::string format_kernel_model(const KernelModel& model, OutputFormat format);
// JSON: one object per network with network, predicted {time_ms: {value, interval_95}, and
// energy_mj alike where the model has energy}, coverage {macs, kernels}, warnings and model
// {name, device, backend, threads, training_networks}.
std::string format_kernel_predictions(const KernelModel& model,
                                      const std::vector<KernelPrediction>& predictions,
                                      OutputFormat format, bool per_kernel);
std::string format_kernel_evaluation(const KernelEvaluation& evaluation, OutputFormat format);

}  // namespace synergy::predict
