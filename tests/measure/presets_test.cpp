#include "measure/counters/presets.hpp"

#include <gtest/gtest.h>

#include "common/skip.hpp"
#include "fake_tree.hpp"
#include "measure/counters/counter_group.hpp"
#include "measure/counters/event_resolver.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

// qemu-user answers perf_event_open with ENOSYS: no counter opens under emulation.
constexpr const char* kNoPerfUnderQemu = ": qemu-user has no perf_event_open";

const std::string kDir = std::string(SYNERGY_SOURCE_DIR) + "/data/counters";

TEST(Presets, ArmV8UsesTheStudysEventCodes) {
  PresetCatalog c = load_presets(kDir, {"arm_ac57", "perf"});
  ASSERT_NE(c.find("simd"), nullptr);
  EXPECT_EQ(c.find("simd")->events, (std::vector<std::string>{"ASE_SPEC|raw:0x74"}));
  EXPECT_EQ(c.find("mem")->events, (std::vector<std::string>{"BUS_ACCESS|raw:0x19"}));
  EXPECT_NE(c.find("simd")->file.find("armv8.txt"), std::string::npos);
  EXPECT_NE(c.find("software"), nullptr);  // from the generic file
}

TEST(Presets, IntelGetsFpArithAndGenericFillsTheRest) {
  PresetCatalog c = load_presets(kDir, {"icl", "perf"});
  ASSERT_NE(c.find("simd"), nullptr);
  EXPECT_NE(c.find("simd")->events[0].find("FP_ARITH_INST_RETIRED"), std::string::npos);
  EXPECT_EQ(c.find("ipc")->events, (std::vector<std::string>{"instructions", "cycles"}));
  EXPECT_FALSE(c.find("mem")->description.empty());
}

TEST(Presets, UnknownCpuHasNoSimdPresetButSoftwareEvents) {
  PresetCatalog c = load_presets(kDir, {"perf"});
  EXPECT_EQ(c.find("simd"), nullptr);
  std::vector<std::string> e = c.events_of("software,ipc");
  EXPECT_EQ(e.front(), "task-clock");
  EXPECT_EQ(e.back(), "cycles");
  try {
    c.events_of("simd");
    ADD_FAILURE();
  } catch (const Error& err) {
    EXPECT_EQ(err.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(err.what()).find("software"), std::string::npos);  // lists known
  }
}

TEST(Presets, EveryEventChosenForThisCpuResolves) {
  PresetCatalog c = load_presets(kDir, detected_pmus());
  ASSERT_FALSE(c.presets.empty());
  for (const CounterPreset& p : c.presets)
    for (const std::string& e : p.events) {
      EventEncoding enc = resolve_event(e);
      EXPECT_TRUE(enc.ok) << p.name << " in " << p.file << ": " << enc.error;
    }
}

TEST(Presets, SoftwarePresetOpensOnThisMachine) {
  if (test::skip::emulated()) GTEST_SKIP() << test::skip::kEmulatedCpu << kNoPerfUnderQemu;
  PresetCatalog c = load_presets(kDir, {"perf"});
  CounterGroup g(c.events_of("software"));
  for (const auto& s : g.status()) EXPECT_TRUE(s.available) << s.name << ": " << s.reason;
}

TEST(Presets, MalformedFilesAreBadInputWithTheLine) {
  test::FakeTree t;
  t.write("a.txt", "match any\nsimd FP_ARITH\n");
  EXPECT_THROW(load_presets(t.root(), {"icl"}), Error);
  t.write("a.txt", "simd: raw:0x74\n");  // no match line
  EXPECT_THROW(load_presets(t.root(), {"icl"}), Error);
  t.write("a.txt", "match pmu icl\nabout simd: packed\nsimd: raw:0x74 raw:0x75\n");
  PresetCatalog c = load_presets(t.root(), {"icl"});
  ASSERT_NE(c.find("simd"), nullptr);
  EXPECT_EQ(c.find("simd")->description, "packed");
  EXPECT_EQ(load_presets(t.root(), {"skl"}).find("simd"), nullptr);
  test::FakeTree empty;
  EXPECT_THROW(load_presets(empty.root(), {}), Error);
}

// Found by fuzzing: a line of vertical tab or form feed alone read past the end of its words, and
// a name with a comma loaded but could never be asked for (lists of presets split on commas).
TEST(Presets, OtherWhiteSpaceIsABlankLineAndNamesHaveNoCommas) {
  test::FakeTree t;
  t.write("a.txt", "match any\n\v\f\nsimd: raw:0x74\n");
  EXPECT_NE(load_presets(t.root(), {"icl"}).find("simd"), nullptr);
  t.write("a.txt", "match any\nsimd,mem: raw:0x74\n");
  EXPECT_THROW(load_presets(t.root(), {"icl"}), Error);
}

}  // namespace
}  // namespace synergy
