// libFuzzer target for the GPU counter preset files (data/gpu_counters/*.txt) and their derived
// metric formulas. Malformed input must end in synergy::Error; every preset that loads resolves to
// the metrics it measures and derives, and a derived metric evaluates without crashing.
#include <cstdint>
#include <map>
#include <string>

#include "check.hpp"
#include "measure/gpu_counters/gpu_presets.hpp"
#include "preset_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    synergy::parse_formula(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const synergy::Error&) {
  }
  const std::string dir = synergy::fuzz::write_preset_file(data, size);
  synergy::GpuPresetCatalog catalog;
  try {
    catalog = synergy::load_gpu_presets(dir);
  } catch (const synergy::Error&) {
    return 0;
  }
  for (const auto& p : catalog.presets) {
    synergy::GpuMetricRequest request;
    try {
      request = catalog.request_of(p.name);
    } catch (const synergy::Error& e) {
      synergy::fuzz::fail("fuzz_gpu_presets",
                          "preset '" + p.name + "' loads but does not resolve: " + e.what());
    }
    std::map<std::string, double> measured;
    for (const auto& m : request.measured) measured[m] = 1.0;
    for (const auto& d : request.derived) d.evaluate(measured);
  }
  return 0;
}
