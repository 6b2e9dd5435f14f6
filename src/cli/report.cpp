// synergy report: one self-contained HTML file for a stored or saved run, a diff of two runs,
// or a prediction evaluation.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <sstream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/report_costs.hpp"
#include "cli/store_args.hpp"
#include "report/html.hpp"
#include "util/error.hpp"
#include "util/read_file.hpp"
#include "util/write_file.hpp"

namespace synergy::cli {

namespace {

constexpr const char* kReportExamples = R"(
examples:
  synergy report 3 -o run3.html                 a stored run (see synergy runs list)
  synergy report 3 5 -o diff.html               B - A of two stored runs
  synergy report --record r.json -o r.html      a run saved by profile --format json
  synergy report --record a.json b.json -o d.html
  synergy evaluate --format json > eval.json && synergy report --evaluation eval.json -o e.html
  synergy profile resnet50 --report resnet50.html   written at the end of a profile

The page holds its data, script and style: it opens offline and can be mailed as one file. A run
shows per-layer time and energy with their 95 % intervals (fused layers and views marked), the
share by layer type, counters per layer and a roofline; the power timeline with layer spans is
there only when profile --report writes the page, since the store keeps no readings. The roofline
needs each layer's MACs and traffic: the network is loaded by the run's model name, or --model.
)";

void write_report(const std::string& path, const std::string& html) {
  write_file(path, html, "report");
  std::fprintf(stderr, "report written to %s (%.0f KiB)\n", path.c_str(),
               static_cast<double>(html.size()) / 1024.0);
}

}  // namespace

int run_report(int argc, char** argv) {
  CLI::App app{"synergy report: a self-contained HTML report of a run, a diff or an evaluation",
               "synergy report"};
  app.footer(kReportExamples);
  std::vector<int64_t> ids;
  std::vector<std::string> records;
  std::string evaluation, out, model;
  StoreArgs store_args;
  app.add_option("ids", ids, "one stored run, or two to compare (B - A)")->expected(0, 2);
  app.add_option("--record", records, "one or two runs saved as JSON records")->expected(1, 2);
  app.add_option("--evaluation", evaluation, "a synergy evaluate --format json document");
  app.add_option("-o,--out", out, "the HTML file to write")->required();
  app.add_option("--model", model, "the run's network (zoo name or file) for the roofline");
  app.add_option("--store", store_args.path, "SQLite results store (default synergy.db)");
  if (auto done = parse_args(app, argc, argv)) return *done;
  const int sources = (ids.empty() ? 0 : 1) + (records.empty() ? 0 : 1) + !evaluation.empty();
  if (sources != 1)
    throw bad_input("give one of: stored run ids, --record FILE..., or --evaluation FILE");
  require_writable_path(out, "report");

  std::ostringstream html;
  if (!evaluation.empty()) {
    write_evaluation_report(html, read_file(evaluation));
    write_report(out, html.str());
    return 0;
  }
  std::vector<ResultRecord> runs;
  std::vector<std::string> labels;
  if (!records.empty()) {
    for (const auto& f : records) runs.push_back(read_record_file(f));
    labels = records;
  } else {
    const auto store = read_store(store_args);
    for (int64_t id : ids) {
      runs.push_back(store->load(id));
      labels.push_back("run " + std::to_string(id));
    }
  }
  if (runs.size() == 2) {
    write_diff_report(html, runs[0], runs[1], labels[0], labels[1]);
  } else {
    RunReport r;
    r.record = &runs[0];
    r.costs_missing = complete_layer_costs(runs[0], model);
    if (r.costs_missing.empty()) r.costs = layer_slice_args(runs[0]);
    r.timeline_missing =
        "the store and saved records keep no readings; profile --report writes the page with them";
    write_run_report(html, r);
  }
  write_report(out, html.str());
  return 0;
}

}  // namespace synergy::cli
