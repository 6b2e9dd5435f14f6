// The results-store options of the commands that write to it (profile, runs import), and
// keeping a finished run when the store refuses it.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "store/result_store.hpp"
#include "util/error.hpp"

namespace synergy::cli {

struct StoreArgs {
  std::string path = kDefaultStorePath;
  std::string wait = "10s";
};

// Adds --store PATH and --store-wait DURATION.
void add_store_options(CLI::App& app, StoreArgs& a);
// Checks --store-wait (bad input) without touching the store.
StoreOptions store_options(const StoreArgs& a);
// Opens and checks the store (see ResultStore).
std::unique_ptr<ResultStore> open_store(const StoreArgs& a);
// Opens an existing store to read; bad input when there is none at the path.
std::unique_ptr<ResultStore> read_store(const StoreArgs& a);

// Appends `record` and says so on stderr. When the store refuses it (locked past --store-wait,
// disk full, ...), the record is saved as a JSON file for `synergy runs import` and the error
// is returned, naming the file, to be thrown once the outputs are written: a finished run is
// never lost.
std::optional<Error> keep_run(ResultStore& store, const StoreArgs& a, const ResultRecord& record);

// A run saved as a JSON record (a kept run, or `synergy profile --format json` output). Throws
// bad_input naming the file when it is unreadable, malformed or holds no completed sample.
ResultRecord read_record_file(const std::string& path);

}  // namespace synergy::cli
