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

std::vector<EnergyReading> poll(SyntheticSource& src, const test::FakeClock& clock, int64_t until,
                                int64_t step) {
  std::vector<EnergyReading> out;
  while (*clock.now <= until) {
    out.push_back(src.read());
    clock.advance(step);
  }
  return out;
}

TEST(EdgeAlignedWindowFromSamples, UsesTheFirstAndLastEdgeInside) {
  test::FakeClock clock;
  clock.set(kStart);
  SyntheticSource src(sensor(clock));
  std::vector<EnergyReading> samples = poll(src, clock, kStart + 1000 * kMs, 5 * kMs);
  std::vector<size_t> edges = update_edges(samples, 0);
  ASSERT_EQ(edges.size(), 10u);
  EXPECT_EQ(samples[edges[0]].t_ns, kStart + 100 * kMs);
  EnergyWindow w = edge_aligned_window(samples, 0, kStart + 230 * kMs, kStart + 810 * kMs);
  ASSERT_TRUE(w.valid) << w.reason;
  EXPECT_EQ(w.begin_ns, kStart + 300 * kMs);
  EXPECT_EQ(w.end_ns, kStart + 800 * kMs);
  EXPECT_EQ(w.updates, 5);
  EXPECT_NEAR(w.energy_j, energy(0.8) - energy(0.3), 1e-9);
}

TEST(EdgeAlignedWindowFromSamples, TooShortOrBrokenWindowsAreInvalidWithAReason) {
  test::FakeClock clock;
  clock.set(kStart);
  SyntheticConfig c = sensor(clock);
  c.fails = [](int64_t t) { return t == kStart + 555 * kMs; };
  SyntheticSource src(c);
  std::vector<EnergyReading> samples = poll(src, clock, kStart + 1000 * kMs, 5 * kMs);
  EnergyWindow shrt = edge_aligned_window(samples, 0, kStart + 120 * kMs, kStart + 290 * kMs);
  EXPECT_FALSE(shrt.valid);
  EXPECT_NE(shrt.reason.find("fewer than two"), std::string::npos);
  EnergyWindow broken = edge_aligned_window(samples, 0, kStart + 100 * kMs, kStart + 900 * kMs);
  EXPECT_FALSE(broken.valid);
  EXPECT_NE(broken.reason.find("failed"), std::string::npos);
  EXPECT_TRUE(edge_aligned_window(samples, 0, kStart + 600 * kMs, kStart + 900 * kMs).valid);
}

}  // namespace
}  // namespace synergy
