#include "result/json.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "result/type_summary.hpp"
#include "util/error.hpp"
#include "util/json_number.hpp"

namespace synergy {

using nlohmann::json;

namespace {

json summary_json(const Summary& s) {
  return {{"count", s.count},
          {"mean", json_number(s.mean)},
          {"median", json_number(s.median)},
          {"stddev", json_number(s.stddev)},
          {"cv", json_number(s.cv)},
          {"min", json_number(s.min)},
          {"max", json_number(s.max)},
          {"ci95", json_number(s.ci95)}};
}

Summary summary_of(const json& j) {
  Summary s;
  s.count = j.at("count").get<int64_t>();
  s.mean = number_from_json(j.at("mean"));
  s.median = number_from_json(j.at("median"));
  s.stddev = number_from_json(j.at("stddev"));
  s.cv = number_from_json(j.at("cv"));
  s.min = number_from_json(j.at("min"));
  s.max = number_from_json(j.at("max"));
  s.ci95 = number_from_json(j.at("ci95"));
  return s;
}

template <class T, class F>
json optional_json(const std::optional<T>& v, F&& f) {
  return v ? f(*v) : json(nullptr);
}

template <class T, class F>
std::optional<T> optional_of(const json& j, const char* key, F&& f) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return f(j.at(key));
}

json counters_json(const std::map<std::string, double>& m) {
  json j = json::object();
  for (const auto& [k, v] : m) j[k] = json_number(v);
  return j;
}

std::map<std::string, double> counters_of(const json& j) {
  std::map<std::string, double> m;
  for (const auto& [k, v] : j.items()) m[k] = number_from_json(v);
  return m;
}

json context_json(const RunContext& c) {
  return {{"started_at", c.started_at},
          {"host", c.host},
          {"cpu_model", c.cpu_model},
          {"gpu", c.gpu},
          {"driver", c.driver},
          {"libraries", c.libraries},
          {"device", c.device},
          {"backend", c.backend},
          {"threads", c.threads},
          {"batch", c.batch},
          {"precision", c.precision},
          {"cuda_graph", c.cuda_graph},
          {"build_type", c.build_type},
          {"synergy_version", c.synergy_version},
          {"git_commit", c.git_commit},
          {"governor", c.governor},
          {"openmp_wait", c.openmp_wait},
          {"others_busy_cores",
           c.others_busy_cores < 0 ? json(nullptr) : json_number(c.others_busy_cores)},
          {"energy_source", c.energy_source},
          {"energy_domain", c.energy_domain},
          {"energy_provenance", provenance_key(c.energy_provenance)},
          {"energy_unavailable_reason", c.energy_unavailable_reason},
          {"sensor_update_period_ns", c.sensor_update_period_ns},
          {"sensor_poll_period_ns", c.sensor_poll_period_ns},
          {"counters", c.counters},
          {"counters_unavailable", c.counters_unavailable},
          {"counter_provenance", c.counter_provenance}};
}

RunContext context_of(const json& j) {
  RunContext c;
  j.at("started_at").get_to(c.started_at);
  j.at("host").get_to(c.host);
  j.at("cpu_model").get_to(c.cpu_model);
  j.at("gpu").get_to(c.gpu);
  j.at("driver").get_to(c.driver);
  j.at("libraries").get_to(c.libraries);
  j.at("device").get_to(c.device);
  j.at("backend").get_to(c.backend);
  j.at("threads").get_to(c.threads);
  j.at("batch").get_to(c.batch);
  c.precision = j.value("precision", std::string("fp32"));  // absent in older records
  c.cuda_graph = j.value("cuda_graph", false);
  j.at("build_type").get_to(c.build_type);
  j.at("synergy_version").get_to(c.synergy_version);
  j.at("git_commit").get_to(c.git_commit);
  j.at("governor").get_to(c.governor);
  c.openmp_wait = j.value("openmp_wait", std::string());  // absent in older records
  if (j.contains("others_busy_cores") && !j.at("others_busy_cores").is_null())
    c.others_busy_cores = number_from_json(j.at("others_busy_cores"));
  j.at("energy_source").get_to(c.energy_source);
  j.at("energy_domain").get_to(c.energy_domain);
  c.energy_provenance = parse_provenance_key(j.at("energy_provenance").get<std::string>());
  j.at("energy_unavailable_reason").get_to(c.energy_unavailable_reason);
  j.at("sensor_update_period_ns").get_to(c.sensor_update_period_ns);
  j.at("sensor_poll_period_ns").get_to(c.sensor_poll_period_ns);
  j.at("counters").get_to(c.counters);
  j.at("counters_unavailable").get_to(c.counters_unavailable);
  if (j.contains("counter_provenance")) j.at("counter_provenance").get_to(c.counter_provenance);
  return c;
}

json energy_json(const EnergyEstimate& e) {
  return {{"method", attribution_method_name(e.method)},
          {"energy_j", json_number(e.energy_j)},
          {"energy_uncertainty_j", json_number(e.energy_uncertainty_j)},
          {"power_w", json_number(e.power_w)},
          {"power_uncertainty_w", json_number(e.power_uncertainty_w)},
          {"samples", e.samples}};
}

EnergyEstimate energy_of(const json& j) {
  EnergyEstimate e;
  e.method = parse_attribution_method(j.at("method").get<std::string>());
  e.energy_j = number_from_json(j.at("energy_j"));
  e.energy_uncertainty_j = number_from_json(j.at("energy_uncertainty_j"));
  e.power_w = number_from_json(j.at("power_w"));
  e.power_uncertainty_w = number_from_json(j.at("power_uncertainty_w"));
  j.at("samples").get_to(e.samples);
  return e;
}

json layer_json(const LayerResult& l) {
  return {{"index", l.index},
          {"name", l.name},
          {"type", l.type},
          {"time_ns", summary_json(l.time_ns)},
          {"energy", optional_json(l.energy, energy_json)},
          {"counters", counters_json(l.counters)},
          {"note", l.note},
          {"fused_into", l.fused_into},
          {"view", l.view},
          {"algorithm", l.algorithm},
          {"shapes", l.shapes},
          {"macs", l.macs},
          {"min_traffic_bytes", l.min_traffic_bytes}};
}

LayerResult layer_of(const json& j) {
  LayerResult l;
  j.at("index").get_to(l.index);
  j.at("name").get_to(l.name);
  j.at("type").get_to(l.type);
  l.time_ns = summary_of(j.at("time_ns"));
  l.energy = optional_of<EnergyEstimate>(j, "energy", energy_of);
  l.counters = counters_of(j.at("counters"));
  j.at("note").get_to(l.note);
  if (j.contains("fused_into")) j.at("fused_into").get_to(l.fused_into);
  if (j.contains("view")) j.at("view").get_to(l.view);
  if (j.contains("algorithm")) j.at("algorithm").get_to(l.algorithm);
  if (j.contains("shapes")) j.at("shapes").get_to(l.shapes);
  if (j.contains("macs")) j.at("macs").get_to(l.macs);
  if (j.contains("min_traffic_bytes")) j.at("min_traffic_bytes").get_to(l.min_traffic_bytes);
  return l;
}

json top_outputs_json(const TopOutputs& t) {
  json images = json::array();
  for (const auto& image : t.images) {
    json best = json::array();
    for (const auto& [index, value] : image)
      best.push_back({{"index", index}, {"value", json_number(value)}});
    images.push_back(best);
  }
  return {{"output", t.output}, {"images", images}};
}

TopOutputs top_outputs_of(const json& j) {
  TopOutputs t;
  j.at("output").get_to(t.output);
  for (const auto& image : j.at("images")) {
    auto& best = t.images.emplace_back();
    for (const auto& e : image)
      best.emplace_back(e.at("index").get<int64_t>(), number_from_json(e.at("value")));
  }
  return t;
}

json network_json(const NetworkResult& n) {
  auto plain = [](double v) { return json_number(v); };
  return {{"time_ns", summary_json(n.time_ns)},
          {"energy_j", optional_json(n.energy_j, summary_json)},
          {"idle_power_w", optional_json(n.idle_power_w, plain)},
          {"static_energy_j", optional_json(n.static_energy_j, plain)},
          {"dynamic_energy_j", optional_json(n.dynamic_energy_j, plain)},
          {"iterations_per_sample", n.iterations_per_sample},
          {"stop_reason", stop_reason_name(n.stop_reason)},
          {"counters", counters_json(n.counters)},
          {"relative_l2_error_vs_fp32", optional_json(n.error_vs_fp32, plain)},
          {"top_k", optional_json(n.top_outputs, top_outputs_json)}};
}

NetworkResult network_of(const json& j) {
  NetworkResult n;
  n.time_ns = summary_of(j.at("time_ns"));
  n.energy_j = optional_of<Summary>(j, "energy_j", summary_of);
  n.idle_power_w = optional_of<double>(j, "idle_power_w", number_from_json);
  n.static_energy_j = optional_of<double>(j, "static_energy_j", number_from_json);
  n.dynamic_energy_j = optional_of<double>(j, "dynamic_energy_j", number_from_json);
  j.at("iterations_per_sample").get_to(n.iterations_per_sample);
  n.stop_reason = parse_stop_reason(j.at("stop_reason").get<std::string>());
  n.counters = counters_of(j.at("counters"));
  n.error_vs_fp32 = optional_of<double>(j, "relative_l2_error_vs_fp32", number_from_json);
  n.top_outputs = optional_of<TopOutputs>(j, "top_k", top_outputs_of);
  return n;
}

json closure_json(const ClosureResult& c) {
  return {{"layers_j", json_number(c.layers_j)},
          {"network_j", json_number(c.network_j)},
          {"difference_pct", json_number(c.difference_pct)},
          {"basis", c.basis}};
}

ClosureResult closure_of(const json& j) {
  return {number_from_json(j.at("layers_j")), number_from_json(j.at("network_j")),
          number_from_json(j.at("difference_pct")), j.value("basis", std::string())};
}

// Times in seconds, shares as fractions; null where the kernel does not report it.
json cpu_share_json(const PhaseCpuShare& p) {
  const CpuShare& c = p.share;
  auto seconds = [](int64_t ns) { return json(static_cast<double>(ns) * 1e-9); };
  auto fraction = [](double f) { return json_number(f); };
  return {{"phase", p.phase},
          {"wall_s", seconds(c.wall_ns)},
          {"ran_s", optional_json(c.ran_ns, seconds)},
          {"waited_s", optional_json(c.waited_ns, seconds)},
          {"wait_fraction", optional_json(c.wait_fraction(), fraction)},
          {"involuntary_switches", c.involuntary_switches},
          {"cpu_pressure", optional_json(c.pressure, fraction)},
          {"steal", optional_json(c.steal, fraction)}};
}

PhaseCpuShare cpu_share_of(const json& j) {
  PhaseCpuShare p;
  CpuShare& c = p.share;
  auto ns = [](const json& v) { return static_cast<int64_t>(std::llround(v.get<double>() * 1e9)); };
  j.at("phase").get_to(p.phase);
  c.wall_ns = ns(j.at("wall_s"));
  c.ran_ns = optional_of<int64_t>(j, "ran_s", ns);
  c.waited_ns = optional_of<int64_t>(j, "waited_s", ns);
  j.at("involuntary_switches").get_to(c.involuntary_switches);
  c.pressure = optional_of<double>(j, "cpu_pressure", number_from_json);
  c.steal = optional_of<double>(j, "steal", number_from_json);
  return p;
}

}  // namespace

