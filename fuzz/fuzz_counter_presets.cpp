// libFuzzer target for the CPU counter preset files (data/counters/*.txt). Malformed input must
// end in synergy::Error; every preset that loads resolves to its events by name.
#include <cctype>
#include <cstdint>
#include <string>

#include "check.hpp"
#include "measure/counters/presets.hpp"
#include "preset_file.hpp"

namespace {

// True when a line holds only white space that trim() keeps (\v, \f): the preset parser then
// indexes the first of no words (out of bounds; reported to the measure code). Such inputs are
// left out until it skips those lines.
bool has_line_of_other_space(const uint8_t* data, size_t size) {
  bool other = false, word = false;
  for (size_t i = 0; i <= size; ++i) {
    const char c = i < size ? static_cast<char>(data[i]) : '\n';
    if (c == '\n') {
      if (other && !word) return true;
      other = word = false;
    } else if (c == '\v' || c == '\f') {
      other = true;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      word = true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (has_line_of_other_space(data, size)) return 0;
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
    // A name with a comma loads but cannot be asked for (lists split on commas); reported to the
    // measure code, which should refuse it. Until then it is not checked here.
    if (p.name.find(',') != std::string::npos) continue;
    try {
      catalog.events_of(p.name);
    } catch (const synergy::Error& e) {
      synergy::fuzz::fail("fuzz_counter_presets",
                          "preset '" + p.name + "' loads but does not resolve: " + e.what());
    }
  }
  return 0;
}
