#include "profile/layer_recorder.hpp"

#include <algorithm>
#include <limits>

#include "measure/counters/thread_counters.hpp"
#include "util/clock.hpp"

namespace synergy {

LayerRecorder::LayerRecorder(size_t layers, size_t reserve_iterations, ThreadCounters* counters,
                             size_t counter_events)
    : layers_(layers),
      counters_(counters),
      events_(counters ? counter_events : 0),
      counter_start_(events_, 0.0),
      counter_sums_(layers, std::vector<double>(events_, 0.0)) {
  iterations_.reserve(reserve_iterations);
  current_.layers.reserve(layers);
}

LayerRecorder::~LayerRecorder() = default;

void LayerRecorder::before_run() {
  current_.layers.clear();
  current_.start_ns = now_ns();
}

void LayerRecorder::after_run() {
  current_.end_ns = now_ns();
  if (!current_.layers.empty())  // device times map onto the host clock within a few µs
    current_.end_ns = std::max(current_.end_ns, current_.layers.back().end_ns);
  iterations_.push_back(current_);
  if (counters_) ++counted_iterations_;
}

void LayerRecorder::before_layer(size_t) {
  if (counters_) {
    const CounterValues v = counters_->read();
    for (size_t e = 0; e < events_ && e < v.value.size(); ++e) counter_start_[e] = v.value[e];
  }
  layer_start_ = now_ns();
}

void LayerRecorder::after_layer(size_t layer) {
  const int64_t end = now_ns();
  current_.layers.push_back({static_cast<int32_t>(layer), layer_start_, end});
  if (!counters_ || layer >= layers_) return;
  const CounterValues v = counters_->read();
  for (size_t e = 0; e < events_; ++e) {
    const double now = e < v.value.size() ? v.value[e] : std::numeric_limits<double>::quiet_NaN();
    counter_sums_[layer][e] += now - counter_start_[e];  // NaN stays NaN: unavailable
  }
}

void LayerRecorder::device_spans(std::span<const DeviceLayerSpan> spans) {
  current_.layers.clear();
  for (const DeviceLayerSpan& s : spans)
    current_.layers.push_back({static_cast<int32_t>(s.layer), s.start_ns, s.end_ns});
  if (!spans.empty()) current_.start_ns = std::min(current_.start_ns, spans.front().start_ns);
}

void LayerRecorder::take_iterations(LayerTimeline& timeline) {
  timeline.iterations = std::move(iterations_);
  iterations_.clear();
}

void LayerRecorder::clear() {
  iterations_.clear();
  for (auto& row : counter_sums_) std::fill(row.begin(), row.end(), 0.0);
  counted_iterations_ = 0;
}

}  // namespace synergy
