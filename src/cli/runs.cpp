// synergy runs: the runs in a results store (list, show, diff, export), and importing runs saved
// as files (a run the store could not take when its profile ended, or `synergy profile --format
// json` output).
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/store_args.hpp"
#include "report/output.hpp"
#include "result/diff.hpp"
#include "result/json.hpp"
#include "util/csv.hpp"
#include "util/error.hpp"
#include "util/json_document.hpp"
#include "util/json_number.hpp"
#include "util/text_table.hpp"

namespace synergy::cli {

namespace {

constexpr const char* kRunsExamples = R"(
examples:
  synergy runs list
  synergy runs list --store lab.db --model alexnet
  synergy runs show 3 --format csv
  synergy runs diff 3 5
  synergy runs list --backend onednn --since 2026-12-01 --format csv
  synergy runs export --model alexnet > alexnet.jsonl
  synergy runs rm 4 7
  synergy runs import synergy.db.unstored-20261204T101500Z-4242.json
  synergy profile resnet50 --no-store --format json > r.json && synergy runs import r.json

A run whose profile could not write it to the store (locked past --store-wait, disk full) is saved
as <store>.unstored-<time>-<pid>.json beside the store, or in the current directory; `runs import`
brings it in. A file already in the store is not added twice.

`diff A B` gives B - A per layer and for the whole network, time in ms and energy in mJ per
inference, each with the 95 % half-width of the difference (the runs' own 95 % half-widths
combined as independent); '*' marks a difference whose interval leaves out zero.
)";

int import_runs(const std::vector<std::string>& files, const StoreArgs& store_args) {
  std::vector<ResultRecord> records;  // all read before the store is touched
  for (const auto& f : files) records.push_back(read_record_file(f));
  const auto store = open_store(store_args);
  for (size_t i = 0; i < files.size(); ++i) {
    if (const auto id = store->find(records[i])) {
      std::printf("%s: already in %s as run %lld\n", files[i].c_str(), store_args.path.c_str(),
                  static_cast<long long>(*id));
      continue;
    }
    const int64_t id = store->append(records[i]);
    std::printf("%s: imported into %s as run %lld%s\n", files[i].c_str(), store_args.path.c_str(),
                static_cast<long long>(id), records[i].partial ? " (partial)" : "");
  }
  return 0;
}

// A figure in the CLI's unit (ms, mJ), "" where absent.
std::string scaled(double v, double scale) {
  return std::isfinite(v) ? fmt::format("{:.6g}", v * scale) : "";
}

int list_runs(const StoreArgs& store_args, const RunFilter& filter, const std::string& format) {
  const auto runs = read_store(store_args)->runs(filter);
  const std::vector<std::string> header{
      "id",      "started",      "model",     "backend",        "threads", "precision", "host",
      "time_ms", "time_ms_ci95", "energy_mj", "energy_mj_ci95", "layers",  "status"};
  auto fields = [](const StoredRun& r) {
    return std::vector<std::string>{std::to_string(r.id),
                                    r.started_at,
                                    r.model,
                                    r.backend,
                                    std::to_string(r.threads),
                                    r.precision,
                                    r.host,
                                    scaled(r.time_ns_mean, 1e-6),
                                    scaled(r.time_ns_ci95, 1e-6),
                                    scaled(r.energy_j_mean, 1e3),
                                    scaled(r.energy_j_ci95, 1e3),
                                    std::to_string(r.layers),
                                    r.partial ? "partial" : "complete"};
  };
  if (format == "csv") {
    write_csv_row(std::cout, header);
    for (const auto& r : runs) write_csv_row(std::cout, fields(r));
  } else if (format == "json") {
    auto doc = json_document("synergy-runs", 1,
                             {{"time_ms", "ms per inference, mean and 95 % half-width"},
                              {"energy_mj", "mJ per inference, mean and 95 % half-width"}});
    doc["runs"] = nlohmann::json::array();
    for (const auto& r : runs)
      doc["runs"].push_back({{"id", r.id},
                             {"started", r.started_at},
                             {"model", r.model},
                             {"backend", r.backend},
                             {"threads", r.threads},
                             {"precision", r.precision},
                             {"host", r.host},
                             {"time_ms", json_number(r.time_ns_mean * 1e-6)},
                             {"time_ms_ci95", json_number(r.time_ns_ci95 * 1e-6)},
                             {"energy_mj", json_number(r.energy_j_mean * 1e3)},
                             {"energy_mj_ci95", json_number(r.energy_j_ci95 * 1e3)},
                             {"layers", r.layers},
                             {"partial", r.partial}});
    std::cout << doc.dump(2) << "\n";
  } else {
    TextTable t({"id", "started", "model", "backend", "threads", "precision", "host",
                 "time ms ± 95 %", "energy mJ ± 95 %", "layers", "status"},
                {true, false, false, false, true, false, false, true, true, true, false});
    auto pm = [](double v, double hw, double scale) {
      if (!std::isfinite(v)) return std::string("not measured");
      return fmt::format("{:.4g}", v * scale) +
             (std::isfinite(hw) ? fmt::format(" ± {:.2g}", hw * scale) : std::string());
    };
    for (const auto& r : runs)
      t.add_row({std::to_string(r.id), r.started_at, r.model, r.backend, std::to_string(r.threads),
                 r.precision, r.host, pm(r.time_ns_mean, r.time_ns_ci95, 1e-6),
                 pm(r.energy_j_mean, r.energy_j_ci95, 1e3), std::to_string(r.layers),
                 r.partial ? "partial" : "complete"});
    t.print(std::cout);
  }
  return 0;
}

int remove_runs(const StoreArgs& store_args, const std::vector<int64_t>& ids) {
  StoreOptions options = store_options(store_args);
  options.create = false;
  ResultStore(store_args.path, options).remove(ids);
  for (const int64_t id : ids) std::printf("removed run %lld\n", static_cast<long long>(id));
  return 0;
}

int show_run(const StoreArgs& store_args, int64_t id, const std::string& format,
             const TableOptions& table) {
  write_record(std::cout, read_store(store_args)->load(id), format, table);
  return 0;
}

// One JSON record per line, in id order.
int export_runs(const StoreArgs& store_args, const RunFilter& filter) {
  const auto store = read_store(store_args);
  for (const auto& r : store->runs(filter))
    std::cout << result_to_json(store->load(r.id), -1) << "\n";
  return 0;
}

std::string value_text(double v, double scale) {
  return std::isfinite(v) ? fmt::format("{:.4g}", v * scale) : "n/a";
}

// "-0.012 ± 0.003" and "-4.1 %*" for one difference; "not measured" / "" when absent.
std::vector<std::string> difference_cells(const std::optional<Difference>& d, double scale,
                                          const std::string& absent) {
  if (!d) return {absent, "", "", ""};
  const std::string hw =
      std::isfinite(d->half_width) ? fmt::format("{:.2g}", d->half_width * scale) : "?";
  const double pct = d->relative_pct();
  return {value_text(d->a, scale), value_text(d->b, scale),
          fmt::format("{:+.4g} ± {}", d->delta() * scale, hw),
          (std::isfinite(pct) ? fmt::format("{:+.1f} %", pct) : std::string("n/a")) +
              (d->significant() ? "*" : "")};
}

void print_diff_table(const RunDiff& d, int64_t a, int64_t b) {
  std::cout << fmt::format("A: run {} ({})   B: run {} ({})\n", a, d.model_a, b, d.model_b);
  if (d.context_changes.empty())
    std::cout << "taken the same way (backend, threads, device, sensor)\n";
  for (const auto& c : d.context_changes) std::cout << "differs: " << c << "\n";
  TextTable t({"layer", "type", "time A ms", "time B ms", "B-A ms ± 95 %", "B-A %", "energy A mJ",
               "energy B mJ", "B-A mJ ± 95 %", "B-A %"},
              {false, false, true, true, true, true, true, true, true, true});
  for (const auto& l : d.layers) {
    std::vector<std::string> row{l.name, l.type};
    const std::string absent = !l.in_b ? "only in A" : !l.in_a ? "only in B" : "";
    for (auto& c : difference_cells(l.time_ns, 1e-6, absent)) row.push_back(c);
    for (auto& c : difference_cells(l.energy_j, 1e3, absent.empty() ? "not measured" : ""))
      row.push_back(c);
    t.add_row(row);
  }
  t.add_rule();
  std::vector<std::string> total{"network", ""};
  for (auto& c : difference_cells(d.network_time_ns, 1e-6, "")) total.push_back(c);
  for (auto& c : difference_cells(d.network_energy_j, 1e3, "not measured")) total.push_back(c);
  t.add_row(total);
  t.print(std::cout);
  for (const auto& l : d.layers)
    if (!l.note.empty()) std::cout << l.name << ": " << l.note << "\n";
  std::cout << "* the 95 % interval of B - A leaves out zero\n";
}

int compare_runs(const StoreArgs& store_args, int64_t a, int64_t b, const std::string& format) {
  const auto store = read_store(store_args);
  const RunDiff d = diff_runs(store->load(a), store->load(b));
  if (format == "json")
    std::cout << diff_to_json(d) << "\n";
  else
    print_diff_table(d, a, b);
  return 0;
}

}  // namespace

