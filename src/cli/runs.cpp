// synergy runs: the runs in a results store, and importing runs saved as files (a run the store
// could not take when its profile ended, or `synergy profile --format json` output).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/store_args.hpp"
#include "cli/table.hpp"
#include "report/json.hpp"
#include "util/error.hpp"

namespace synergy::cli {

namespace {

constexpr const char* kExamples = R"(
examples:
  synergy runs list
  synergy runs list --store lab.db --model alexnet
  synergy runs import synergy.db.unstored-20261204T101500Z-4242.json
  synergy profile resnet50 --no-store --format json > r.json && synergy runs import r.json

A run whose profile could not write it to the store (locked past --store-wait, disk full) is saved
as <store>.unstored-<time>-<pid>.json beside the store, or in the current directory; `runs import`
brings it in. A file already in the store is not added twice.
)";

ResultRecord read_record(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw bad_input("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    ResultRecord r = result_from_json(text.str());
    if (!r.has_samples())
      throw bad_input("the run has no completed sample: there is nothing to import");
    return r;
  } catch (const Error& e) {
    throw Error(e.kind(), "'" + path + "': " + e.what());
  }
}

int import_runs(const std::vector<std::string>& files, const StoreArgs& store_args) {
  std::vector<ResultRecord> records;  // all read before the store is touched
  for (const auto& f : files) records.push_back(read_record(f));
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

int list_runs(const StoreArgs& store_args, const std::string& model) {
  StoreOptions options = store_options(store_args);
  options.create = false;
  const ResultStore store(store_args.path, options);
  TextTable t({"id", "started", "model", "backend", "layers", "status"},
              {true, false, false, false, true, false});
  for (const auto& r : store.runs(model))
    t.add_row({std::to_string(r.id), r.started_at, r.model, r.backend, std::to_string(r.layers),
               r.partial ? "partial" : "complete"});
  t.print(std::cout);
  return 0;
}

}  // namespace

int run_runs(int argc, char** argv) {
  CLI::App app{"The runs in a results store; import runs saved as JSON files.", "synergy runs"};
  app.footer(kExamples);
  app.require_subcommand(1);
  StoreArgs store_args;
  std::vector<std::string> files;
  std::string model;
  CLI::App* import = app.add_subcommand("import", "add runs saved as JSON records to the store");
  import->add_option("files", files, "JSON record files")->required();
  add_store_options(*import, store_args);
  CLI::App* list = app.add_subcommand("list", "list the stored runs");
  list->add_option("--store", store_args.path, "SQLite results store (default synergy.db)");
  list->add_option("--model", model, "only runs of this network");
  if (auto done = parse_args(app, argc, argv)) return *done;
  store_options(store_args);  // a bad --store-wait is bad input before any file is read
  if (import->parsed()) return import_runs(files, store_args);
  return list_runs(store_args, model);
}

}  // namespace synergy::cli
