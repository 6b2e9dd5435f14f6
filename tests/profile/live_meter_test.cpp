// A meter that writes its log while the profile runs, on a clock of its own: its power follows
// this process's CPU use (10 W idle, 20 W per busy core), rows every millisecond (more apart
// when its thread is starved), written out every 50 ms. The profile finds the clock offset from its
// load pattern and reads the log as it grows.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "common/busy_processes.hpp"
#include "engine/engine.hpp"
#include "graph/builder.hpp"
#include "measure/trace/trace_source.hpp"
#include "profile/session.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "zoo/blocks.hpp"

namespace synergy {
namespace {

constexpr int64_t kMs = 1'000'000;

int64_t process_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

class LiveMeter {
 public:
  // Log time = monotonic - offset. follows_cpu false: a meter on another machine (flat 15 W).
  LiveMeter(std::string path, int64_t offset_ns, bool follows_cpu = true)
      : path_(std::move(path)), offset_ns_(offset_ns), follows_cpu_(follows_cpu) {
    thread_ = std::thread([this] { loop(); });
    while (rows_.load() < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~LiveMeter() {
    stop_ = true;
    thread_.join();
  }
  LiveMeter(const LiveMeter&) = delete;
  LiveMeter& operator=(const LiveMeter&) = delete;

 private:
  void loop() {
    FILE* f = std::fopen(path_.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fprintf(f, "# meter on its own clock\ntime_s,power_w\n");
    int64_t last_t = now_ns(), last_cpu = process_cpu_ns(), flushed = last_t;
    while (!stop_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      const int64_t t = now_ns(), cpu = process_cpu_ns();
      const double cores = static_cast<double>(cpu - last_cpu) / static_cast<double>(t - last_t);
      const double watts = follows_cpu_ ? 10.0 + 20.0 * cores : 15.0;
      // The mean over the row's own span, stamped at its middle: a meter without a response
      // delay, however late this thread wakes (starved beside other work, rows span up to
      // tens of ms).
      const int64_t middle = last_t + (t - last_t) / 2;
      std::fprintf(f, "%.9f,%.6f\n", static_cast<double>(middle - offset_ns_) * 1e-9, watts);
      ++rows_;
      last_t = t;
      last_cpu = cpu;
      if (t - flushed >= 50 * kMs || rows_ < 20) {
        std::fflush(f);
        flushed = t;
      }
    }
    std::fclose(f);
  }

  std::string path_;
  int64_t offset_ns_;
  bool follows_cpu_;
  std::atomic<bool> stop_{false};
  std::atomic<int> rows_{0};
  std::thread thread_;
};

Graph small_net() {
  GraphBuilder b("small", "test");
  ValueId x = b.input("data", Shape{{1, 3, 32, 32}});
  x = zoo::conv_relu(b, "conv1", "relu1", x, zoo::conv(16, 3, 1, 1));
  x = zoo::conv_relu(b, "conv2", "relu2", x, zoo::conv(32, 3, 1, 1));
  x = b.add1("fc", zoo::fc(10), {x});
  return b.finish({x});
}

ProfileOptions quick_options() {
  ProfileOptions o;
  o.max_time_ns = 800 * kMs;
  o.min_sample_ns = 50 * kMs;
  o.layer_time_ns = 200 * kMs;
  o.attribution_time_ns = 1500 * kMs;
  o.idle_time_ns = 200 * kMs;
  o.target_ci = 0.5;
  return o;
}

std::string log_path(const char* name) {
  return (std::filesystem::temp_directory_path() /
          (std::string("synergy-meter-") + name + "-" + std::to_string(getpid()) + ".csv"))
      .string();
}

// Profiles with the meter's log; returns the offset found (auto) and checks what every run
// must hold: each reading answered from the log, network and layer energy present.
void profile_with_meter(const char* name, bool auto_offset, int busy) {
  const int64_t truth = -4'321'987'654'321;  // the meter's clock is 4321.99 s ahead
  const std::string path = log_path(name);
  LiveMeter meter(path, truth);
  SourceOptions so;
  so.trace_clock_auto = auto_offset;
  if (!auto_offset) so.trace_clock_offset_ns = truth;
  auto source = TraceSource::load(path, so);
  test::BusyProcesses hogs(busy);
  Engine engine(small_net(), "reference", EngineContext{1, 1});
  const ProfileOutcome out =
      profile_network(engine, EnergySetup{source.get(), 0}, {}, quick_options());
  for (const auto& w : out.warnings) std::printf("warning: %s\n", w.c_str());
  // Every reading is answered once the log reaches it (a meter starved by the busy process may
  // leave real gaps in its log, said as such).
  for (const auto& f : out.sensor_health.faults)
    EXPECT_EQ(f.example.find("outside the trace"), std::string::npos) << f.example;
  for (const auto& w : out.warnings) EXPECT_EQ(w.find("stopped growing"), std::string::npos) << w;
  // Idle: 10 W and the sampler's own CPU; the meter cannot show more than two busy cores.
  ASSERT_TRUE(out.idle_power_w.has_value());
  EXPECT_GE(*out.idle_power_w, 10.0);
  EXPECT_LE(*out.idle_power_w, 51.0);
  ASSERT_TRUE(out.attribution.has_value());
  int attributed = 0;
  for (const auto& l : out.attribution->layers) attributed += l.estimated ? 1 : 0;
  EXPECT_GT(attributed, 0);
  if (auto_offset) {
    const auto facts = source->context();
    ASSERT_GE(facts.size(), 1u);
    EXPECT_EQ(facts[0].first, "meter clock offset");
    std::printf("%s: %s\n", name, facts[0].second.c_str());
    // The second pattern gives the drift, or, where the machine was too busy for the meter to
    // show it, a warning that the drift is unknown.
    const bool drift_unknown = std::any_of(
        out.warnings.begin(), out.warnings.end(),
        [](const std::string& w) { return w.find("drift unknown") != std::string::npos; });
    if (facts.size() > 1) {
      EXPECT_EQ(facts[1].first, "meter clock drift");
      std::printf("%s: %s\n", name, facts[1].second.c_str());
    } else {
      EXPECT_TRUE(drift_unknown);
    }
    // The pattern's spans are each core's own, weighted by the share of it the core ran. Idle or
    // beside one busy process it came out within 1.1 ms; with about six runnable threads per
    // core (sanitizer builds and tests beside it) 4.4 ms: a tenth of a 50 ms chip is the bound.
    EXPECT_NEAR(static_cast<double>(source->offset_ns() - truth) * 1e-6, 0.0, 5.0) << "ms";
  }
  std::filesystem::remove(path);
}

TEST(LiveMeter, AutoOffsetIsFoundFromTheLoadPattern) {
  profile_with_meter("auto", true, 0);
}

TEST(LiveMeter, AutoOffsetHoldsBesideABusyProcess) {
  profile_with_meter("auto-busy", true, 1);
}

TEST(LiveMeter, AGivenOffsetReadsTheLogAsItGrows) {
  profile_with_meter("given", false, 0);
}

// A log whose power does not follow this machine: refused with the reason, nothing measured.
TEST(LiveMeter, ALogWithoutThePatternIsRefused) {
  const std::string path = log_path("flat");
  LiveMeter meter(path, 0, false);
  SourceOptions so;
  so.trace_clock_auto = true;
  auto source = TraceSource::load(path, so);
  Engine engine(small_net(), "reference", EngineContext{1, 1});
  try {
    profile_network(engine, EnergySetup{source.get(), 0}, {}, quick_options());
    ADD_FAILURE() << "profiled against a log that never showed the pattern";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(e.what()).find("does not show the load pattern"), std::string::npos)
        << e.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace synergy
