#include "result/timeline.hpp"

#include <string>

#include "util/error.hpp"

namespace synergy {

int64_t LayerTimeline::start_ns() const {
  return iterations.empty() ? 0 : iterations.front().start_ns;
}

int64_t LayerTimeline::end_ns() const {
  return iterations.empty() ? 0 : iterations.back().end_ns;
}

std::vector<LayerSpan> LayerTimeline::all_spans() const {
  std::vector<LayerSpan> spans;
  for (const auto& it : iterations) spans.insert(spans.end(), it.layers.begin(), it.layers.end());
  return spans;
}

std::vector<std::vector<double>> LayerTimeline::layer_times_per_iteration() const {
  std::vector<std::vector<double>> times(layer_count(),
                                         std::vector<double>(iterations.size(), 0.0));
  for (size_t i = 0; i < iterations.size(); ++i) {
    for (const auto& s : iterations[i].layers)
      times[static_cast<size_t>(s.layer)][i] += static_cast<double>(s.duration_ns());
  }
  return times;
}

std::vector<double> LayerTimeline::iteration_times() const {
  std::vector<double> t;
  t.reserve(iterations.size());
  for (const auto& it : iterations) t.push_back(static_cast<double>(it.end_ns - it.start_ns));
  return t;
}

void validate_timeline(const LayerTimeline& timeline) {
  const auto n = static_cast<int32_t>(timeline.layer_count());
  int64_t last_end = INT64_MIN;
  for (size_t i = 0; i < timeline.iterations.size(); ++i) {
    const auto& it = timeline.iterations[i];
    const std::string where = "iteration " + std::to_string(i);
    if (it.end_ns < it.start_ns || it.start_ns < last_end)
      throw bad_input(where + " is out of time order");
    int64_t prev = it.start_ns;
    for (const auto& s : it.layers) {
      if (s.layer < 0 || s.layer >= n)
        throw bad_input(where + " names unknown layer " + std::to_string(s.layer));
      if (s.end_ns < s.start_ns || s.start_ns < prev || s.end_ns > it.end_ns)
        throw bad_input(where + ": layer " + std::to_string(s.layer) + " span is out of order");
      prev = s.end_ns;
    }
    last_end = it.end_ns;
  }
}

}  // namespace synergy
