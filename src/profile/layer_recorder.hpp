// Records the layer timeline on the shared clock and, optionally, counter deltas per layer.
// Storage for the spans is reserved up front so that recording does not allocate. On an
// asynchronous backend (GPU) the device intervals it reports replace the host's enqueue times.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/observer.hpp"
#include "result/timeline.hpp"

namespace synergy {

class ThreadCounters;
struct CounterValues;

class LayerRecorder : public DeviceTimeObserver {
 public:
  // `counters` (optional, not owned) is read at every layer boundary.
  LayerRecorder(size_t layers, size_t reserve_iterations, ThreadCounters* counters = nullptr,
                size_t counter_events = 0);
  ~LayerRecorder() override;

  bool wants(const Graph&, size_t) const override { return true; }
  void before_layer(size_t layer) override;
  void after_layer(size_t layer) override;
  void before_run() override;
  void after_run() override;
  void device_spans(std::span<const DeviceLayerSpan> spans) override;

  // Moves the recorded iterations into `timeline` (names must be set by the caller).
  void take_iterations(LayerTimeline& timeline);
  size_t iterations() const { return iterations_.size(); }
  // Per layer, per event: the summed delta over every recorded iteration (NaN: unavailable).
  const std::vector<std::vector<double>>& counter_sums() const { return counter_sums_; }
  int64_t counted_iterations() const { return counted_iterations_; }
  void clear();

 private:
  size_t layers_;
  std::vector<IterationRecord> iterations_;
  IterationRecord current_;
  int64_t layer_start_ = 0;
  ThreadCounters* counters_;
  size_t events_;
  std::vector<double> counter_start_;
  std::vector<std::vector<double>> counter_sums_;
  int64_t counted_iterations_ = 0;
};

}  // namespace synergy