int run_runs(int argc, char** argv) {
  CLI::App app{
      "The runs in a results store: list, show, compare (diff) and export them; import runs saved "
      "as JSON files.",
      "synergy runs"};
  app.footer(kRunsExamples);
  app.require_subcommand(1);
  StoreArgs store_args;
  std::vector<std::string> files;
  RunFilter filter;
  auto filters = [&](CLI::App& sub) {
    sub.add_option("--model", filter.model, "only runs of this network");
    sub.add_option("--backend", filter.backend, "only runs on this backend");
    sub.add_option("--device", filter.device,
                   "only runs on this host, CPU or GPU (part of its name)");
    sub.add_option("--since", filter.since, "only runs started on or after, e.g. 2026-12-01");
    sub.add_option("--until", filter.until, "only runs started on or before, e.g. 2026-12-04");
  };
  auto store_path = [&](CLI::App& sub) {
    sub.add_option("--store", store_args.path, "SQLite results store (default synergy.db)");
  };
  CLI::App* import = app.add_subcommand("import", "add runs saved as JSON records to the store");
  import->add_option("files", files, "JSON record files")->required();
  add_store_options(*import, store_args);
  CLI::App* list = app.add_subcommand("list", "list the stored runs");
  store_path(*list);
  filters(*list);
  int64_t id = 0, other = 0;
  std::string format = "table";
  add_format_option(*list, format);
  std::vector<int64_t> ids;
  CLI::App* rm = app.add_subcommand("rm", "remove runs (all or none)");
  rm->add_option("ids", ids, "run ids (see runs list)")->required();
  add_store_options(*rm, store_args);
  CLI::App* show = app.add_subcommand("show", "a stored run, as its profile printed it");
  show->add_option("id", id, "run id (see runs list)")->required();
  store_path(*show);
  add_format_option(*show, format);
  TypeArgs types;
  add_type_options(*show, types);
  CLI::App* diff = app.add_subcommand("diff", "B - A per layer and network, with 95 % intervals");
  diff->add_option("a", id, "run id A")->required();
  diff->add_option("b", other, "run id B")->required();
  store_path(*diff);
  diff->add_option("--format", format, "table or json")->check(CLI::IsMember({"table", "json"}));
  CLI::App* exp = app.add_subcommand("export", "every stored run as JSON Lines on stdout");
  store_path(*exp);
  filters(*exp);
  if (auto done = parse_args(app, argc, argv)) return *done;
  store_options(store_args);  // a bad --store-wait is bad input before any file is read
  if (import->parsed()) return import_runs(files, store_args);
  if (show->parsed()) return show_run(store_args, id, format, types.table());
  if (diff->parsed()) return compare_runs(store_args, id, other, format);
  if (exp->parsed()) return export_runs(store_args, filter);
  if (rm->parsed()) return remove_runs(store_args, ids);
  return list_runs(store_args, filter, format);
}

}  // namespace synergy::cli
