#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include <fmt/format.h>

#include "report/type_table.hpp"

namespace synergy {

namespace {

std::string provenance_words(Provenance p) {
  switch (p) {
    case Provenance::EnergyCounter:
      return "measured (energy counter)";
    case Provenance::IntegratedPower:
      return "measured (integrated power samples)";
    case Provenance::ModelEstimate:
      return "ESTIMATE from a model, not a measurement";
  }
  return "not measured";
}

// "± half-width (95 % CI, n=N, cv X %)", or "(n=1: no spread)" for a single sample.
std::string ci_text(const Summary& s, double scale, int decimals) {
  if (s.count < 2) return fmt::format("(n={}: no spread)", s.count);
  return fmt::format("± {:.{}f} (95 % CI, n={}, cv {:.2f} %)", s.ci95 * scale, decimals, s.count,
                     s.cv * 100.0);
}

std::string ms_with_ci(const Summary& s) {
  return fmt::format("{:.3f} ms {}", s.mean * 1e-6, ci_text(s, 1e-6, 3));
}

// "machine: host, CPU, GPU (driver), governor", the libraries and the OpenMP wait, each line
// only where something is known.
void write_machine(std::ostream& out, const RunContext& c) {
  std::string machine = c.host;
  const auto add = [&machine](const std::string& part) {
    if (!part.empty()) machine += (machine.empty() ? "" : ", ") + part;
  };
  add(c.cpu_model);
  add(c.gpu.empty() ? "" : c.gpu + (c.driver.empty() ? "" : " (driver " + c.driver + ")"));
  add(c.governor.empty() ? "" : "governor " + c.governor);
  if (!machine.empty()) out << "machine: " << machine << "\n";
  std::string libraries;
  for (const auto& [name, version] : c.libraries)
    libraries += (libraries.empty() ? "" : "; ") + name + " " + version;
  if (!libraries.empty()) out << "libraries: " << libraries << "\n";
  if (!c.openmp_wait.empty()) out << "OpenMP wait: " << c.openmp_wait << "\n";
}

void write_header(std::ostream& out, const ResultRecord& r) {
  const auto& c = r.context;
  out << fmt::format("{}  backend {}, precision {}{}, {} thread(s), batch {}, {} build{}\n",
                     r.model, c.backend, c.precision, c.cuda_graph ? " (CUDA graph replay)" : "",
                     c.threads, c.batch, c.build_type, r.partial ? "  [PARTIAL: interrupted]" : "");
  write_machine(out, c);
  out << "energy: " << energy_status_line(c) << "\n";
  if (!c.counters.empty() || !c.counters_unavailable.empty()) {
    out << "counters:";
    std::string last;  // events of one provenance together, then the provenance in brackets
    for (const auto& e : c.counters) {
      const auto p = c.counter_provenance.find(e);
      const std::string how = p == c.counter_provenance.end() ? "" : p->second;
      if (how != last && !last.empty()) out << " [" << last << "];";
      out << " " << e;
      last = how;
    }
    if (!last.empty()) out << " [" << last << "]";
    for (const auto& [e, why] : c.counters_unavailable)
      out << " (" << e << " unavailable: " << why << ")";
    out << "\n";
  }
}

void write_network(std::ostream& out, const ResultRecord& r) {
  const auto& n = r.network;
  out << "network: time " << ms_with_ci(n.time_ns);
  if (n.iterations_per_sample > 0)
    out << fmt::format(", {} runs per sample, {}", n.iterations_per_sample,
                       stop_reason_name(n.stop_reason));
  out << "\n";
  if (n.time_ns.count >= 2)
    out << fmt::format("         median {:.3f} ms, min {:.3f} ms, max {:.3f} ms per inference\n",
                       n.time_ns.median * 1e-6, n.time_ns.min * 1e-6, n.time_ns.max * 1e-6);
  if (n.energy_j) {
    const auto& e = *n.energy_j;
    out << fmt::format("         energy {:.4f} J {} per inference", e.mean, ci_text(e, 1.0, 4));
    if (n.static_energy_j && n.dynamic_energy_j && n.idle_power_w)
      out << fmt::format("; static {:.4f} J + dynamic {:.4f} J (idle {:.1f} W)", *n.static_energy_j,
                         *n.dynamic_energy_j, *n.idle_power_w);
    out << "\n";
  }
  if (n.error_vs_fp32) {
    out << fmt::format(
        "         accuracy: relative L2 error {:.2e} against fp32 (same backend and input)\n",
        *n.error_vs_fp32);
  }
}

void write_top_outputs(std::ostream& out, const TopOutputs& t) {
  for (size_t b = 0; b < t.images.size(); ++b) {
    out << fmt::format("top-{} of output '{}', image {}:\n", t.images[b].size(), t.output, b);
    for (const auto& [index, value] : t.images[b])
      out << fmt::format("  class {:>6}  {:.6g}\n", index, value);
  }
}

std::string energy_cells(const LayerResult& l) {
  if (!l.energy) return fmt::format("{:>22}", "—");
  return fmt::format("{:>10.4f} ± {:<9.4f}", l.energy->energy_j * 1e3,
                     l.energy->energy_uncertainty_j * 1e3);
}

void write_layers(std::ostream& out, const ResultRecord& r) {
  std::set<std::string> counters;
  for (const auto& l : r.layers)
    for (const auto& [k, v] : l.counters) counters.insert(k);
  size_t name_w = 5;
  for (const auto& l : r.layers) name_w = std::max(name_w, std::min<size_t>(l.name.size(), 32));
  const bool macs = std::any_of(r.layers.begin(), r.layers.end(),
                                [](const LayerResult& l) { return l.macs > 0; });
  out << fmt::format("{:>4}  {:<{}}  {:<14} {:>10} {:>9} {:>22} {:>9}", "#", "layer", name_w,
                     "type", "time ms", "± CI", "energy mJ ± unc.", "power W");
  if (macs) out << fmt::format(" {:>8}", "GMAC/s");
  for (const auto& c : counters) out << fmt::format(" {:>14}", c);
  out << "\n";
  for (const auto& l : r.layers) {
    const std::string time_cells =
        !l.fused_into.empty() ? fmt::format("{:>10} {:>9}", "fused", "")
        : l.view              ? fmt::format("{:>10} {:>9}", "view", "")
        : l.time_ns.count < 2
            ? fmt::format("{:>10.4f} {:>9}", l.time_ns.mean * 1e-6,
                          fmt::format("n={}", l.time_ns.count))
            : fmt::format("{:>10.4f} {:>9.4f}", l.time_ns.mean * 1e-6, l.time_ns.ci95 * 1e-6);
    out << fmt::format("{:>4}  {:<{}}  {:<14} {} {} {:>9}", l.index, l.name.substr(0, 32), name_w,
                       l.type, time_cells, energy_cells(l),
                       l.energy ? fmt::format("{:.1f}", l.energy->power_w) : "—");
    // Achieved rate of the layer's own kernel (a fused layer's MACs are its host's time).
    if (macs)
      out << (l.macs > 0 && l.fused_into.empty() && l.time_ns.mean > 0
                  ? fmt::format(" {:>8.2f}", static_cast<double>(l.macs) / l.time_ns.mean)
                  : fmt::format(" {:>8}", "—"));
    for (const auto& c : counters) {
      auto it = l.counters.find(c);
      out << (it == l.counters.end() ? fmt::format(" {:>14}", "—")
                                     : fmt::format(" {:>14.4g}", it->second));
    }
    if (!l.note.empty()) out << "  (" << l.note << ")";
    out << "\n";
  }
}

// "cpu share: threads waited 0.7 % of their ready time (network), 0.5 % (layers), ...".
void write_cpu_share(std::ostream& out, const ResultRecord& r) {
  std::string phases;
  for (const auto& p : r.cpu_share) {
    const auto w = p.share.wait_fraction();
    if (!w) continue;
    phases += fmt::format("{}{:.2g} % ({})", phases.empty() ? "" : ", ", 100.0 * *w, p.phase);
  }
  if (!phases.empty()) out << "cpu share: threads waited " << phases << " of their ready time\n";
}

}  // namespace

std::string energy_status_line(const RunContext& c) {
  if (!c.energy_provenance)
    return "NOT MEASURED" + (c.energy_unavailable_reason.empty()
                                 ? std::string()
                                 : ": " + c.energy_unavailable_reason);
  std::string s = provenance_words(*c.energy_provenance) + ", source " + c.energy_source;
  if (!c.energy_domain.empty()) s += "/" + c.energy_domain;
  if (c.sensor_update_period_ns > 0)
    s += fmt::format(", sensor updates every {:.3g} ms", c.sensor_update_period_ns * 1e-6);
  return s;
}

void write_table(std::ostream& out, const ResultRecord& r, const TableOptions& options) {
  write_header(out, r);
  write_network(out, r);
  if (r.attribution)
    out << "per-layer energy: " << attribution_method_name(*r.attribution) << " attribution; ± is "
        << r.uncertainty_kind << "\n";
  if (r.layers.empty()) {
    out << "per layer: not timed (synergy run --per-layer, or synergy profile)\n";
  } else {
    write_layers(out, r);
    write_type_table(out, summarize_by_type(typed_layers(r), options.type_order), options.top_types,
                     options.type_order);
  }
  if (r.closure)
    out << fmt::format("closure: layers sum {:.4f} J vs network {:.4f} J ({:+.2f} %){}\n",
                       r.closure->layers_j, r.closure->network_j, r.closure->difference_pct,
                       r.closure->basis.empty() ? "" : ", the " + r.closure->basis);
  if (r.overhead_pct)
    out << fmt::format("profiling overhead: {:.2f} % of latency\n", *r.overhead_pct);
  write_cpu_share(out, r);
  for (const auto& f : r.sensor_faults) out << "sensor fault: " << f << "\n";
  for (const auto& w : r.warnings) out << "warning: " << w << "\n";
  if (r.network.top_outputs) write_top_outputs(out, *r.network.top_outputs);
}

}  // namespace synergy
