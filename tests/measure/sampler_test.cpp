#include "measure/sampler/sampler.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "common/skip.hpp"
#include "measure/synthetic/synthetic_source.hpp"

namespace synergy {
namespace {

TEST(RingBuffer, KeepsTheNewestAndCountsDrops) {
  RingBuffer<int> ring(3);
  for (int i = 1; i <= 5; ++i) ring.push(i);
  EXPECT_EQ(ring.items(), (std::vector<int>{3, 4, 5}));
  EXPECT_EQ(ring.dropped(), 2u);
  ring.clear();
  ring.push(9);
  EXPECT_EQ(ring.items(), (std::vector<int>{9}));
}

TEST(DefaultPollPeriod, AdaptsToTheSensorAndToTheReadCost) {
  EXPECT_EQ(default_poll_period_ns(100'000'000, 1'000), 10'000'000);       // NVML-like: 10 ms
  EXPECT_EQ(default_poll_period_ns(100'000'000, 4'000'000), 200'000'000);  // costly reads
  EXPECT_EQ(default_poll_period_ns(0, 1'000), 10'000'000);                 // unknown period
  EXPECT_EQ(default_poll_period_ns(1'000, 10), 100'000);                   // floor of 100 us
}

TEST(Sampler, PollsInTheBackgroundAndReportsItsCost) {
  if (test::skip::emulated())
    GTEST_SKIP() << test::skip::kEmulatedCpu << ": 30 ms of 1 ms polls is a time budget";
  SyntheticConfig c;
  c.power_w = [](double) { return 42.0; };
  c.update_period_ns = 1'000'000;
  SyntheticSource src(c);
  SamplerOptions o;
  o.period_ns = 1'000'000;
  Sampler sampler(src, o);
  EXPECT_EQ(sampler.period_ns(), 1'000'000);
  sampler.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  sampler.stop();
  std::vector<EnergyReading> s = sampler.samples();
  ASSERT_GE(s.size(), 2u);
  for (size_t i = 1; i < s.size(); ++i) {
    EXPECT_GT(s[i].t_ns, s[i - 1].t_ns);
    EXPECT_GE(s[i].energy_j[0], s[i - 1].energy_j[0]);
  }
  SamplerCost cost = sampler.cost();
  EXPECT_EQ(cost.reads, static_cast<int64_t>(s.size()));
  EXPECT_GT(cost.wall_ns, 0);
  EXPECT_GE(cost.cpu_fraction(), 0.0);
  EXPECT_GT(cost.mean_read_ns, 0.0);
}

TEST(Sampler, KeepsOnlyItsCapacity) {
  SyntheticConfig c;
  c.power_w = [](double) { return 1.0; };
  SyntheticSource src(c);
  SamplerOptions o;
  o.period_ns = 200'000;
  o.capacity = 4;
  Sampler sampler(src, o);
  sampler.start();
  while (sampler.dropped() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  sampler.stop();
  EXPECT_EQ(sampler.samples().size(), 4u);
}

TEST(Sampler, AdaptsItsPeriodWhenNoneIsGiven) {
  SyntheticConfig c;
  c.power_w = [](double) { return 1.0; };
  c.update_period_ns = 100'000'000;
  SyntheticSource src(c);
  Sampler sampler(src, {});
  EXPECT_EQ(sampler.period_ns(), 10'000'000);
}

}  // namespace
}  // namespace synergy
