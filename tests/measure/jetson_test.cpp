#include "measure/jetson/jetson_source.hpp"

#include <gtest/gtest.h>

#include "fake_tree.hpp"

namespace synergy {
namespace {

// L4T 28 (TX1): iio device of the ina3221x driver, power in mW.
void make_iio_tree(const test::FakeTree& t) {
  std::string dev = "sys/bus/i2c/drivers/ina3221x/1-0040/iio:device0/";
  t.write(dev + "rail_name_0", "VDD_IN");
  t.write(dev + "in_power0_input", 4200);
  t.write(dev + "rail_name_1", "VDD_GPU");
  t.write(dev + "in_power1_input", 850);
  t.write(dev + "rail_name_2", "VDD_CPU");  // no power file: V x I
  t.write(dev + "in_voltage2_input", 1000);
  t.write(dev + "in_current2_input", 1500);
}

// Newer L4T (Orin): hwmon of the ina3221 driver, also linked from /sys/class/hwmon.
void make_hwmon_tree(const test::FakeTree& t) {
  std::string chip = "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3";
  t.write(chip + "/name", "ina3221");
  t.write(chip + "/in1_label", "VDD_IN");
  t.write(chip + "/in1_input", 5000);
  t.write(chip + "/curr1_input", 1200);
  t.write(chip + "/in2_label", "VDD_CPU_GPU_CV");
  t.write(chip + "/in2_input", 5000);
  t.write(chip + "/curr2_input", 400);
  t.write(chip + "/in3_label", "NC");
  t.write(chip + "/in3_input", 0);
  t.write(chip + "/curr3_input", 0);
  t.write(chip + "/in4_label", "sum of shunt voltages");  // no curr4: not a rail
  t.write(chip + "/in4_input", 120);
  t.write(chip + "/update_interval", 8);
  t.symlink(chip, "sys/class/hwmon/hwmon3");
}

SourceOptions options_for(const test::FakeTree& t) {
  SourceOptions o;
  o.sysfs_root = t.root();
  return o;
}

TEST(Jetson, ReadsTheIioLayoutOfL4T28) {
  test::FakeTree t;
  make_iio_tree(t);
  auto src = make_jetson_source(options_for(t));
  ASSERT_TRUE(src->availability().available) << src->availability().reason;
  auto d = src->domains();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].name, "VDD_IN");
  EXPECT_EQ(d[1].name, "VDD_GPU");
  EXPECT_EQ(d[2].name, "VDD_CPU");
  EnergyReading r = src->read();
  EXPECT_DOUBLE_EQ(r.power_w[0], 4.2);
  EXPECT_DOUBLE_EQ(r.power_w[1], 0.85);
  EXPECT_DOUBLE_EQ(r.power_w[2], 1.5);
  EXPECT_EQ(src->provenance(), Provenance::IntegratedPower);
}

TEST(Jetson, ReadsTheEarlyIioDeviceFolderOnceAndNamesUnlabelledRails) {
  test::FakeTree t;
  std::string dev = "sys/bus/i2c/drivers/ina3221x/1-0040/";
  t.write(dev + "iio:device0/in_power0_input", 3000);  // no rail_name_0
  t.write(dev + "iio:device0/rail_name_1", "VDD_GPU");
  t.write(dev + "iio:device0/in_power1_input", 500);
  t.symlink(dev + "iio:device0", dev + "iio_device");
  auto src = make_jetson_source(options_for(t));
  auto d = src->domains();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].name, "rail0");
  EXPECT_EQ(d[1].name, "VDD_GPU");
  EXPECT_DOUBLE_EQ(src->read().power_w[0], 3.0);
}

TEST(Jetson, ReadsTheHwmonLayoutOnceDespiteTheClassLink) {
  test::FakeTree t;
  make_hwmon_tree(t);
  test::FakeClock clock;
  SourceOptions o = options_for(t);
  o.clock = clock.fn();
  auto src = make_jetson_source(o);
  ASSERT_TRUE(src->availability().available) << src->availability().reason;
  auto d = src->domains();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].name, "VDD_IN");
  EXPECT_EQ(d[1].name, "VDD_CPU_GPU_CV");
  EXPECT_EQ(src->declared_update_period_ns(), 8'000'000);
  EnergyReading a = src->read();
  EXPECT_DOUBLE_EQ(a.power_w[0], 6.0);
  EXPECT_DOUBLE_EQ(a.power_w[1], 2.0);
  clock.advance(250'000'000);
  EnergyReading b = src->read();
  EXPECT_DOUBLE_EQ(b.energy_j[0] - a.energy_j[0], 1.5);
}

TEST(Jetson, RailVanishingMidRunIsInvalidThenResumes) {
  test::FakeTree t;
  make_iio_tree(t);
  test::FakeClock clock;
  SourceOptions o = options_for(t);
  o.clock = clock.fn();
  auto src = make_jetson_source(o);
  src->read();
  t.remove("sys/bus/i2c/drivers/ina3221x/1-0040/iio:device0/in_power1_input");
  clock.advance(100'000'000);
  EnergyReading gone = src->read();
  EXPECT_TRUE(gone.valid[0]);
  EXPECT_FALSE(gone.valid[1]);
  EXPECT_NE(gone.errors[1].find("missing"), std::string::npos);
  t.write("sys/bus/i2c/drivers/ina3221x/1-0040/iio:device0/in_power1_input", 850);
  clock.advance(100'000'000);
  EnergyReading back = src->read();
  EXPECT_TRUE(back.valid[1]);
  // Power while the rail was gone is unknown: integration restarts from the first good read.
  EXPECT_EQ(back.fault(1), ReadFault::Restart);
  EXPECT_DOUBLE_EQ(back.energy_j[1], 0.0);  // the total before the gap, nothing added for it
  clock.advance(100'000'000);
  EnergyReading next = src->read();
  EXPECT_EQ(next.fault(1), ReadFault::None);
  EXPECT_DOUBLE_EQ(next.energy_j[1] - back.energy_j[1], 0.85 * 0.1);
}

TEST(Jetson, NotAJetsonSaysSo) {
  test::FakeTree t;
  auto src = make_jetson_source(options_for(t));
  EXPECT_FALSE(src->availability().available);
  EXPECT_NE(src->availability().reason.find("INA3221"), std::string::npos);
}

}  // namespace
}  // namespace synergy
