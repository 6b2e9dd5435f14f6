// Cost of the reads the profiler makes at layer boundaries: one counter-group read, one energy
// source read (synthetic, and a sysfs-backed source on a small fake tree).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "measure/counters/counter_group.hpp"
#include "measure/counters/thread_counters.hpp"
#include "measure/hwmon/hwmon_source.hpp"
#include "measure/sampler/sampler.hpp"
#include "measure/synthetic/synthetic_source.hpp"

namespace {

void BM_CounterGroupRead(benchmark::State& state) {
  synergy::CounterGroup g({"task-clock", "page-faults", "context-switches"});
  g.enable();
  synergy::CounterValues v;
  for (auto _ : state) {
    g.read(v);
    benchmark::DoNotOptimize(v.value.data());
  }
  state.counters["events"] = static_cast<double>(g.size());
}
BENCHMARK(BM_CounterGroupRead);

// What the profiler pays per layer boundary when it counts every thread of a pool.
void BM_ThreadCountersRead(benchmark::State& state) {
  synergy::ThreadCounters c({"task-clock", "page-faults", "context-switches"},
                            synergy::process_threads());
  c.enable();
  synergy::CounterValues v;
  for (auto _ : state) {
    c.read(v);
    benchmark::DoNotOptimize(v.value.data());
  }
}
BENCHMARK(BM_ThreadCountersRead);

void BM_SyntheticSourceRead(benchmark::State& state) {
  synergy::SyntheticConfig c;
  c.power_w = [](double t) { return 50 + t; };
  c.energy_j = [](double t) { return 50 * t + 0.5 * t * t; };
  synergy::SyntheticSource src(c);
  for (auto _ : state) benchmark::DoNotOptimize(src.read());
}
BENCHMARK(BM_SyntheticSourceRead);

void BM_HwmonSourceRead(benchmark::State& state) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("synergy-bench-" + std::to_string(getpid()));
  fs::create_directories(root / "sys/class/hwmon/hwmon0");
  std::ofstream(root / "sys/class/hwmon/hwmon0/name") << "ina3221\n";
  for (int i = 1; i <= 3; ++i) {
    std::ofstream(root / ("sys/class/hwmon/hwmon0/in" + std::to_string(i) + "_input")) << "5000\n";
    std::ofstream(root / ("sys/class/hwmon/hwmon0/curr" + std::to_string(i) + "_input")) << "300\n";
  }
  synergy::SourceOptions o;
  o.sysfs_root = root.string();
  auto src = synergy::make_hwmon_source(o);
  for (auto _ : state) benchmark::DoNotOptimize(src->read());
  state.counters["domains"] = static_cast<double>(src->domains().size());
  fs::remove_all(root);
}
BENCHMARK(BM_HwmonSourceRead);

// The sampler's own CPU cost, polling a cheap source every `range(0)` microseconds for 1 s.
void BM_SamplerSelfCost(benchmark::State& state) {
  synergy::SyntheticConfig c;
  c.power_w = [](double) { return 50.0; };
  c.update_period_ns = 1'000'000;
  synergy::SyntheticSource src(c);
  synergy::SamplerOptions o;
  o.period_ns = state.range(0) * 1000;
  synergy::SamplerCost cost;
  for (auto _ : state) {
    synergy::Sampler sampler(src, o);
    sampler.start();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    sampler.stop();
    cost = sampler.cost();
  }
  state.counters["cpu_percent"] = 100 * cost.cpu_fraction();
  state.counters["reads"] = static_cast<double>(cost.reads);
  state.counters["read_ns"] = cost.mean_read_ns;
}
BENCHMARK(BM_SamplerSelfCost)->Arg(100)->Arg(1000)->Arg(10000)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
