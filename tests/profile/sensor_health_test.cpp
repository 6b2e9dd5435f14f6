#include "profile/sensor_health.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace synergy {
namespace {

EnergyReading reading(int64_t t_ns, double energy_j, ReadFault fault = ReadFault::None,
                      const std::string& why = "") {
  EnergyReading r;
  r.t_ns = t_ns;
  const bool valid = fault == ReadFault::None || fault == ReadFault::Restart;
  r.energy_j = {valid ? energy_j : std::nan("")};
  r.power_w = {std::nan("")};
  r.valid = {valid};
  r.errors = {why};
  r.faults = {fault};
  return r;
}

constexpr int64_t kMs = 1'000'000;

TEST(SensorHealth, CountsFaultsByKindWithTheFirstReason) {
  std::vector<EnergyReading> taken;
  for (int i = 0; i < 100; ++i) taken.push_back(reading(i * kMs, i * 0.01));
  taken[40] = reading(40 * kMs, 0, ReadFault::Implausible, "energy_uj: counter went backwards");
  taken[41] = reading(41 * kMs, 0, ReadFault::Implausible, "energy_uj: jumped");
  taken[70] = reading(70 * kMs, 0.7, ReadFault::Restart, "energy_uj: counter restarted");
  SensorHealth h;
  h.add(taken, 0, kMs);
  EXPECT_EQ(h.readings, 100);
  EXPECT_EQ(h.faulty(), 3);
  ASSERT_EQ(h.faults.size(), 2u);
  EXPECT_EQ(h.faults[0].fault, ReadFault::Implausible);
  EXPECT_EQ(h.faults[0].count, 2);
  EXPECT_EQ(h.faults[0].example, "energy_uj: counter went backwards");
  EXPECT_EQ(h.stalls, 0);
  const auto lines = h.lines(0);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "2 of 100 readings rejected as implausible (from 0.040 s to 0.041 s; first: "
            "energy_uj: counter went backwards)");
  EXPECT_NE(lines[1].find("1 of 100 readings restarted the count"), std::string::npos);
}

TEST(SensorHealth, AFrozenValueIsAStall) {
  std::vector<EnergyReading> taken;
  for (int i = 0; i < 100; ++i) {
    const int frozen_from = 30, frozen_to = 80;  // 50 ms at a 1 ms update period
    const double e = i < frozen_from ? i : (i < frozen_to ? frozen_from : i);
    taken.push_back(reading(i * kMs, e * 0.01));
  }
  SensorHealth h;
  h.add(taken, 0, kMs);
  EXPECT_EQ(h.faulty(), 0);
  EXPECT_EQ(h.stalls, 1);
  EXPECT_EQ(h.longest_stall_ns, 50 * kMs);
  EXPECT_EQ(h.longest_stall_at_ns, 30 * kMs);
  EXPECT_TRUE(h.any());
  SensorHealth unjudged;
  unjudged.add(taken, 0, 0);  // no update period: stalls are not judged
  EXPECT_FALSE(unjudged.any());
}

TEST(SensorHealth, ShortHoldsOfASlowSensorAreNotStalls) {
  std::vector<EnergyReading> taken;
  for (int i = 0; i < 100; ++i) taken.push_back(reading(i * kMs, (i / 10) * 0.1));  // 10 ms steps
  SensorHealth h;
  h.add(taken, 0, 10 * kMs);
  EXPECT_EQ(h.stalls, 0);
}

}  // namespace
}  // namespace synergy
