#include "measure/probe.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "measure/synthetic/synthetic_source.hpp"

namespace synergy {
namespace {

// A clock that moves 0.5 ms each time it is read: every source read is one step.
std::function<int64_t()> stepping_clock() {
  auto t = std::make_shared<int64_t>(0);
  return [t] { return *t += 500'000; };
}

SyntheticConfig sensor(Provenance provenance) {
  SyntheticConfig c;
  c.power_w = [](double t) { return 10 + 100 * t; };
  c.update_period_ns = 5'000'000;
  c.clock = stepping_clock();
  c.start_ns = 0;
  c.provenance = provenance;
  return c;
}

TEST(MeasureUpdatePeriod, FindsTheSensorsPeriodFromItsChanges) {
  SyntheticSource src(sensor(Provenance::EnergyCounter));
  UpdatePeriod p = measure_update_period(src, 0, 20'000'000);
  ASSERT_TRUE(p.measured);
  EXPECT_GE(p.changes, 2);
  EXPECT_DOUBLE_EQ(p.mean_ns, 5'000'000.0);
  EXPECT_GT(p.observed_ns, 0);
}

TEST(MeasureUpdatePeriod, UsesPowerChangesForPowerSamplingDomains) {
  SyntheticSource src(sensor(Provenance::IntegratedPower));
  UpdatePeriod p = measure_update_period(src, 0, 20'000'000);
  ASSERT_TRUE(p.measured);
  EXPECT_DOUBLE_EQ(p.mean_ns, 5'000'000.0);
}

TEST(MeasureUpdatePeriod, AConstantSensorIsNotMeasured) {
  SyntheticConfig c = sensor(Provenance::EnergyCounter);
  c.power_w = [](double) { return 0.0; };
  SyntheticSource src(c);
  UpdatePeriod p = measure_update_period(src, 0, 5'000'000);
  EXPECT_FALSE(p.measured);
  EXPECT_EQ(p.changes, 0);
}

TEST(MeasureReadCost, CountsItsReads) {
  SyntheticSource src(sensor(Provenance::EnergyCounter));
  ReadCost c = measure_read_cost(src, 7);
  EXPECT_EQ(c.reads, 7);
  EXPECT_LE(c.min_ns, c.mean_ns);
}

}  // namespace
}  // namespace synergy
