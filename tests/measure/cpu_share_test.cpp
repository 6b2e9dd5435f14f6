#include "measure/sched/cpu_share.hpp"

#include <gtest/gtest.h>

#include "common/busy_processes.hpp"
#include "fake_tree.hpp"
#include "util/clock.hpp"

namespace synergy {
namespace {

using test::FakeTree;

void write_task(const FakeTree& t, int tid, int64_t ran, int64_t waited, int64_t switches) {
  const std::string dir = "self/task/" + std::to_string(tid);
  t.write(dir + "/schedstat", std::to_string(ran) + " " + std::to_string(waited) + " 7");
  t.write(dir + "/status",
          "Name:\tsynergy\nvoluntary_ctxt_switches:\t3\n"
          "nonvoluntary_ctxt_switches:\t" +
              std::to_string(switches));
}

void write_system(const FakeTree& t, int64_t pressure_us, int64_t steal, int64_t total) {
  t.write("pressure/cpu",
          "some avg10=1.00 avg60=0.50 avg300=0.10 total=" + std::to_string(pressure_us) +
              "\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0");
  // user nice system idle iowait irq softirq steal guest guest_nice
  t.write("stat", "cpu  " + std::to_string(total - steal) + " 0 0 0 0 0 0 " +
                      std::to_string(steal) + " 5 0\ncpu0 1 2 3 4 5 6 7 8 9 10");
}

TEST(CpuShare, DifferencesOfAFakeProcTree) {
  FakeTree t;
  write_task(t, 100, 1'000, 500, 4);
  write_task(t, 101, 2'000, 0, 1);  // ends before the second snapshot
  write_system(t, 10'000, 10, 1'000);
  SchedSnapshot a = take_sched_snapshot(t.root());
  ASSERT_EQ(a.tasks.size(), 2u);
  EXPECT_EQ(a.tasks[100].waited_ns, 500);
  EXPECT_EQ(a.tasks[100].involuntary_switches, 4);

  std::filesystem::remove_all(t.path("self/task/101"));
  write_task(t, 100, 601'000, 400'500, 54);  // ran 0.6 ms, waited 0.4 ms, 50 switches
  write_task(t, 102, 300'000, 100'000, 10);  // began in between: counted whole
  write_system(t, 10'500, 60, 2'000);        // 500 us of pressure, 50 of 1000 ticks stolen
  SchedSnapshot b = take_sched_snapshot(t.root());
  a.t_ns = 0;
  b.t_ns = 1'000'000;  // 1 ms apart

  const CpuShare c = cpu_share_between(a, b);
  EXPECT_EQ(c.wall_ns, 1'000'000);
  ASSERT_TRUE(c.ran_ns && c.waited_ns);
  EXPECT_EQ(*c.ran_ns, 900'000);
  EXPECT_EQ(*c.waited_ns, 500'000);
  EXPECT_DOUBLE_EQ(*c.wait_fraction(), 5.0 / 14.0);
  EXPECT_EQ(c.involuntary_switches, 60);
  EXPECT_DOUBLE_EQ(c.involuntary_switches_per_s(), 60'000.0);
  ASSERT_TRUE(c.pressure && c.steal);
  EXPECT_DOUBLE_EQ(*c.pressure, 0.5);
  EXPECT_DOUBLE_EQ(*c.steal, 0.05);
  EXPECT_TRUE(c.disturbed());
  EXPECT_EQ(c.describe(),
            "threads waited 35.7 % of their ready time (0.0005 s of 0.0014 s), 60000 involuntary "
            "switches/s, CPU pressure 50 %, steal 5 % over 0.001 s");
}

TEST(CpuShare, WhatTheKernelDoesNotReportIsLeftOut) {
  FakeTree t;
  t.mkdir("self/task");
  SchedSnapshot a = take_sched_snapshot(t.root());
  SchedSnapshot b = a;
  b.t_ns = a.t_ns + 1'000'000'000;
  const CpuShare c = cpu_share_between(a, b);
  EXPECT_FALSE(c.ran_ns.has_value());
  EXPECT_FALSE(c.wait_fraction().has_value());
  EXPECT_FALSE(c.pressure.has_value());
  EXPECT_FALSE(c.steal.has_value());
  EXPECT_FALSE(c.disturbed());
  EXPECT_EQ(c.describe(), "0 involuntary switches/s over 1 s");

  // Without schedstat, involuntary switches decide.
  CpuShare busy = c;
  busy.involuntary_switches = 500;
  EXPECT_TRUE(busy.disturbed());
}

TEST(CpuShare, ThresholdsOfAQuietRun) {
  CpuShare c;
  c.wall_ns = 1'000'000'000;
  c.ran_ns = 950'000'000;
  c.waited_ns = 50'000'000;  // 5 %
  c.involuntary_switches = 400;
  c.steal = 0.01;
  EXPECT_FALSE(c.disturbed());
  c.waited_ns = 150'000'000;  // 13.6 %
  EXPECT_TRUE(c.disturbed());
  c.waited_ns = 0;
  c.steal = 0.08;
  EXPECT_TRUE(c.disturbed());
}

int64_t spin_for(int64_t ns) {
  const int64_t end = now_ns() + ns;
  volatile int64_t n = 0;
  while (now_ns() < end) n = n + 1;
  return n;
}

// This thread and a spinning process on one CPU: the scheduler shares it, so the thread waits
// about half its ready time, and the share says so.
TEST(CpuShare, AThreadSharingItsCpuWaits) {
  CpuShare shared;
  {
    test::PinnedToOneCpu pin;
    ASSERT_TRUE(pin.pinned());
    test::BusyProcesses spinner(1, pin.cpu());
    spin_for(50'000'000);  // the spinner is running by now
    const SchedSnapshot a = take_sched_snapshot();
    spin_for(400'000'000);
    shared = cpu_share_between(a, take_sched_snapshot());
  }
  ASSERT_TRUE(shared.ran_ns.has_value()) << "/proc/self/task/*/schedstat not read";
  ASSERT_TRUE(shared.wait_fraction().has_value());
  EXPECT_GT(*shared.wait_fraction(), 0.25) << shared.describe();
  EXPECT_LE(*shared.ran_ns, shared.wall_ns + 10'000'000);
  EXPECT_GT(shared.involuntary_switches, 0);
  EXPECT_TRUE(shared.disturbed()) << shared.describe();
}

}  // namespace
}  // namespace synergy
