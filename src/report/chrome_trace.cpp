#include "report/chrome_trace.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "util/json_number.hpp"

namespace synergy {

using nlohmann::json;

namespace {

constexpr int kPid = 1;
constexpr int kLayerTid = 1;

int64_t origin_of(const TraceExport& d) {
  int64_t origin =
      d.timeline && !d.timeline->iterations.empty() ? d.timeline->start_ns() : INT64_MAX;
  for (const auto& p : d.power)
    if (!p.intervals.empty()) origin = std::min(origin, p.intervals.front().start_ns);
  return origin == INT64_MAX ? 0 : origin;
}

// Microseconds since the origin, rounded to the nanosecond.
double us(int64_t t_ns, int64_t origin) {
  return static_cast<double>(t_ns - origin) * 1e-3;
}

void add_metadata(json& events, const TraceExport& d) {
  events.push_back(
      {{"name", "process_name"}, {"ph", "M"}, {"pid", kPid}, {"args", {{"name", d.title}}}});
  events.push_back({{"name", "thread_name"},
                    {"ph", "M"},
                    {"pid", kPid},
                    {"tid", kLayerTid},
                    {"args", {{"name", "layers"}}}});
}

json layer_args(const LayerSliceArgs& a) {
  json j = {{"shapes", a.shapes}, {"macs", a.macs}, {"min_traffic_bytes", a.min_traffic_bytes}};
  if (!a.fused_into.empty()) j["fused_into"] = a.fused_into;
  if (a.energy_mj) {
    j["energy_mJ"] = json_number(*a.energy_mj);
    j["energy_95ci_mJ"] = json_number(a.energy_uncertainty_mj);
  }
  if (a.power_w) j["power_W"] = json_number(*a.power_w);
  return j;
}

void add_slices(json& events, const LayerTimeline& tl, const std::vector<LayerSliceArgs>& extra,
                int64_t origin) {
  for (size_t i = 0; i < tl.iterations.size(); ++i) {
    const auto& it = tl.iterations[i];
    events.push_back({{"name", "inference " + std::to_string(i)},
                      {"cat", "iteration"},
                      {"ph", "X"},
                      {"ts", us(it.start_ns, origin)},
                      {"dur", us(it.end_ns, it.start_ns)},
                      {"pid", kPid},
                      {"tid", kLayerTid}});
    for (const auto& s : it.layers) {
      const auto l = static_cast<size_t>(s.layer);
      json args = {{"iteration", i}, {"layer", s.layer}};
      if (l < tl.layer_types.size()) args["type"] = tl.layer_types[l];
      if (l < extra.size()) args.update(layer_args(extra[l]));
      events.push_back({{"name", tl.layer_names.at(l)},
                        {"cat", "layer"},
                        {"ph", "X"},
                        {"ts", us(s.start_ns, origin)},
                        {"dur", us(s.end_ns, s.start_ns)},
                        {"pid", kPid},
                        {"tid", kLayerTid},
                        {"args", args}});
    }
  }
}

void add_power_track(json& events, const PowerTrack& track, int64_t origin) {
  const auto& intervals = track.intervals;
  if (intervals.empty()) return;
  const std::string name = "power W " + track.label;
  auto point = [&](int64_t t, double w) {
    events.push_back({{"name", name},
                      {"ph", "C"},
                      {"ts", us(t, origin)},
                      {"pid", kPid},
                      {"args", {{"W", json_number(w)}}}});
  };
  for (const auto& iv : intervals) point(iv.start_ns, iv.power_w);
  point(intervals.back().end_ns, intervals.back().power_w);
}

}  // namespace

std::vector<LayerSliceArgs> layer_slice_args(const ResultRecord& record) {
  std::vector<LayerSliceArgs> args;
  for (const LayerResult& r : record.layers) {
    LayerSliceArgs a;
    a.shapes = r.shapes;
    a.macs = r.macs;
    a.min_traffic_bytes = r.min_traffic_bytes;
    a.fused_into = r.fused_into;
    if (r.energy) {
      a.energy_mj = r.energy->energy_j * 1e3;
      a.energy_uncertainty_mj = r.energy->energy_uncertainty_j * 1e3;
      a.power_w = r.energy->power_w;
    }
    args.push_back(std::move(a));
  }
  return args;
}

void write_chrome_trace(std::ostream& out, const TraceExport& d) {
  const int64_t origin = origin_of(d);
  json events = json::array();
  add_metadata(events, d);
  if (d.timeline) add_slices(events, *d.timeline, d.layers, origin);
  for (const auto& p : d.power) add_power_track(events, p, origin);
  const json doc = {
      {"traceEvents", events},
      {"displayTimeUnit", "ns"},
      {"otherData", {{"title", d.title}, {"clock", "CLOCK_MONOTONIC"}, {"origin_ns", origin}}}};
  out << doc.dump() << "\n";
}

}  // namespace synergy
