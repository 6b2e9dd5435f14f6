#include "engine/timing_observer.hpp"

#include "util/clock.hpp"

namespace synergy {

TimingObserver::TimingObserver(size_t layers, size_t runs)
    : capacity_(runs), start_(layers, 0), layer_ns_(layers) {
  for (auto& l : layer_ns_) l.reserve(runs);
  run_ns_.reserve(runs);
}

void TimingObserver::before_run() {
  recording_ = run_ns_.size() < capacity_;
  run_start_ = now_ns();
}

void TimingObserver::after_run() {
  const int64_t end = now_ns();
  if (recording_) run_ns_.push_back(end - run_start_);
}

void TimingObserver::before_layer(size_t layer) {
  start_[layer] = now_ns();
}

void TimingObserver::after_layer(size_t layer) {
  const int64_t end = now_ns();
  if (recording_) layer_ns_[layer].push_back(end - start_[layer]);
}

void TimingObserver::device_spans(std::span<const DeviceLayerSpan> spans) {
  if (!recording_) return;
  for (const DeviceLayerSpan& s : spans)
    if (s.layer < layer_ns_.size() && !layer_ns_[s.layer].empty())
      layer_ns_[s.layer].back() = s.end_ns - s.start_ns;
}

void TimingObserver::clear() {
  for (auto& l : layer_ns_) l.clear();
  run_ns_.clear();
}

}  // namespace synergy