std::string result_to_json(const ResultRecord& r, int indent) {
  json layers = json::array();
  for (const auto& l : r.layers) layers.push_back(layer_json(l));
  json cpu_share = json::array();
  for (const auto& p : r.cpu_share) cpu_share.push_back(cpu_share_json(p));
  // Derived from the layers (not read back): the per-type totals, largest time first.
  json by_type = json::array();
  for (const TypeSummary& t : summarize_by_type(typed_layers(r), TypeOrder::Time))
    by_type.push_back({{"type", t.type},
                       {"layers", t.layers},
                       {"kernels", t.kernels},
                       {"time_ns", json_number(t.time_ms * 1e6)},
                       {"time_share", json_number(t.time_share)},
                       {"energy_j", t.energy_mj ? json_number(*t.energy_mj * 1e-3) : json(nullptr)},
                       {"energy_bound_j",
                        t.energy_mj ? json_number(t.energy_uncertainty_mj * 1e-3) : json(nullptr)},
                       {"kernels_without_energy", t.without_energy}});
  const json j = {
      {"format", "synergy-profile"},
      {"schema_version", r.schema_version},
      {"units",
       {{"*_ns", "nanoseconds per inference (sensor periods: nanoseconds)"},
        {"*_j", "joules per inference"},
        {"*_w", "watts"},
        {"*_s", "seconds"},
        {"*_pct", "percent"},
        {"counters", "events per inference"}}},
      {"model", r.model},
      {"partial", r.partial},
      {"context", context_json(r.context)},
      {"network", network_json(r.network)},
      {"layers", layers},
      {"by_type", by_type},
      {"attribution", attribution_method_name(r.attribution)},
      {"uncertainty_kind", r.uncertainty_kind},
      {"closure", optional_json(r.closure, closure_json)},
      {"overhead_pct", optional_json(r.overhead_pct, [](double v) { return json_number(v); })},
      {"warnings", r.warnings},
      {"sensor_faults", r.sensor_faults},
      {"cpu_share", cpu_share}};
  return j.dump(indent);
}

