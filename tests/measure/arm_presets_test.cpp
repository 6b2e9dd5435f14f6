// The study's ARM counter presets as an aarch64 build resolves them on the Jetson boards' cores,
// each selected with libpfm4's LIBPFM_FORCE_PMU (no ARM PMU needed). Only an aarch64 libpfm4 has
// the ARM tables, so the test exists in aarch64 builds only.
#if defined(__aarch64__)

#include <gtest/gtest.h>
#include <linux/perf_event.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>

#include "measure/counters/event_resolver.hpp"
#include "measure/counters/presets.hpp"

namespace synergy {
namespace {

const std::string kDir = std::string(SYNERGY_SOURCE_DIR) + "/data/counters";

// ARMv8 PMUv3 common event codes of each preset, in the preset's order.
const std::map<std::string, std::vector<uint64_t>> kCodes = {
    {"simd", {0x74}},      {"scalar", {0x75}},      {"mem", {0x19}},
    {"ipc", {0x08, 0x11}}, {"cache", {0x04, 0x03}},
};

// The PMU this process sees: the CPU's, or the one LIBPFM_FORCE_PMU names (libpfm4 reads it once,
// so tests/measure/CMakeLists.txt runs this test once per Jetson core, each in its own process).
TEST(ArmPresets, ResolveToTheStudysEventCodes) {
  const char* forced = std::getenv("LIBPFM_FORCE_PMU");
  const std::string pmu = forced != nullptr ? forced : "detected";
  const std::vector<std::string> pmus = detected_pmus();
  const auto is_arm = [](const std::string& p) { return p.rfind("arm_", 0) == 0; };
  ASSERT_TRUE(std::any_of(pmus.begin(), pmus.end(), is_arm)) << "no ARM PMU for " << pmu;
  const PresetCatalog c = load_presets(kDir, pmus);
  for (const auto& [preset, codes] : kCodes) {
    const CounterPreset* p = c.find(preset);
    ASSERT_NE(p, nullptr) << preset << " on " << pmu;
    ASSERT_EQ(p->events.size(), codes.size()) << preset;
    for (size_t i = 0; i < codes.size(); ++i) {
      const EventEncoding e = resolve_event(p->events[i]);
      ASSERT_TRUE(e.ok) << p->events[i] << ": " << e.error;
      EXPECT_EQ(e.type, static_cast<uint32_t>(PERF_TYPE_RAW)) << p->events[i];
      EXPECT_EQ(e.config, codes[i]) << p->events[i] << " as " << e.canonical;
      std::cout << pmu << " " << preset << ": " << p->events[i] << " -> 0x" << std::hex << e.config
                << std::dec << " (" << e.canonical << ")\n";
    }
  }
}

}  // namespace
}  // namespace synergy

#endif
