#include "profile/result_record.hpp"

#include <cmath>

#include "engine/engine.hpp"
#include "engine/threads.hpp"
#include "graph/cost.hpp"
#include "measure/energy_source.hpp"
#include "profile/network_energy.hpp"
#include "result/context.hpp"

namespace synergy {

namespace {

void fill_network(ResultRecord& r, const ProfileOutcome& o) {
  r.network.time_ns = o.network_time.summary;
  r.network.iterations_per_sample = o.network_time.iterations_per_sample;
  r.network.stop_reason = o.network_time.reason;
  if (!o.network_energy) return;
  r.network.energy_j = o.network_energy->summary;
  if (!o.idle_power_w || !std::isfinite(*o.idle_power_w)) return;
  const EnergySplit s =
      split_energy(o.network_energy->summary.mean, o.network_time.summary.mean, *o.idle_power_w);
  r.network.idle_power_w = *o.idle_power_w;
  r.network.static_energy_j = s.static_j;
  r.network.dynamic_energy_j = s.dynamic_j;
}

void fill_layer_energy(LayerResult& l, const Attribution& a) {
  if (static_cast<size_t>(l.index) >= a.layers.size()) return;
  const auto& la = a.layers[static_cast<size_t>(l.index)];
  if (!la.note.empty()) l.note = la.note;
  if (!la.measured) return;
  l.energy = EnergyEstimate{
      a.method,  la.energy_j, la.energy_uncertainty_j, la.power_w, la.power_uncertainty_w,
      la.samples};
}

void fill_layers(ResultRecord& r, const ProfileOutcome& o) {
  for (size_t i = 0; i < o.layer_names.size(); ++i) {
    LayerResult l;
    l.index = static_cast<int32_t>(i);
    l.name = o.layer_names[i];
    l.type = i < o.layer_types.size() ? o.layer_types[i] : "";
    if (i < o.layer_time_ns.size()) l.time_ns = o.layer_time_ns[i];
    if (o.attribution) fill_layer_energy(l, *o.attribution);
    if (i < o.fused_into.size() && o.fused_into[i] >= 0) {
      l.fused_into = o.layer_names.at(static_cast<size_t>(o.fused_into[i]));
      l.note = "fused into " + l.fused_into + ": counted there";
    }
    if (i < o.algorithms.size() && !o.algorithms[i].empty()) {
      l.algorithm = o.algorithms[i];
      if (l.note.empty())
        l.note = l.algorithm + " kernel: fewer multiplications than the MACs counted";
    }
    if (i < o.views.size() && o.views[i]) {
      l.view = true;
      l.note = "view of its input: no kernel, no data moved";
    }
    if (i < o.layer_counters.size()) {
      for (size_t e = 0; e < o.counter_events.size() && e < o.layer_counters[i].size(); ++e) {
        const double v = o.layer_counters[i][e];
        if (!std::isfinite(v)) continue;  // unavailable: absent, never zero
        l.counters[o.counter_events[e]] = v;
        r.network.counters[o.counter_events[e]] += v;
      }
    }
    r.layers.push_back(std::move(l));
  }
}

}  // namespace

ResultRecord make_record(const std::string& model, const ProfileOutcome& o, RunContext context) {
  ResultRecord r;
  r.model = model;
  for (const auto& e : o.counter_events) {
    if (auto u = o.counter_unavailable.find(e); u != o.counter_unavailable.end()) {
      context.counters_unavailable[e] = u->second;
      continue;
    }
    context.counters.push_back(e);
    if (auto p = o.counter_provenance.find(e); p != o.counter_provenance.end())
      context.counter_provenance[e] = p->second;
  }
  if (o.poll_period_ns > 0) context.sensor_poll_period_ns = o.poll_period_ns;
  r.context = std::move(context);
  fill_network(r, o);
  if (o.layers_timed) fill_layers(r, o);
  if (o.attribution) {
    r.attribution = o.attribution->method;
    r.uncertainty_kind = o.attribution->uncertainty_kind;
    if (o.closure)
      r.closure = ClosureResult{o.closure->layers_j, o.closure->network_j,
                                o.closure->difference_pct, o.closure->basis};
  }
  r.overhead_pct = o.overhead_pct;
  r.warnings = context_warnings(r.context);
  r.warnings.insert(r.warnings.end(), o.warnings.begin(), o.warnings.end());
  if (o.attribution)
    r.warnings.insert(r.warnings.end(), o.attribution->warnings.begin(),
                      o.attribution->warnings.end());
  r.sensor_faults = o.sensor_health.lines(o.start_ns);
  r.cpu_share = o.cpu_share;
  if (!o.energy_failure.empty()) {  // the header must not say "measured" over no figure
    r.context.energy_unavailable_reason =
        r.context.energy_source + "/" + r.context.energy_domain + ": " + o.energy_failure;
    r.context.energy_provenance.reset();
  }
  r.partial = o.partial;
  return r;
}

RunContext profile_context(const Engine& e, const EnergySetup& energy,
                           const std::string& unavailable) {
  RunContext c = machine_context();
  c.backend = e.backend().name();
  for (const auto& [library, version] : e.backend().libraries()) c.libraries[library] = version;
  c.threads = resolve_threads(e.context());
  c.batch = e.graph().batch();
  c.precision = precision_name(e.context().precision);
  c.cuda_graph = e.context().cuda_graph;
#ifdef NDEBUG
  c.build_type = "Release";
#else
  c.build_type = "Debug";
#endif
  if (!energy.source) {
    c.energy_source = "none";
    c.energy_provenance.reset();
    c.energy_unavailable_reason = unavailable;
    return c;
  }
  EnergySource& s = *energy.source;  // context() may read the device
  c.energy_source = s.name();
  c.energy_domain = s.domains().at(energy.domain).name;
  c.energy_provenance = s.provenance();
  c.sensor_update_period_ns = s.declared_update_period_ns();
  for (const auto& [k, v] : s.context()) c.device[k] = v;
  if (c.device.count("gpu")) c.gpu = c.device["gpu"];
  if (c.device.count("driver")) c.driver = c.device["driver"];
  return c;
}

std::string set_layer_costs(ResultRecord& record, const Graph& g) {
  if (g.nodes.size() != record.layers.size())
    return "it has " + std::to_string(g.nodes.size()) + " layers, the run " +
           std::to_string(record.layers.size());
  for (size_t l = 0; l < g.nodes.size(); ++l)
    if (g.nodes[l].name != record.layers[l].name)
      return "its layer " + std::to_string(l) + " is " + g.nodes[l].name + ", the run's is " +
             record.layers[l].name;
  const NetworkCost cost = analyze(g, value_bytes(record.context.precision));
  auto shapes = [&g](const std::vector<ValueId>& values) {
    std::string s;
    for (ValueId v : values) s += (s.empty() ? "" : ", ") + g.shape(v).str();
    return s;
  };
  for (size_t l = 0; l < g.nodes.size(); ++l) {
    LayerResult& r = record.layers[l];
    r.shapes = shapes(g.nodes[l].inputs) + " -> " + shapes(g.nodes[l].outputs);
    r.macs = cost.layers[l].cost.macs;
    r.min_traffic_bytes = cost.layers[l].cost.min_traffic_bytes();
  }
  return "";
}

}  // namespace synergy
