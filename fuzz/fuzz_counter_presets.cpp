// libFuzzer target for the CPU counter preset files (data/counters/*.txt). Malformed input must
// end in synergy::Error; every preset that loads resolves to its events by name.
#include <cstdint>
#include <string>

#include "check.hpp"
#include "measure/counters/presets.hpp"
#include "preset_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string dir = synergy::fuzz::write_preset_file(data, size);
  synergy::PresetCatalog catalog;
  try {
    catalog = synergy::load_presets(dir, {"cpu", "cpu_core", "armv8_pmuv3_0"});
  } catch (const synergy::Error&) {
    return 0;
  }
  for (const auto& p : catalog.presets) {
    if (p.events.empty()) {
      synergy::fuzz::fail("fuzz_counter_presets", "preset '" + p.name + "' has no events");
    }
    try {
      catalog.events_of(p.name);
    } catch (const synergy::Error& e) {
      synergy::fuzz::fail("fuzz_counter_presets",
                          "preset '" + p.name + "' loads but does not resolve: " + e.what());
    }
  }
  return 0;
}
