#include "measure/rapl/rapl_perf_source.hpp"

#include <gtest/gtest.h>

#include "fake_tree.hpp"

namespace synergy {
namespace {

TEST(RaplPerf, ParsesEventConfigAndCpuLists) {
  uint64_t config = 0;
  EXPECT_TRUE(parse_perf_event_config("event=0x02", config));
  EXPECT_EQ(config, 2u);
  EXPECT_TRUE(parse_perf_event_config("umask=0x1,event=0x13", config));
  EXPECT_EQ(config, 0x13u);
  EXPECT_FALSE(parse_perf_event_config("umask=0x1", config));
  EXPECT_FALSE(parse_perf_event_config("event=zz", config));
  std::vector<int> cpus;
  EXPECT_TRUE(parse_cpu_list("0,28", cpus));
  EXPECT_EQ(cpus, (std::vector<int>{0, 28}));
  EXPECT_TRUE(parse_cpu_list("0-2,8", cpus));
  EXPECT_EQ(cpus, (std::vector<int>{0, 1, 2, 8}));
  EXPECT_FALSE(parse_cpu_list("3-1", cpus));
  EXPECT_FALSE(parse_cpu_list("a", cpus));
  EXPECT_FALSE(parse_cpu_list("0-3000000000", cpus));  // found by fuzzing: gigabytes of CPUs
  EXPECT_FALSE(parse_cpu_list("0-40000,0-40000", cpus));
  EXPECT_FALSE(parse_cpu_list("3,480251272023372037", cpus));  // found by fuzzing: int overflow
  EXPECT_FALSE(parse_cpu_list("65536", cpus));
  EXPECT_TRUE(parse_cpu_list("65535", cpus));
}

TEST(RaplPerf, NoPowerPmuSaysSo) {
  test::FakeTree t;
  SourceOptions o;
  o.sysfs_root = t.root();
  auto src = make_rapl_perf_source(o);
  EXPECT_FALSE(src->availability().available);
  EXPECT_NE(src->availability().reason.find("no perf power PMU"), std::string::npos);
}

TEST(RaplPerf, AnEventThePmuRefusesIsExplained) {
  test::FakeTree t;
  std::string pmu = "sys/bus/event_source/devices/power/";
  t.write(pmu + "type", 4000);  // no such PMU type in this kernel
  t.write(pmu + "cpumask", "0");
  t.write(pmu + "events/energy-pkg", "event=0x02");
  t.write(pmu + "events/energy-pkg.scale", "2.3283064365386962890625e-10");
  t.write(pmu + "events/energy-pkg.unit", "Joules");
  SourceOptions o;
  o.sysfs_root = t.root();
  auto src = make_rapl_perf_source(o);
  EXPECT_FALSE(src->availability().available);
  EXPECT_NE(src->availability().reason.find("energy-pkg on cpu 0"), std::string::npos)
      << src->availability().reason;
}

}  // namespace
}  // namespace synergy