ResultRecord result_from_json(std::string_view text) {
  try {
    const json j = json::parse(text);
    ResultRecord r;
    j.at("schema_version").get_to(r.schema_version);
    if (r.schema_version > kResultSchemaVersion || r.schema_version < 1)
      throw bad_input("result schema version " + std::to_string(r.schema_version) +
                      " is not supported (this build reads up to " +
                      std::to_string(kResultSchemaVersion) + ")");
    j.at("model").get_to(r.model);
    j.at("partial").get_to(r.partial);
    r.context = context_of(j.at("context"));
    r.network = network_of(j.at("network"));
    for (const auto& l : j.at("layers")) r.layers.push_back(layer_of(l));
    r.attribution = parse_record_attribution(j.at("attribution").get<std::string>());
    j.at("uncertainty_kind").get_to(r.uncertainty_kind);
    r.closure = optional_of<ClosureResult>(j, "closure", closure_of);
    r.overhead_pct = optional_of<double>(j, "overhead_pct", number_from_json);
    j.at("warnings").get_to(r.warnings);
    if (j.contains("sensor_faults")) j.at("sensor_faults").get_to(r.sensor_faults);
    if (j.contains("cpu_share"))
      for (const auto& p : j.at("cpu_share")) r.cpu_share.push_back(cpu_share_of(p));
    return r;
  } catch (const json::exception& e) {
    throw bad_input(std::string("malformed result JSON: ") + e.what());
  }
}

}  // namespace synergy
