// The NVML path on a real GPU: update period, read cost, idle power, and the power of a known GPU
// load over edge-aligned windows versus naive fixed windows. A command-line benchmark:
//   measure_nvml [--windows N] [--window-s S] [-- LOAD_COMMAND ARGS...]
// The load command runs in the background while the load windows are measured.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "measure/probe.hpp"
#include "measure/registry.hpp"
#include "measure/windows/edge_window.hpp"
#include "util/clock.hpp"

extern char** environ;

namespace {

using synergy::EnergySource;

struct Spread {
  double mean = 0, sd = 0, min = 0, max = 0;
  size_t n = 0;
  double cv() const { return mean != 0 ? sd / std::fabs(mean) : 0; }
};

Spread spread(const std::vector<double>& v) {
  Spread s;
  s.n = v.size();
  if (v.empty()) return s;
  s.min = s.max = v[0];
  for (double x : v) {
    s.mean += x;
    s.min = std::min(s.min, x);
    s.max = std::max(s.max, x);
  }
  s.mean /= static_cast<double>(v.size());
  for (double x : v) s.sd += (x - s.mean) * (x - s.mean);
  s.sd = v.size() > 1 ? std::sqrt(s.sd / static_cast<double>(v.size() - 1)) : 0;
  return s;
}

void print(const char* what, const Spread& s, const char* unit) {
  std::printf("%-34s mean %.4g %s  sd %.3g  cv %.2f %%  min %.4g  max %.4g  n %zu\n", what, s.mean,
              unit, s.sd, 100 * s.cv(), s.min, s.max, s.n);
}

// Average power over windows bounded by the energy counter's own update edges.
std::vector<double> edge_windows(EnergySource& src, int windows, double seconds) {
  std::vector<double> watts;
  for (int i = 0; i < windows; ++i) {
    synergy::EdgeAlignedWindow w(src, 0);
    if (!w.begin()) {
      std::fprintf(stderr, "edge window: %s\n", w.reason().c_str());
      continue;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    synergy::EnergyWindow r = w.end();
    if (r.valid) watts.push_back(r.average_power_w());
  }
  return watts;
}

// Average power over windows that start and end wherever the clock says (the naive way).
std::vector<double> naive_windows(EnergySource& src, int windows, double seconds) {
  std::vector<double> watts;
  for (int i = 0; i < windows; ++i) {
    synergy::EnergyReading a = src.read();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    synergy::EnergyReading b = src.read();
    if (!a.valid[0] || !b.valid[0]) continue;
    watts.push_back((b.energy_j[0] - a.energy_j[0]) /
                    (static_cast<double>(b.t_ns - a.t_ns) * 1e-9));
  }
  return watts;
}

pid_t start_load(char** argv) {
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv, environ) != 0) {
    std::fprintf(stderr, "cannot start load %s\n", argv[0]);
    return -1;
  }
  return pid;
}

void measure_costs(synergy::SourceOptions o) {
  auto energy = synergy::make_energy_source("nvml", o);
  auto power = synergy::make_energy_source("nvml:power", o);
  synergy::ReadCost ce = synergy::measure_read_cost(*energy, 50);
  synergy::ReadCost cp = synergy::measure_read_cost(*power, 200);
  std::printf("%-34s mean %.1f us  min %.1f us  n %d\n", "read cost, energy counter + power",
              ce.mean_ns * 1e-3, ce.min_ns * 1e-3, ce.reads);
  std::printf("%-34s mean %.1f us  min %.1f us  n %d\n", "read cost, instant power field",
              cp.mean_ns * 1e-3, cp.min_ns * 1e-3, cp.reads);
  synergy::UpdatePeriod pe = synergy::measure_update_period(*energy, 0, 3'000'000'000);
  synergy::UpdatePeriod pp = synergy::measure_update_period(*power, 0, 3'000'000'000, 200'000);
  std::printf("%-34s %.2f ms over %d changes\n", "update period, energy counter", pe.mean_ns * 1e-6,
              pe.changes);
  std::printf("%-34s %.2f ms over %d changes\n", "update period, instant power", pp.mean_ns * 1e-6,
              pp.changes);
}

}  // namespace

int main(int argc, char** argv) {
  int windows = 8;
  double seconds = 1.0;
  char** load = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--windows") && i + 1 < argc)
      windows = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--window-s") && i + 1 < argc)
      seconds = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--") && i + 1 < argc) {
      load = argv + i + 1;
      break;
    }
  }
  synergy::SourceOptions o;
  auto src = synergy::make_energy_source("nvml", o);
  if (!src->availability().available) {
    std::fprintf(stderr, "nvml unavailable: %s\n", src->availability().reason.c_str());
    return 3;
  }
  for (const auto& [k, v] : src->context()) std::printf("%-34s %s\n", k.c_str(), v.c_str());
  measure_costs(o);
  print("idle power, edge-aligned windows", spread(edge_windows(*src, windows, seconds)), "W");
  print("idle power, naive windows", spread(naive_windows(*src, windows, seconds)), "W");
  if (load == nullptr) return 0;
  pid_t pid = start_load(load);
  if (pid < 0) return 1;
  std::this_thread::sleep_for(std::chrono::seconds(2));  // let clocks and power settle
  print("load power, edge-aligned windows", spread(edge_windows(*src, windows, seconds)), "W");
  print("load power, naive windows", spread(naive_windows(*src, windows, seconds)), "W");
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  return 0;
}
