#include "measure/hwmon/hwmon_source.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fake_tree.hpp"

namespace synergy {
namespace {

void make_hwmon_tree(const test::FakeTree& t) {
  t.write("sys/class/hwmon/hwmon0/name", "coretemp");  // no power: ignored
  t.write("sys/class/hwmon/hwmon0/temp1_input", 45000);
  t.write("sys/class/hwmon/hwmon1/name", "ina226");
  t.write("sys/class/hwmon/hwmon1/power1_input", 2'000'000);  // uW
  t.write("sys/class/hwmon/hwmon1/power1_label", "board");
  t.write("sys/class/hwmon/hwmon1/in1_input", 12000);  // also has V and I: not counted twice
  t.write("sys/class/hwmon/hwmon1/curr1_input", 100);
  t.write("sys/class/hwmon/hwmon2/name", "amdgpu");
  t.write("sys/class/hwmon/hwmon2/energy1_input", 1'000'000);  // uJ
  t.write("sys/class/hwmon/hwmon3/name", "ina3221");
  t.write("sys/class/hwmon/hwmon3/in1_label", "VDD_IN");
  t.write("sys/class/hwmon/hwmon3/in1_input", 5000);   // mV
  t.write("sys/class/hwmon/hwmon3/curr1_input", 600);  // mA -> 3 W
  t.write("sys/class/hwmon/hwmon3/in2_input", 1000);   // no current: not a power channel
  t.write("sys/class/hwmon/hwmon3/update_interval", 140);
}

TEST(Hwmon, FindsPowerEnergyAndVoltageCurrentChannelsWithLabels) {
  test::FakeTree t;
  make_hwmon_tree(t);
  SourceOptions o;
  o.sysfs_root = t.root();
  auto src = make_hwmon_source(o);
  ASSERT_TRUE(src->availability().available) << src->availability().reason;
  auto d = src->domains();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].name, "ina226:board");
  EXPECT_EQ(d[0].provenance, Provenance::IntegratedPower);
  EXPECT_EQ(d[1].name, "amdgpu:energy1");
  EXPECT_EQ(d[1].provenance, Provenance::EnergyCounter);
  EXPECT_EQ(d[2].name, "ina3221:VDD_IN");
  EXPECT_EQ(src->provenance(), Provenance::IntegratedPower);
  EXPECT_EQ(src->declared_update_period_ns(), 140'000'000);
}

TEST(Hwmon, ConvertsUnitsAndIntegratesPower) {
  test::FakeTree t;
  make_hwmon_tree(t);
  test::FakeClock clock;
  SourceOptions o;
  o.sysfs_root = t.root();
  o.clock = clock.fn();
  auto src = make_hwmon_source(o);
  EnergyReading a = src->read();
  EXPECT_DOUBLE_EQ(a.power_w[0], 2.0);
  EXPECT_DOUBLE_EQ(a.power_w[2], 3.0);
  EXPECT_TRUE(std::isnan(a.power_w[1]));
  clock.advance(500'000'000);
  t.write("sys/class/hwmon/hwmon2/energy1_input", 1'750'000);
  EnergyReading b = src->read();
  EXPECT_DOUBLE_EQ(b.energy_j[0] - a.energy_j[0], 1.0);  // 2 W for 0.5 s
  EXPECT_DOUBLE_EQ(b.energy_j[1] - a.energy_j[1], 0.75);
  EXPECT_DOUBLE_EQ(b.energy_j[2] - a.energy_j[2], 1.5);
}

TEST(Hwmon, GarbageImplausibleAndUnreadableValuesAreInvalidNotZero) {
  test::FakeTree t;
  make_hwmon_tree(t);
  SourceOptions o;
  o.sysfs_root = t.root();
  auto src = make_hwmon_source(o);
  t.write("sys/class/hwmon/hwmon1/power1_input", "-5");
  t.write("sys/class/hwmon/hwmon2/energy1_input", "0x12");
  t.make_unreadable("sys/class/hwmon/hwmon3/curr1_input");
  EnergyReading r = src->read();
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_FALSE(r.valid[i]) << i;
    EXPECT_FALSE(r.errors[i].empty()) << i;
  }
  EXPECT_TRUE(std::isnan(r.power_w[0]));
  EXPECT_NE(r.errors[0].find("implausible"), std::string::npos);
  t.write("sys/class/hwmon/hwmon1/power1_input", 200'000'000'000'000);  // 200 MW
  EXPECT_FALSE(src->read().valid[0]);
}

TEST(Hwmon, NoChannelsIsUnavailable) {
  test::FakeTree t;
  t.write("sys/class/hwmon/hwmon0/name", "coretemp");
  SourceOptions o;
  o.sysfs_root = t.root();
  auto src = make_hwmon_source(o);
  EXPECT_FALSE(src->availability().available);
  EXPECT_NE(src->availability().reason.find("no hwmon"), std::string::npos);
}

}  // namespace
}  // namespace synergy
