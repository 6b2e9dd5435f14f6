// libFuzzer target for the model JSON reader (synergy predict / evaluate --model). Malformed input
// must end in synergy::Error; a model that reads writes back to JSON that reads as the same model.
#include <cstdint>
#include <string>

#include "check.hpp"
#include "predict/model_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace synergy::predict;
  Model model;
  try {
    model = model_from_json(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
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
