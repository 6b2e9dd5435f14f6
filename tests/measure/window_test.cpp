#include "measure/windows/edge_window.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fake_tree.hpp"
#include "measure/synthetic/synthetic_source.hpp"

namespace synergy {
namespace {

constexpr int64_t kStart = 1'000'000'000;
constexpr int64_t kMs = 1'000'000;

double energy(double t) {
  return 80 * t + 15 * t * t + 2 * std::sin(3 * t);
}

SyntheticConfig sensor(const test::FakeClock& clock) {
  SyntheticConfig c;
  c.power_w = [](double t) { return 80 + 30 * t + 6 * std::cos(3 * t); };
  c.energy_j = energy;
  c.update_period_ns = 100 * kMs;
  c.clock = clock.fn();
  c.start_ns = kStart;
  return c;
}

EdgeWaitOptions stepping(const test::FakeClock& clock) {
  EdgeWaitOptions o;
  o.poll_ns = kMs;
  o.sleep = [clock](int64_t ns) { clock.advance(ns); };
  return o;
}

TEST(EdgeAlignedWindow, SpansWholeUpdatesWithNoQuantisationError) {
  test::FakeClock clock;
  clock.set(kStart + 37 * kMs);
  SyntheticSource src(sensor(clock));
  EdgeAlignedWindow w(src, 0, stepping(clock));
  ASSERT_TRUE(w.begin());
  EXPECT_EQ(*clock.now, kStart + 100 * kMs);
  clock.advance(523 * kMs);  // the work
  EnergyWindow r = w.end();
  ASSERT_TRUE(r.valid) << r.reason;
  EXPECT_EQ(r.begin_ns, kStart + 100 * kMs);
  EXPECT_EQ(r.end_ns, kStart + 700 * kMs);
  EXPECT_EQ(r.updates, 6);
  EXPECT_NEAR(r.energy_j, energy(0.7) - energy(0.1), 1e-9);
  EXPECT_NEAR(r.average_power_w(), (energy(0.7) - energy(0.1)) / 0.6, 1e-9);
}

TEST(EdgeAlignedWindow, ASensorThatNeverChangesTimesOut) {
  test::FakeClock clock;
  clock.set(kStart);
  SyntheticConfig c = sensor(clock);
  c.power_w = [](double) { return 0.0; };
  c.energy_j = [](double) { return 0.0; };
  SyntheticSource src(c);
  EdgeAlignedWindow w(src, 0, stepping(clock));
  EXPECT_FALSE(w.begin());
  EXPECT_NE(w.reason().find("did not change"), std::string::npos);
  EXPECT_FALSE(w.end().valid);
}

TEST(EdgeAlignedWindow, ASourceWithoutThatDomainSaysSo) {
  test::FakeClock clock;
  SyntheticSource src(sensor(clock));
  EdgeAlignedWindow w(src, 3, stepping(clock));
  EXPECT_FALSE(w.begin());
  EXPECT_NE(w.reason().find("no domain 3"), std::string::npos);
}

}  // namespace
}  // namespace synergy
