// The machine's load at start, the OpenMP wait chosen from it, and how both reach a result's
// context: /proc/stat text with known sums, a fake proc tree, and processes this test keeps busy.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/busy_processes.hpp"
#include "common/scoped_env.hpp"
#include "result/context.hpp"
#include "util/cpu_load.hpp"
#include "util/error.hpp"
#include "util/openmp_wait.hpp"

namespace synergy {
namespace {

namespace fs = std::filesystem;

TEST(CpuLoad, SumsTheAggregateLine) {
  // user nice system idle iowait irq softirq steal guest guest_nice
  const CpuTimes t = parse_proc_stat("cpu  100 5 50 1000 20 3 2 1 7 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n");
  EXPECT_EQ(t.busy, 161u);  // guest time is inside user already
  EXPECT_EQ(t.total, 1181u);
  const CpuTimes old_kernel = parse_proc_stat("cpu  10 0 5 85\n");  // four fields (Linux 2.4)
  EXPECT_EQ(old_kernel.busy, 15u);
  EXPECT_EQ(old_kernel.total, 100u);
}

// `parse` refuses `text` as bad input.
template <typename Parse>
void expect_bad_input(Parse parse, const char* text) {
  try {
    parse(text);
    ADD_FAILURE() << "accepted '" << text << "'";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput) << text;
  }
}

TEST(CpuLoad, RefusesTextThatIsNotTheCpuLine) {
  for (const char* text : {"", "cpu0 1 2 3 4\n", "cpu  1 2 3\n", "cpu  a b c d\n", "intr 1 2 3 4"})
    expect_bad_input(parse_proc_stat, text);
}

TEST(CpuLoad, ReadsAProcessesOwnTicks) {
  // utime 25, stime 7 (fields 14 and 15); the name holds a space and a parenthesis.
  EXPECT_EQ(parse_process_ticks("4242 (syn (x) y) S 1 4242 4242 0 -1 4194304 900 0 3 0 25 7 0 0 "
                                "20 0 3 0 100 1000 200"),
            32u);
  for (const char* text :
       {"", "4242 syn S 1", "4242 (syn) S 1 2 3", "1 (a) S 1 1 1 0 -1 0 0 0 0 0 x 7"})
    expect_bad_input(parse_process_ticks, text);
}

TEST(CpuLoad, ReadsAProcTreeAndSaysWhenItCannot) {
  const fs::path root = fs::temp_directory_path() / ("synergy-proc-" + std::to_string(getpid()));
  fs::create_directories(root / "self");
  std::ofstream(root / "stat") << "cpu  300 0 100 600 0 0 0 0 0 0\ncpu0 300 0 100 600 0 0 0 0\n";
  std::ofstream(root / "self" / "stat") << "7 (synergy) R 1 7 7 0 -1 0 0 0 0 0 40 2 0 0 20 0 1\n";
  const CpuTimes t = read_cpu_times(root.string());
  EXPECT_EQ(t.busy, 400u);
  EXPECT_EQ(t.total, 1000u);
  EXPECT_EQ(t.own, 42u);
  fs::remove(root / "self" / "stat");
  EXPECT_THROW(read_cpu_times(root.string()), Error);
  fs::remove_all(root);
  try {
    read_cpu_times(root.string());
    ADD_FAILURE() << "read a missing tree";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Unavailable);
  }
}

TEST(CpuLoad, OthersBusyIsTheBusyShareOfTheElapsedTimeLessOurOwn) {
  EXPECT_DOUBLE_EQ(others_busy_cores({100, 1000, 0}, {150, 1100, 0}, 2), 1.0);
  EXPECT_DOUBLE_EQ(others_busy_cores({100, 1000, 0}, {200, 1100, 0}, 4), 4.0);
  EXPECT_DOUBLE_EQ(others_busy_cores({100, 1000, 10}, {150, 1100, 35}, 2), 0.5);  // 25 were ours
  EXPECT_DOUBLE_EQ(others_busy_cores({100, 1000, 0}, {150, 1100, 60}, 2), 0.0);   // never < 0
  EXPECT_DOUBLE_EQ(others_busy_cores({100, 1000, 0}, {100, 1000, 0}, 2), 0.0);    // no time passed
  EXPECT_DOUBLE_EQ(others_busy_cores({100, 1000, 0}, {90, 1100, 0}, 2), 0.0);  // counters went back
}

