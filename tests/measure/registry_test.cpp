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

// "auto" takes the first available source with a domain, and on a machine with none says so in
// one line; "none" and a named source are taken as given (a named one refused if unavailable).
TEST(Registry, ChoosesASourceOrSaysWhyThereIsNone) {
  test::FakeTree empty;
  SourceOptions o;
  o.sysfs_root = empty.root();
  o.nvml_library = "/nonexistent/libnvidia-ml.so.1";
  const ChosenSource none_here = choose_energy_source("auto", o);
  EXPECT_EQ(none_here.source, nullptr);
  EXPECT_NE(none_here.unavailable.find("no energy sensor found (tried rapl"), std::string::npos)
      << none_here.unavailable;
  const ChosenSource off = choose_energy_source("none", o);
  EXPECT_EQ(off.source, nullptr);
  EXPECT_EQ(off.unavailable, "disabled with --energy none");
  EXPECT_THROW(choose_energy_source("rapl", o), Error);

  test::FakeTree rapl;
  rapl.write("sys/class/powercap/intel-rapl:0/name", "package-0\n");
  rapl.write("sys/class/powercap/intel-rapl:0/energy_uj", "1000\n");
  rapl.write("sys/class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n");
  o.sysfs_root = rapl.root();
  const ChosenSource found = choose_energy_source("auto", o);
  ASSERT_NE(found.source, nullptr) << found.unavailable;
  EXPECT_EQ(found.source->name(), "rapl");
  EXPECT_EQ(domain_index(*found.source, ""), 0u);
  EXPECT_EQ(domain_index(*found.source, "package-0"), 0u);
  EXPECT_THROW(domain_index(*found.source, "dram"), Error);
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
