#include "measure/counters/counter_group.hpp"

#include <linux/perf_event.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <thread>

#include "common/skip.hpp"
#include "measure/counters/event_resolver.hpp"
#include "measure/counters/thread_counters.hpp"

namespace synergy {
namespace {

// qemu-user answers perf_event_open with ENOSYS: no counter opens under emulation.
constexpr const char* kNoPerfUnderQemu = ": qemu-user has no perf_event_open";

// Touches n fresh pages: at least n page faults, deterministically.
void touch_pages(size_t n) {
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* p = mmap(nullptr, n * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(p, MAP_FAILED);
  auto* bytes = static_cast<volatile char*>(p);
  for (size_t i = 0; i < n; ++i) bytes[i * page] = 1;
  munmap(p, n * page);
}

TEST(EventResolver, ResolvesSoftwareNamesRawCodesAndAlternatives) {
  EventEncoding tc = resolve_event("task-clock");
  ASSERT_TRUE(tc.ok) << tc.error;
  EXPECT_EQ(tc.type, static_cast<uint32_t>(PERF_TYPE_SOFTWARE));
  EXPECT_EQ(tc.config, static_cast<uint64_t>(PERF_COUNT_SW_TASK_CLOCK));
  EventEncoding raw = resolve_event("NO_SUCH_EVENT_NAME|raw:0x74");
  ASSERT_TRUE(raw.ok) << raw.error;
  EXPECT_EQ(raw.name, "raw:0x74");
  EXPECT_EQ(raw.type, static_cast<uint32_t>(PERF_TYPE_RAW));
  EXPECT_EQ(raw.config, 0x74u);
  EventEncoding bad = resolve_event("NO_SUCH_EVENT_NAME");
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("libpfm4"), std::string::npos);
  EXPECT_FALSE(resolve_event("raw:zz").ok);
}

TEST(CounterGroup, CountsSoftwareEventsInOneGroupRead) {
  if (test::skip::emulated()) GTEST_SKIP() << test::skip::kEmulatedCpu << kNoPerfUnderQemu;
  CounterGroup g({"task-clock", "page-faults", "context-switches"});
  ASSERT_EQ(g.size(), 3u);
  for (const auto& s : g.status()) ASSERT_TRUE(s.available) << s.name << ": " << s.reason;
  g.reset();
  g.enable();
  touch_pages(300);
  std::this_thread::yield();
  g.disable();
  CounterValues v = g.read();
  ASSERT_TRUE(v.ok);
  EXPECT_GT(v.value[0], 0.0);
  EXPECT_GE(v.value[1], 300.0);
  EXPECT_GE(v.value[2], 0.0);
  EXPECT_DOUBLE_EQ(v.running_fraction(), 1.0);  // software events never multiplex
  // Disabled: a second read gives the same counts.
  touch_pages(50);
  CounterValues again = g.read();
  EXPECT_EQ(again.raw[1], v.raw[1]);
}

TEST(CounterGroup, UnavailableEventsAreNaNWithAReasonNotZero) {
  if (test::skip::emulated()) GTEST_SKIP() << test::skip::kEmulatedCpu << kNoPerfUnderQemu;
  CounterGroup g({"NO_SUCH_EVENT_NAME", "page-faults", "instructions"});
  EXPECT_FALSE(g.status()[0].available);
  EXPECT_NE(g.status()[0].reason.find("not an event"), std::string::npos);
  ASSERT_TRUE(g.status()[1].available);
  g.enable();
  touch_pages(10);
  CounterValues v = g.read();
  EXPECT_TRUE(std::isnan(v.value[0]));
  EXPECT_GE(v.value[1], 10.0);
  // Hardware events: counted where the CPU exposes them, explained where it does not.
  if (!g.status()[2].available) {
    EXPECT_FALSE(g.status()[2].reason.empty());
    EXPECT_TRUE(std::isnan(v.value[2]));
  } else {
    EXPECT_GT(v.value[2], 0.0);
  }
}

TEST(CounterGroup, NoEventAtAllReadsAsNotOk) {
  CounterGroup g({"NO_SUCH_EVENT_NAME"});
  EXPECT_FALSE(g.any_available());
  EXPECT_FALSE(g.read().ok);
}

TEST(CounterGroup, InheritCountsThreadsCreatedAfterOpening) {
  if (test::skip::emulated()) GTEST_SKIP() << test::skip::kEmulatedCpu << kNoPerfUnderQemu;
  CounterGroup with({"page-faults"});
  CounterOptions own;
  own.inherit = false;
  CounterGroup without({"page-faults"}, own);
  with.enable();
  without.enable();
  std::thread worker([] { touch_pages(2000); });
  worker.join();
  CounterValues a = with.read();
  CounterValues b = without.read();
  EXPECT_GE(a.value[0], 2000.0);
  EXPECT_LT(b.value[0], 2000.0);
}

TEST(ThreadCounters, CountsAnExistingThreadThroughItsOwnGroup) {
  if (test::skip::emulated()) GTEST_SKIP() << test::skip::kEmulatedCpu << kNoPerfUnderQemu;
  std::atomic<pid_t> tid{0};
  std::atomic<bool> go{false};
  std::atomic<bool> done{false};
  std::thread worker([&] {
    tid = gettid();
    while (!go) std::this_thread::yield();
    touch_pages(500);
    done = true;
  });
  while (tid == 0) std::this_thread::yield();
  std::vector<pid_t> all = process_threads();
  EXPECT_NE(std::find(all.begin(), all.end(), tid.load()), all.end());
  ThreadCounters counters({"page-faults", "NO_SUCH_EVENT_NAME"}, {tid.load()});
  counters.enable();
  go = true;
  while (!done) std::this_thread::yield();
  CounterValues v = counters.read();
  worker.join();
  ASSERT_TRUE(v.ok);
  EXPECT_GE(v.value[0], 500.0);
  EXPECT_TRUE(std::isnan(v.value[1]));
  EXPECT_FALSE(counters.status()[1].available);
}

TEST(PerfOpenErrors, ExplainTheCommonCauses) {
  EXPECT_NE(explain_perf_open_error(ENOENT).find("ENOENT"), std::string::npos);
  EXPECT_NE(explain_perf_open_error(EACCES).find("perf_event_paranoid"), std::string::npos);
}

TEST(MultiplexScaling, ScalesByEnabledOverRunning) {
  EXPECT_DOUBLE_EQ(scale_multiplexed(1000, 400, 100), 4000.0);
  EXPECT_DOUBLE_EQ(scale_multiplexed(1000, 100, 100), 1000.0);
  EXPECT_TRUE(std::isnan(scale_multiplexed(0, 100, 0)));  // never scheduled: unknown, not zero
}

}  // namespace
}  // namespace synergy