TEST(CpuLoad, SeesAProcessThatKeepsACoreBusy) {
  test::BusyProcesses busy(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const CpuTimes before = read_cpu_times();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int cpus = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  const double cores = others_busy_cores(before, read_cpu_times(), cpus);
  EXPECT_GE(cores, 0.7);  // the spinner; other processes can only add
  EXPECT_LE(cores, cpus);
}

// This process's ticks are all of its threads' CPU time (what the clock of the process counts),
// and they are taken out of the count; how much CPU the spinning thread gets depends on the load.
TEST(CpuLoad, LeavesOutThisProcesssOwnThreads) {
  std::atomic<bool> stop{false};
  std::thread spinner([&stop] {
    volatile uint64_t spin = 0;
    while (!stop.load(std::memory_order_relaxed)) spin = spin + 1;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  timespec cpu0{}, cpu1{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0);
  const CpuTimes before = read_cpu_times();
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  const CpuTimes after = read_cpu_times();
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
  stop = true;
  spinner.join();
  const double cpu_s = static_cast<double>(cpu1.tv_sec - cpu0.tv_sec) +
                       static_cast<double>(cpu1.tv_nsec - cpu0.tv_nsec) * 1e-9;
  const double tick_s = 1.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
  ASSERT_GT(cpu_s, 0.0);
  EXPECT_NEAR(static_cast<double>(after.own - before.own) * tick_s, cpu_s, 3 * tick_s);
  const int cpus = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  const double total = static_cast<double>(after.total - before.total);
  const double all = static_cast<double>(after.busy - before.busy) / total * cpus;
  const double own = static_cast<double>(after.own - before.own) / total * cpus;
  EXPECT_NEAR(others_busy_cores(before, after, cpus), std::max(0.0, all - own), 1e-9);
}

TEST(OpenmpWait, SleepsAtOnceOnlyWhereOthersHoldCoresTheThreadsNeed) {
  EXPECT_EQ(choose_openmp_wait(0.0, 2, 2).spin_count, "10000");
  EXPECT_EQ(choose_openmp_wait(0.4, 2, 2).spin_count, "10000");  // light background load
  const OpenmpWait taken = choose_openmp_wait(1.0, 2, 2);
  EXPECT_EQ(taken.spin_count, "0");
  EXPECT_TRUE(taken.contended);
  EXPECT_NE(taken.description.find("1.0 of 2 cores"), std::string::npos) << taken.description;
  EXPECT_EQ(choose_openmp_wait(1.0, 16, 2).spin_count, "10000");  // free cores enough
  EXPECT_EQ(choose_openmp_wait(14.8, 16, 2).spin_count, "0");
  EXPECT_EQ(choose_openmp_wait(13.0, 16, 4).spin_count, "0");
  // Every core taken: the threads share alike, and the spin stays.
  const OpenmpWait full = choose_openmp_wait(1.9, 2, 2);
  EXPECT_EQ(full.spin_count, "10000");
  EXPECT_TRUE(full.contended);
  EXPECT_NE(full.description.find("every thread shares a core"), std::string::npos);
  EXPECT_EQ(choose_openmp_wait(5.0, 2, 1).spin_count, "10000");  // one thread waits for no one
}

using test::ScopedEnv;

TEST(RunContextLoad, CarriesTheWaitAndWarnsOfContention) {
  {
    ScopedEnv wait(kOpenmpWaitEnv, "passive (sleep at once): other processes kept 1.3 of 2");
    ScopedEnv busy(kOthersBusyEnv, "1.3");
    const RunContext c = machine_context();
    EXPECT_EQ(c.openmp_wait, "passive (sleep at once): other processes kept 1.3 of 2");
    EXPECT_DOUBLE_EQ(c.others_busy_cores, 1.3);
    bool warned = false;
    for (const std::string& w : context_warnings(c))
      warned = warned || w.find("1.3 cores busy") != std::string::npos;
    EXPECT_TRUE(warned);
  }
  {
    ScopedEnv wait(kOpenmpWaitEnv, nullptr);
    ScopedEnv busy(kOthersBusyEnv, nullptr);
    ScopedEnv policy("OMP_WAIT_POLICY", "passive");
    ScopedEnv spin("GOMP_SPINCOUNT", nullptr);
    const RunContext c = machine_context();
    EXPECT_EQ(c.openmp_wait, "as set: OMP_WAIT_POLICY=passive");
    EXPECT_LT(c.others_busy_cores, 0.0);  // not measured: no number, no warning
    for (const std::string& w : context_warnings(c)) EXPECT_EQ(w.find("busy"), std::string::npos);
  }
  {
    ScopedEnv busy(kOthersBusyEnv, "0.2");
    for (const std::string& w : context_warnings(machine_context()))
      EXPECT_EQ(w.find("busy"), std::string::npos) << w;
  }
}

}  // namespace
}  // namespace synergy
