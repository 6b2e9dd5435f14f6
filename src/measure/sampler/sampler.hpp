// A background thread that polls one energy source into a timestamped ring buffer, and measures
// what the polling costs (CPU time of its thread, time per read).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "measure/energy_source.hpp"
#include "measure/sampler/ring_buffer.hpp"

namespace synergy {

struct SamplerOptions {
  int64_t period_ns = 0;     // 0: adapted to the source (default_poll_period_ns)
  size_t capacity = 65'536;  // readings kept; the oldest are dropped beyond it
};

struct SamplerCost {
  int64_t wall_ns = 0;        // time the sampler ran
  int64_t thread_cpu_ns = 0;  // CPU time its thread used
  int64_t reads = 0;
  double mean_read_ns = 0;  // wall time of one source read
  double cpu_fraction() const {
    return wall_ns > 0 ? static_cast<double>(thread_cpu_ns) / static_cast<double>(wall_ns) : 0;
  }
};

// Poll often enough to see every update of the sensor (10 per declared period), but never so
// often that reading costs more than 2 % of one core. 10 ms when the period is unknown.
int64_t default_poll_period_ns(int64_t declared_update_period_ns, int64_t read_cost_ns);

// While it runs, the sampler is the only reader of its source (sources are not thread-safe).
// For a sensor whose energy counter is costly to read (NVML: ~4 ms), sample the cheap power
// reading ("nvml:power") here and read the counter only at window edges through a second source
// (windows/edge_window.hpp).
class Sampler {
 public:
  Sampler(EnergySource& source, SamplerOptions options);
  ~Sampler();
  Sampler(const Sampler&) = delete;
  Sampler& operator=(const Sampler&) = delete;

  void start();  // clears earlier samples
  void stop();   // waits for the thread; samples stay readable
  bool running() const { return running_; }
  int64_t period_ns() const { return period_ns_; }

  std::vector<EnergyReading> samples() const;                    // oldest first
  std::vector<EnergyReading> samples_since(int64_t t_ns) const;  // those read at or after t
  size_t dropped() const;
  SamplerCost cost() const;

 private:
  void loop();

  EnergySource& source_;
  int64_t period_ns_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  RingBuffer<EnergyReading> ring_;
  SamplerCost cost_;
  std::atomic<bool> stop_requested_{false};
  bool running_ = false;
  std::thread thread_;
};

}  // namespace synergy
