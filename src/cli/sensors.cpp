// synergy sensors: every energy source and counter preset, available or not, and why; or watch
// live power per domain.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "measure/duration.hpp"
#include "measure/inventory.hpp"
#include "measure/registry.hpp"
#include "util/csv.hpp"
#include "util/error.hpp"
#include "util/json_document.hpp"

namespace synergy::cli {

namespace {

struct SensorsArgs {
  std::vector<std::string> sources;
  std::string sysfs_root;
  std::string nvml_library = "libnvidia-ml.so.1";
  std::string presets_dir;
  std::string format = "table";
  std::string watch;
  std::string interval = "1s";
  std::string probe = "1s";
};

std::string ms(double ns) {
  return fmt::format("{:.3g} ms", ns * 1e-6);
}

std::string period_text(const SourceReport& s) {
  std::string declared =
      s.declared_period_ns > 0 ? ms(static_cast<double>(s.declared_period_ns)) : "unknown";
  const UpdatePeriod& p = s.measured_period;
  std::string measured = p.measured ? fmt::format("{} over {} changes", ms(p.mean_ns), p.changes)
                         : p.observed_ns > 0 ? fmt::format("unknown (fewer than two changes in {})",
                                                           ms(static_cast<double>(p.observed_ns)))
                                             : "not measured (--probe 0s)";
  return "update period: declared " + declared + ", measured " + measured;
}

void print_source_table(const SourceReport& s) {
  if (!s.availability.available) {
    fmt::print("  {:<12} unavailable: {}\n", s.spec, s.availability.reason);
    return;
  }
  fmt::print("  {:<12} available; {}\n", s.spec, provenance_name(s.provenance));
  fmt::print("  {:<12} {}; read cost {:.3g} us (min {:.3g} us, {} reads)\n", "", period_text(s),
             s.read_cost.mean_ns * 1e-3, s.read_cost.min_ns * 1e-3, s.read_cost.reads);
  for (const Domain& d : s.domains)
    fmt::print("  {:<12}   {:<24} {} [{}]\n", "", d.name, d.description,
               provenance_key(d.provenance));
  for (const auto& [k, v] : s.context) fmt::print("  {:<12}   {} = {}\n", "", k, v);
}

void print_table(const Inventory& inv) {
  fmt::print("energy sources\n");
  for (const SourceReport& s : inv.sources) print_source_table(s);
  std::string pmus;
  for (const auto& p : inv.pmus) pmus += (pmus.empty() ? "" : ", ") + p;
  fmt::print("\ncounter presets (PMUs detected by libpfm4: {})\n", pmus.empty() ? "none" : pmus);
  if (!inv.preset_error.empty()) fmt::print("  unavailable: {}\n", inv.preset_error);
  for (const PresetReport& p : inv.presets) {
    fmt::print("  {:<10} {}\n", p.preset.name, p.preset.description);
    for (const CounterStatus& e : p.events)
      fmt::print("    {:<44} {}\n", e.name,
                 e.available ? "available (" + e.resolved + ")" : "unavailable: " + e.reason);
  }
}

void print_csv(const Inventory& inv) {
  fmt::print(
      "kind,name,item,available,reason,provenance,declared_period_ms,measured_period_ms,"
      "read_cost_us\n");
  for (const SourceReport& s : inv.sources) {
    std::string measured =
        s.measured_period.measured ? fmt::format("{:.6g}", s.measured_period.mean_ns * 1e-6) : "";
    std::string declared =
        s.declared_period_ns > 0 ? fmt::format("{:.6g}", s.declared_period_ns * 1e-6) : "";
    std::string cost =
        s.availability.available ? fmt::format("{:.6g}", s.read_cost.mean_ns * 1e-3) : "";
    auto row = [&](const std::string& item, const std::string& prov) {
      fmt::print("source,{},{},{},{},{},{},{},{}\n", csv_cell(s.spec), csv_cell(item),
                 s.availability.available ? "yes" : "no", csv_cell(s.availability.reason), prov,
                 declared, measured, cost);
    };
    if (s.domains.empty()) row("", provenance_key(s.provenance));
    for (const Domain& d : s.domains) row(d.name, provenance_key(d.provenance));
  }
  for (const PresetReport& p : inv.presets)
    for (const CounterStatus& e : p.events)
      fmt::print("counter,{},{},{},{},,,,\n", p.preset.name, csv_cell(e.name),
                 e.available ? "yes" : "no", csv_cell(e.reason));
}

nlohmann::json source_json(const SourceReport& s) {
  nlohmann::json j{
      {"source", s.spec},
      {"available", s.availability.available},
      {"provenance", provenance_key(s.provenance)},
      {"declared_update_period_ms",
       s.declared_period_ns > 0 ? nlohmann::json(s.declared_period_ns * 1e-6) : nullptr}};
  if (!s.availability.available) j["reason"] = s.availability.reason;
  j["domains"] = nlohmann::json::array();
  for (const Domain& d : s.domains)
    j["domains"].push_back({{"name", d.name},
                            {"description", d.description},
                            {"has_power", d.has_power},
                            {"provenance", provenance_key(d.provenance)}});
  if (s.availability.available) {
    j["read_cost_us"] = {{"mean", s.read_cost.mean_ns * 1e-3},
                         {"min", s.read_cost.min_ns * 1e-3},
                         {"reads", s.read_cost.reads}};
    j["measured_update_period_ms"] =
        s.measured_period.measured ? nlohmann::json(s.measured_period.mean_ns * 1e-6) : nullptr;
    j["measured_update_changes"] = s.measured_period.changes;
    j["measured_update_observed_ms"] = s.measured_period.observed_ns * 1e-6;
    for (const auto& [k, v] : s.context) j["context"][k] = v;
  }
  return j;
}

void print_json(const Inventory& inv) {
  auto j =
      json_document("synergy-sensors", 1, {{"*_ms", "milliseconds"}, {"*_us", "microseconds"}});
  j["sources"] = nlohmann::json::array();
  for (const SourceReport& s : inv.sources) j["sources"].push_back(source_json(s));
  j["pmus"] = inv.pmus;
  j["presets"] = nlohmann::json::array();
  if (!inv.preset_error.empty()) j["preset_error"] = inv.preset_error;
  for (const PresetReport& p : inv.presets) {
    nlohmann::json events = nlohmann::json::array();
    for (const CounterStatus& e : p.events) {
      nlohmann::json ej{{"event", e.name}, {"available", e.available}};
      if (e.available) ej["resolved"] = e.resolved;
      if (!e.available) ej["reason"] = e.reason;
      events.push_back(ej);
    }
    j["presets"].push_back({{"name", p.preset.name},
                            {"description", p.preset.description},
                            {"file", p.preset.file},
                            {"events", events}});
  }
  fmt::print("{}\n", j.dump(2));
}

SourceOptions source_options(const SensorsArgs& a) {
  SourceOptions o;
  o.sysfs_root = resolve_sysfs_root(a.sysfs_root);
  o.nvml_library = a.nvml_library;
  return o;
}

int list(const SensorsArgs& a) {
  InventoryOptions o;
  o.source_options = source_options(a);
  o.specs = a.sources;
  o.period_probe_ns = parse_duration_ns(a.probe);
  o.preset_dir = a.presets_dir;
  Inventory inv = take_inventory(o);
  if (a.format == "json") {
    print_json(inv);
  } else if (a.format == "csv") {
    print_csv(inv);
  } else {
    print_table(inv);
  }
  return 0;
}

struct WatchRow {
  double t_s;
  std::string source, domain;
  double average_w, instant_w;  // NaN where unknown
  std::string error;
};

std::string watts(double w) {
  return std::isnan(w) ? "-" : fmt::format("{:.2f} W", w);
}

void print_watch_row(const WatchRow& r, const std::string& format) {
  if (format == "csv") {
    fmt::print("{:.3f},{},{},{},{},{}\n", r.t_s, csv_cell(r.source), csv_cell(r.domain),
               std::isnan(r.average_w) ? "" : fmt::format("{:.6g}", r.average_w),
               std::isnan(r.instant_w) ? "" : fmt::format("{:.6g}", r.instant_w),
               csv_cell(r.error));
  } else if (format == "table") {
    std::string value = r.error.empty() ? fmt::format("{:>10} average  {:>10} instant",
                                                      watts(r.average_w), watts(r.instant_w))
                                        : "invalid: " + r.error;
    fmt::print("{:8.3f}s  {:<8} {:<24} {}\n", r.t_s, r.source, r.domain, value);
  }
  std::fflush(stdout);
}

nlohmann::json watch_row_json(const WatchRow& r) {
  auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
  nlohmann::json j{{"t_s", r.t_s},
                   {"source", r.source},
                   {"domain", r.domain},
                   {"average_w", num(r.average_w)},
                   {"instant_w", num(r.instant_w)}};
  if (!r.error.empty()) j["error"] = r.error;
  return j;
}

struct Watched {
  std::unique_ptr<EnergySource> source;
  std::vector<Domain> domains;
  EnergyReading last;
};

std::vector<Watched> open_watched(const SensorsArgs& a) {
  std::vector<Watched> out;
  SourceOptions o = source_options(a);
  std::vector<std::string> specs = a.sources.empty() ? probe_source_names() : a.sources;
  for (const std::string& spec : specs) {
    auto src = make_energy_source(spec, o);
    if (!src->availability().available) {
      std::fprintf(stderr, "synergy sensors: %s unavailable: %s\n", spec.c_str(),
                   src->availability().reason.c_str());
      continue;
    }
    Watched w{std::move(src), {}, {}};
    w.domains = w.source->domains();
    w.last = w.source->read();
    out.push_back(std::move(w));
  }
  return out;
}

void watch_tick(Watched& w, int64_t t0, std::vector<WatchRow>& rows) {
  EnergyReading r = w.source->read();
  for (size_t i = 0; i < w.domains.size(); ++i) {
    WatchRow row{
        static_cast<double>(r.t_ns - t0) * 1e-9, w.source->name(), w.domains[i].name, NAN, NAN, ""};
    if (!r.valid[i]) {
      row.error = r.errors[i];
    } else {
      double dt = static_cast<double>(r.t_ns - w.last.t_ns) * 1e-9;
      if (w.last.valid[i] && dt > 0) row.average_w = (r.energy_j[i] - w.last.energy_j[i]) / dt;
      row.instant_w = r.power_w[i];
    }
    rows.push_back(row);
  }
  w.last = std::move(r);
}

int watch(const SensorsArgs& a) {
  int64_t duration = parse_duration_ns(a.watch);
  int64_t interval = parse_duration_ns(a.interval);
  if (interval <= 0) throw bad_input("--interval must be positive");
  std::vector<Watched> watched = open_watched(a);
  if (watched.empty()) throw unavailable("no energy source is available to watch (see stderr)");
  if (a.format == "csv") fmt::print("t_s,source,domain,average_w,instant_w,error\n");
  nlohmann::json all = nlohmann::json::array();
  int64_t t0 = watched.front().last.t_ns;
  auto next = std::chrono::steady_clock::now();
  for (int64_t elapsed = 0; elapsed < duration; elapsed += interval) {
    next += std::chrono::nanoseconds(interval);
    std::this_thread::sleep_until(next);
    std::vector<WatchRow> rows;
    for (Watched& w : watched) watch_tick(w, t0, rows);
    for (const WatchRow& r : rows) {
      print_watch_row(r, a.format);
      if (a.format == "json") all.push_back(watch_row_json(r));
    }
  }
  if (a.format == "json") {
    auto doc = json_document("synergy-sensors-watch", 1,
                             {{"t_s", "seconds since the first read"},
                              {"average_w", "watts, mean since the previous read"},
                              {"instant_w", "watts, as the sensor reports"}});
    doc["samples"] = all;
    fmt::print("{}\n", doc.dump(2));
  }
  return 0;
}

}  // namespace

int run_sensors(int argc, char** argv) {
  CLI::App app{
      "List energy sources and counter presets, available or not and why, or watch live "
      "power per domain.",
      "synergy sensors"};
  SensorsArgs a;
  app.add_option(
      "--source", a.sources,
      "source to show (repeatable): rapl, rapl:perf, nvml, nvml:power, hwmon, jetson, "
      "trace:FILE, estimate:TDP_W[:IDLE_W], none; default rapl rapl:perf nvml hwmon jetson");
  add_sysfs_root_option(app, a.sysfs_root);
  app.add_option("--nvml-library", a.nvml_library, "NVML library to load")->capture_default_str();
  app.add_option("--presets", a.presets_dir,
                 "folder of counter preset files (default data/counters)");
  add_format_option(app, a.format)->capture_default_str();
  app.add_option("--watch", a.watch, "print live power per domain for this long (e.g. 5s)");
  app.add_option("--interval", a.interval, "time between --watch rows")->capture_default_str();
  app.add_option("--probe", a.probe,
                 "longest time spent measuring each source's update period (0s: skip)")
      ->capture_default_str();
  app.footer(
      "examples:\n"
      "  synergy sensors\n"
      "  synergy sensors --format json\n"
      "  synergy sensors --watch 5s --source rapl\n"
      "  synergy sensors --sysfs-root /tmp/copied-sysfs --source jetson\n"
      "  synergy sensors --source trace:meter.csv --source estimate:65\n"
      "exit codes: 0 ok (unavailable sources are listed, not errors), 2 bad usage, 3 nothing to "
      "watch");
  if (auto done = parse_args(app, argc, argv)) return *done;
  return a.watch.empty() ? list(a) : watch(a);
}

}  // namespace synergy::cli
