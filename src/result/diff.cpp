#include "result/diff.hpp"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "util/json_number.hpp"

namespace synergy {

using nlohmann::json;

double Difference::relative_pct() const {
  return a != 0.0 ? 100.0 * delta() / a : std::nan("");
}

bool Difference::significant() const {
  return std::isfinite(half_width) && std::fabs(delta()) > half_width;
}

namespace {

double combined(double ha, double hb) {
  if (!std::isfinite(ha) || !std::isfinite(hb)) return INFINITY;
  return std::hypot(ha, hb);
}

Difference of_summaries(const Summary& a, const Summary& b) {
  return {a.mean, b.mean, combined(a.ci95, b.ci95)};
}

// A layer's energy per inference is its power times its mean time: its half-width holds the
// power's and the time's (the record states the power's alone beside the time's own interval).
double energy_half_width(const LayerResult& l) {
  const double e = l.energy->energy_j;
  const double time_part = l.time_ns.mean > 0.0 ? e * l.time_ns.ci95 / l.time_ns.mean : INFINITY;
  return combined(l.energy->energy_uncertainty_j, time_part);
}

std::optional<Difference> of_energy(const LayerResult& a, const LayerResult& b) {
  if (!a.energy || !b.energy) return std::nullopt;
  return Difference{a.energy->energy_j, b.energy->energy_j,
                    combined(energy_half_width(a), energy_half_width(b))};
}

std::vector<std::string> context_changes(const ResultRecord& a, const ResultRecord& b) {
  const RunContext& x = a.context;
  const RunContext& y = b.context;
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> fields = {
      {"model", {a.model, b.model}},
      {"host", {x.host, y.host}},
      {"cpu", {x.cpu_model, y.cpu_model}},
      {"gpu", {x.gpu, y.gpu}},
      {"driver", {x.driver, y.driver}},
      {"backend", {x.backend, y.backend}},
      {"threads", {std::to_string(x.threads), std::to_string(y.threads)}},
      {"batch", {std::to_string(x.batch), std::to_string(y.batch)}},
      {"precision", {x.precision, y.precision}},
      {"cuda graph", {x.cuda_graph ? "yes" : "no", y.cuda_graph ? "yes" : "no"}},
      {"governor", {x.governor, y.governor}},
      {"energy source",
       {x.energy_source + " " + x.energy_domain, y.energy_source + " " + y.energy_domain}},
      {"energy provenance",
       {provenance_key(x.energy_provenance), provenance_key(y.energy_provenance)}},
      {"attribution",
       {attribution_method_name(a.attribution), attribution_method_name(b.attribution)}},
      {"synergy", {x.synergy_version + " " + x.git_commit, y.synergy_version + " " + y.git_commit}},
      {"complete", {a.partial ? "partial" : "complete", b.partial ? "partial" : "complete"}}};
  std::vector<std::string> out;
  for (const auto& [name, v] : fields)
    if (v.first != v.second) out.push_back(name + ": " + v.first + " -> " + v.second);
  for (const auto& [lib, version] : x.libraries) {
    const auto it = y.libraries.find(lib);
    const std::string other = it == y.libraries.end() ? "(none)" : it->second;
    if (other != version) out.push_back(lib + ": " + version + " -> " + other);
  }
  for (const auto& [lib, version] : y.libraries)
    if (!x.libraries.contains(lib)) out.push_back(lib + ": (none) -> " + version);
  return out;
}

json difference_json(const Difference& d, double scale) {
  return {{"a", json_number(d.a * scale)},
          {"b", json_number(d.b * scale)},
          {"delta", json_number(d.delta() * scale)},
          {"half_width_95", json_number(d.half_width * scale)},
          {"delta_pct", json_number(d.relative_pct())},
          {"significant", d.significant()}};
}

json optional_difference(const std::optional<Difference>& d, double scale) {
  return d ? difference_json(*d, scale) : json(nullptr);
}

// A layer's kernel algorithm as a diff names it ("direct" where the record says none).
std::string algorithm_name(const LayerResult& l) {
  return l.algorithm.empty() ? "direct" : l.algorithm;
}

}  // namespace

RunDiff diff_runs(const ResultRecord& a, const ResultRecord& b) {
  RunDiff d;
  d.model_a = a.model;
  d.model_b = b.model;
  d.network_time_ns = of_summaries(a.network.time_ns, b.network.time_ns);
  if (a.network.energy_j && b.network.energy_j)
    d.network_energy_j = of_summaries(*a.network.energy_j, *b.network.energy_j);
  d.context_changes = context_changes(a, b);
  std::map<std::string, const LayerResult*> in_b;
  for (const auto& l : b.layers) in_b.emplace(l.name, &l);
  for (const auto& la : a.layers) {
    LayerDiff ld{la.name, la.type, true, false, std::nullopt, std::nullopt, ""};
    if (const auto it = in_b.find(la.name); it != in_b.end()) {
      const LayerResult& lb = *it->second;
      ld.in_b = true;
      if (la.time_ns.count > 0 && lb.time_ns.count > 0)
        ld.time_ns = of_summaries(la.time_ns, lb.time_ns);
      ld.energy_j = of_energy(la, lb);
      if (la.type != lb.type) ld.note = "type " + la.type + " -> " + lb.type;
      if (la.algorithm != lb.algorithm)
        ld.note += std::string(ld.note.empty() ? "" : "; ") + "algorithm " + algorithm_name(la) +
                   " -> " + algorithm_name(lb);
      in_b.erase(it);
    }
    d.layers.push_back(ld);
  }
  for (const auto& lb : b.layers)
    if (in_b.contains(lb.name))
      d.layers.push_back({lb.name, lb.type, false, true, std::nullopt, std::nullopt, ""});
  return d;
}

std::string diff_to_json(const RunDiff& d, int indent) {
  json layers = json::array();
  for (const auto& l : d.layers)
    layers.push_back({{"name", l.name},
                      {"type", l.type},
                      {"in_a", l.in_a},
                      {"in_b", l.in_b},
                      {"time_ms", optional_difference(l.time_ns, 1e-6)},
                      {"energy_mj", optional_difference(l.energy_j, 1e3)},
                      {"note", l.note}});
  const json j = {
      {"format", "synergy-diff"},
      {"schema_version", 1},
      {"units", {{"time", "ms per inference"}, {"energy", "mJ per inference"}}},
      {"interval",
       "95 % half-width of B - A: the runs' own 95 % half-widths combined as independent"},
      {"model_a", d.model_a},
      {"model_b", d.model_b},
      {"context_changes", d.context_changes},
      {"network",
       {{"time_ms", difference_json(d.network_time_ns, 1e-6)},
        {"energy_mj", optional_difference(d.network_energy_j, 1e3)}}},
      {"layers", layers}};
  return j.dump(indent);
}

}  // namespace synergy
