// libFuzzer target for the model JSON readers (synergy predict / evaluate --model): the linear
// models' and the kernel models' (calibrate). Malformed input must end in synergy::Error; a model
// that reads writes back to JSON that reads as the same model, and predicts without crashing.
// Kernel models with gradient-boosted trees are left out: their trees are read by libxgboost.
#include <cstdint>
#include <string>
#include <vector>

#include "check.hpp"
#include "predict/kernel/kernel_model_json.hpp"
#include "predict/kernel/kernel_predictor.hpp"
#include "predict/model_json.hpp"

namespace {

using namespace synergy::predict;

void kernel_model(const std::string& text) {
  if (text.find("trees") != std::string::npos) return;
  KernelModel model;
  try {
    model = kernel_model_from_json(text, "fuzz.json");
  } catch (const synergy::Error&) {
    return;
  }
  synergy::fuzz::expect_stable_round_trip(
      "fuzz_model_json", kernel_model_to_json(model),
      [](const std::string& t) { return kernel_model_from_json(t, "written"); },
      [](const KernelModel& m) { return kernel_model_to_json(m); });
  const std::vector<double> features(KernelPredictor::kFeatures, 1e6);
  std::vector<Kernel> kernels;
  for (const auto& k : model.time.kinds) kernels.push_back({"k", k.kind, {0}, features});
  predict_network(model, "fuzz", kernels);
  KernelPredictor fast(model);
  fast.predict(kernels);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  if (is_kernel_model_json(input)) {
    kernel_model(input);
    return 0;
  }
  Model model;
  try {
    model = model_from_json(input, "fuzz.json");
  } catch (const synergy::Error&) {
    return 0;
  }
  model.warnings();
  synergy::fuzz::expect_stable_round_trip(
      "fuzz_model_json", model_to_json(model),
      [](const std::string& text) { return model_from_json(text, "written"); },
      [](const Model& m) { return model_to_json(m); });
  return 0;
}
