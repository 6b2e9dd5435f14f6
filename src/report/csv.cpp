#include "report/csv.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "util/csv.hpp"

namespace synergy {

namespace {

std::string number(double v) {
  return std::isfinite(v) ? fmt::format("{:.12g}", v) : "";
}

void add_time(std::vector<std::string>& row, const Summary& t) {
  for (double v : {t.mean, t.median, t.stddev, t.min, t.ci95}) row.push_back(number(v));
  row.push_back(std::to_string(t.count));
}

void add_counters(std::vector<std::string>& row, const std::map<std::string, double>& measured,
                  const std::vector<std::string>& counters) {
  for (const auto& c : counters) {
    auto it = measured.find(c);
    row.push_back(it == measured.end() ? std::string() : number(it->second));
  }
}

}  // namespace

std::vector<std::string> csv_counter_columns(const ResultRecord& r) {
  std::set<std::string> counters(r.context.counters.begin(), r.context.counters.end());
  for (const auto& l : r.layers)
    for (const auto& [k, v] : l.counters) counters.insert(k);
  for (const auto& [k, v] : r.network.counters) counters.insert(k);
  return {counters.begin(), counters.end()};
}

void write_csv_header(std::ostream& out, const std::vector<std::string>& counters) {
  std::vector<std::string> h = {"model",
                                "scope",
                                "index",
                                "layer",
                                "type",
                                "fused_into",
                                "view",
                                "time_ns_mean",
                                "time_ns_median",
                                "time_ns_stddev",
                                "time_ns_min",
                                "time_ns_ci95",
                                "time_samples",
                                "energy_j",
                                "energy_uncertainty_j",
                                "power_w",
                                "power_uncertainty_w",
                                "energy_samples",
                                "energy_method",
                                "energy_provenance"};
  h.insert(h.end(), counters.begin(), counters.end());
  h.insert(h.end(), {"backend", "precision", "relative_l2_error_vs_fp32", "partial"});
  write_csv_row(out, h);
}

void write_csv_rows(std::ostream& out, const ResultRecord& r,
                    const std::vector<std::string>& counters) {
  const std::string partial = r.partial ? "true" : "false";
  // The network: energy per inference over its samples, power as that energy over its time.
  std::vector<std::string> net = {r.model, "network", "", "", "", "", "0"};
  add_time(net, r.network.time_ns);
  if (const auto& e = r.network.energy_j) {
    const double seconds = r.network.time_ns.mean * 1e-9;
    for (double v : {e->mean, e->ci95, e->mean / seconds, e->ci95 / seconds})
      net.push_back(number(v));
    net.insert(net.end(), {std::to_string(e->count), "whole network",
                           provenance_key(r.context.energy_provenance)});
  } else {
    net.insert(net.end(), 7, "");
  }
  add_counters(net, r.network.counters, counters);
  const auto& error = r.network.error_vs_fp32;
  net.insert(net.end(),
             {r.context.backend, r.context.precision, error ? number(*error) : "", partial});
  write_csv_row(out, net);
  for (const auto& l : r.layers) {
    std::vector<std::string> row = {r.model, "layer",      std::to_string(l.index), l.name,
                                    l.type,  l.fused_into, l.view ? "1" : "0"};
    add_time(row, l.time_ns);
    if (const auto& e = l.energy) {
      for (double v : {e->energy_j, e->energy_uncertainty_j, e->power_w, e->power_uncertainty_w})
        row.push_back(number(v));
      row.insert(row.end(), {std::to_string(e->samples), attribution_method_name(e->method),
                             provenance_key(r.context.energy_provenance)});
    } else {
      row.insert(row.end(), 7, "");
    }
    add_counters(row, l.counters, counters);
    row.insert(row.end(), {r.context.backend, r.context.precision, "", partial});
    write_csv_row(out, row);
  }
}

void write_layers_csv(std::ostream& out, const ResultRecord& record) {
  const auto counters = csv_counter_columns(record);
  write_csv_header(out, counters);
  write_csv_rows(out, record, counters);
}

}  // namespace synergy
