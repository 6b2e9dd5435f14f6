// Per-layer wall time on the shared monotonic clock (synergy::now_ns), one sample per run. On an
// asynchronous backend (GPU) a layer's time is its device interval, not its enqueue time.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/observer.hpp"

namespace synergy {

class TimingObserver : public DeviceTimeObserver {
 public:
  // Observes every layer of a graph with `layers` nodes; capacity for `runs` runs is reserved
  // so that recording never allocates.
  TimingObserver(size_t layers, size_t runs);

  bool wants(const Graph&, size_t) const override { return true; }
  void before_layer(size_t layer) override;
  void after_layer(size_t layer) override;
  void before_run() override;
  void after_run() override;
  void device_spans(std::span<const DeviceLayerSpan> spans) override;

  // ns per layer (index) per recorded run (inner index); runs beyond the reserve are dropped.
  const std::vector<std::vector<int64_t>>& layer_ns() const { return layer_ns_; }
  const std::vector<int64_t>& run_ns() const { return run_ns_; }
  void clear();

 private:
  size_t capacity_;
  std::vector<int64_t> start_;
  std::vector<std::vector<int64_t>> layer_ns_;
  std::vector<int64_t> run_ns_;
  int64_t run_start_ = 0;
  bool recording_ = false;
};

}  // namespace synergy
