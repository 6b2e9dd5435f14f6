#include "measure/inventory.hpp"

#include <gtest/gtest.h>

#include "common/skip.hpp"
#include "fake_tree.hpp"
#include "measure/duration.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

TEST(Duration, ParsesUnitsAndRejectsTheRest) {
  EXPECT_EQ(parse_duration_ns("5s"), 5'000'000'000);
  EXPECT_EQ(parse_duration_ns("500ms"), 500'000'000);
  EXPECT_EQ(parse_duration_ns("1.5s"), 1'500'000'000);
  EXPECT_EQ(parse_duration_ns("250us"), 250'000);
  EXPECT_EQ(parse_duration_ns("2m"), 120'000'000'000);
  EXPECT_EQ(parse_duration_ns("0s"), 0);
  for (const char* bad : {"5", "5x", "-1s", "s", "", "1e30s"})
    EXPECT_THROW(parse_duration_ns(bad), Error) << bad;
}

TEST(Inventory, ListsAvailableAndUnavailableSourcesAndPresets) {
  test::FakeTree t;
  t.write("sys/class/hwmon/hwmon0/name", "ina226");
  t.write("sys/class/hwmon/hwmon0/power1_input", 3'000'000);
  InventoryOptions o;
  o.source_options.sysfs_root = t.root();
  o.source_options.nvml_library = "/nonexistent/libnvidia-ml.so.1";
  o.specs = {"rapl", "hwmon", "nvml"};
  o.read_cost_reads = 3;
  o.preset_dir = std::string(SYNERGY_SOURCE_DIR) + "/data/counters";
  Inventory inv = take_inventory(o);
  ASSERT_EQ(inv.sources.size(), 3u);
  EXPECT_FALSE(inv.sources[0].availability.available);
  EXPECT_TRUE(inv.sources[1].availability.available);
  EXPECT_EQ(inv.sources[1].domains.at(0).name, "ina226:power1");
  EXPECT_EQ(inv.sources[1].read_cost.reads, 3);
  EXPECT_GT(inv.sources[1].read_cost.mean_ns, 0.0);
  EXPECT_FALSE(inv.sources[1].measured_period.measured);  // not asked for
  EXPECT_NE(inv.sources[2].availability.reason.find("no NVIDIA driver"), std::string::npos);
  EXPECT_TRUE(inv.preset_error.empty());
  if (test::skip::emulated())
    GTEST_SKIP() << test::skip::kEmulatedCpu << ": qemu-user has no perf_event_open";
  bool software_ok = false;
  for (const PresetReport& p : inv.presets)
    if (p.preset.name == "software") {
      software_ok = true;
      for (const CounterStatus& e : p.events) software_ok &= e.available;
    }
  EXPECT_TRUE(software_ok);
}

TEST(Inventory, MissingPresetFilesAreReportedNotFatal) {
  test::FakeTree t;
  InventoryOptions o;
  o.specs = {"none"};
  o.preset_dir = t.path("no-such-dir");
  Inventory inv = take_inventory(o);
  EXPECT_TRUE(inv.presets.empty());
  EXPECT_NE(inv.preset_error.find("no counter preset files"), std::string::npos);
}

}  // namespace
}  // namespace synergy
