#include "measure/synthetic/synthetic_source.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fake_tree.hpp"

namespace synergy {
namespace {

constexpr int64_t kStart = 1'000'000'000;
constexpr int64_t kMs = 1'000'000;

SyntheticConfig ramp(const test::FakeClock& clock) {
  SyntheticConfig c;
  c.power_w = [](double t) { return 100 + 40 * t; };
  c.energy_j = [](double t) { return 100 * t + 20 * t * t; };
  c.update_period_ns = 100 * kMs;
  c.clock = clock.fn();
  c.start_ns = kStart;
  return c;
}

TEST(Synthetic, EnergyCounterChangesOnlyAtUpdateEdges) {
  test::FakeClock clock;
  clock.set(kStart);
  SyntheticSource src(ramp(clock));
  clock.set(kStart + 150 * kMs);
  EnergyReading a = src.read();
  clock.set(kStart + 199 * kMs);
  EnergyReading b = src.read();
  EXPECT_EQ(a.energy_j[0], b.energy_j[0]);
  EXPECT_DOUBLE_EQ(a.energy_j[0], 100 * 0.1 + 20 * 0.01);  // energy up to the 100-ms edge
  clock.set(kStart + 200 * kMs);
  EnergyReading c = src.read();
  EXPECT_DOUBLE_EQ(c.energy_j[0], 100 * 0.2 + 20 * 0.04);
  // Power reported is the average over the last period: 100 + 40 * 0.15.
  EXPECT_NEAR(c.power_w[0], 106.0, 1e-9);
}

TEST(Synthetic, NumericIntegrationMatchesTheAntiderivative) {
  test::FakeClock clock;
  SyntheticConfig c;
  c.power_w = [](double t) { return 50 + 10 * std::sin(7 * t); };
  c.update_period_ns = 10 * kMs;
  c.clock = clock.fn();
  c.start_ns = kStart;
  SyntheticSource src(c);
  double t = 2.345;
  double exact = 50 * t + 10.0 / 7 * (1 - std::cos(7 * t));
  EXPECT_NEAR(src.exact_energy_j(kStart + static_cast<int64_t>(t * 1e9)), exact, 1e-9);
}

TEST(Synthetic, NumericCounterIsExactAtEveryEdgeForwardAndBackward) {
  test::FakeClock clock;
  SyntheticConfig c;
  c.power_w = [](double t) { return 3 * t * t + 2 * t + 1; };  // Simpson is exact for cubics
  c.update_period_ns = 20 * kMs;
  c.clock = clock.fn();
  c.start_ns = kStart;
  SyntheticSource src(c);
  auto exact = [](double t) { return t * t * t + t * t + t; };
  for (int64_t ms : {0, 7, 20, 45, 300, 1999, 2000, 130, 2500}) {
    clock.set(kStart + ms * kMs);
    double edge_s = static_cast<double>(ms / 20 * 20) * 1e-3;
    EXPECT_NEAR(src.read().energy_j[0], exact(edge_s), 1e-9) << ms;
  }
}

TEST(Synthetic, PowerModeHoldsTheValueOfTheLastEdgeAndIntegratesIt) {
  test::FakeClock clock;
  clock.set(kStart);
  SyntheticConfig c = ramp(clock);
  c.provenance = Provenance::IntegratedPower;
  SyntheticSource src(c);
  EnergyReading a = src.read();
  EXPECT_DOUBLE_EQ(a.power_w[0], 100);
  clock.set(kStart + 250 * kMs);
  EnergyReading b = src.read();
  EXPECT_DOUBLE_EQ(b.power_w[0], 100 + 40 * 0.2);
  EXPECT_DOUBLE_EQ(b.energy_j[0], 0.5 * (100 + 108) * 0.25);
}

TEST(Synthetic, InjectedFailuresMarkTheReadingInvalid) {
  test::FakeClock clock;
  clock.set(kStart);
  SyntheticConfig c = ramp(clock);
  c.fails = [](int64_t t) { return t >= kStart + 300 * kMs && t < kStart + 400 * kMs; };
  SyntheticSource src(c);
  clock.set(kStart + 350 * kMs);
  EnergyReading r = src.read();
  EXPECT_FALSE(r.valid[0]);
  EXPECT_TRUE(std::isnan(r.energy_j[0]));
  clock.set(kStart + 450 * kMs);
  EXPECT_TRUE(src.read().valid[0]);
}

}  // namespace
}  // namespace synergy
