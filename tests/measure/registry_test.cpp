#include "measure/registry.hpp"

#include <gtest/gtest.h>

#include "fake_tree.hpp"
#include "measure/estimate/estimate_source.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

TEST(Registry, UnknownNameListsTheKnownOnes) {
  try {
    make_energy_source("wattmeter", {});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(e.what()).find("rapl"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("trace:FILE"), std::string::npos);
  }
  EXPECT_THROW(make_energy_source("trace:", {}), Error);
  EXPECT_THROW(make_energy_source("estimate:lots", {}), Error);
}

TEST(Registry, EverySourceIsBuiltEvenWhereItIsUnavailable) {
  test::FakeTree empty;
  SourceOptions o;
  o.sysfs_root = empty.root();
  o.nvml_library = "/nonexistent/libnvidia-ml.so.1";
  for (const std::string& name : probe_source_names()) {
    auto src = make_energy_source(name, o);
    EXPECT_EQ(src->name(), name);
    EXPECT_FALSE(src->availability().available) << name;
    EXPECT_FALSE(src->availability().reason.empty()) << name;
    EXPECT_THROW(require_available(*src), Error);
  }
  auto none = make_energy_source("none", o);
  EXPECT_TRUE(none->availability().available);
  EXPECT_TRUE(none->domains().empty());
}

TEST(Estimate, NeedsATdpAndSaysItIsAModel) {
  auto src = make_energy_source("estimate", {});
  EXPECT_FALSE(src->availability().available);
  EXPECT_NE(src->availability().reason.find("TDP"), std::string::npos);
  EXPECT_EQ(src->provenance(), Provenance::ModelEstimate);
}

TEST(Estimate, PowerFollowsUtilisationBetweenIdleAndTdp) {
  test::FakeTree t;
  t.write("proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8\n");
  test::FakeClock clock;
  SourceOptions o;
  o.sysfs_root = t.root();
  o.clock = clock.fn();
  auto src = make_energy_source("estimate:65:20", o);
  ASSERT_TRUE(src->availability().available) << src->availability().reason;
  EXPECT_EQ(src->domains()[0].provenance, Provenance::ModelEstimate);
  src->read();
  // 50 busy of 100 jiffies: 20 + 45 x 0.5 W.
  t.write("proc/stat", "cpu  130 0 120 850 0 0 0 0 0 0\n");
  clock.advance(1'000'000'000);
  EnergyReading r = src->read();
  EXPECT_DOUBLE_EQ(r.power_w[0], 42.5);
  t.write("proc/stat", "garbage\n");
  EXPECT_FALSE(src->read().valid[0]);
}

TEST(Estimate, ParsesProcStat) {
  uint64_t busy = 0, total = 0;
  ASSERT_TRUE(parse_proc_stat("cpu 1 2 3 4 5 6 7 8 9 10", busy, total));
  EXPECT_EQ(total, 36u);
  EXPECT_EQ(busy, 36u - 4 - 5);
  EXPECT_FALSE(parse_proc_stat("intr 1 2 3", busy, total));
  EXPECT_FALSE(parse_proc_stat("cpu 1 2", busy, total));
}

}  // namespace
}  // namespace synergy
