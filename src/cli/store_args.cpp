#include "cli/store_args.hpp"

#include <cstdio>

#include "measure/duration.hpp"
#include "result/json.hpp"
#include "store/unstored.hpp"
#include "util/read_file.hpp"

namespace synergy::cli {

void add_store_options(CLI::App& app, StoreArgs& a) {
  app.add_option("--store", a.path, "SQLite results store (default synergy.db)");
  app.add_option("--store-wait", a.wait,
                 "how long the final write waits for another process's lock (default 10s)");
}

StoreOptions store_options(const StoreArgs& a) {
  StoreOptions o;
  o.lock_wait_ms = parse_duration_ns(a.wait) / 1'000'000;
  return o;
}

std::unique_ptr<ResultStore> open_store(const StoreArgs& a) {
  return std::make_unique<ResultStore>(a.path, store_options(a));
}

std::optional<Error> keep_run(ResultStore& store, const StoreArgs& a, const ResultRecord& record) {
  try {
    const int64_t id = store.append(record);
    std::fprintf(stderr, "stored as run %lld in %s%s\n", static_cast<long long>(id), a.path.c_str(),
                 record.partial ? " (partial)" : "");
    return std::nullopt;
  } catch (const Error& e) {
    try {
      const std::string saved = save_unstored_run(record, a.path);
      return Error(e.kind(), std::string(e.what()) + "; the run is saved in '" + saved +
                                 "': bring it into the store with `synergy runs import " + saved +
                                 " --store " + a.path + "`");
    } catch (const Error& lost) {
      return Error(e.kind(),
                   std::string(e.what()) + "; the run could not be saved either: " + lost.what());
    }
  }
}

std::unique_ptr<ResultStore> read_store(const StoreArgs& a) {
  StoreOptions options = store_options(a);
  options.create = false;
  return std::make_unique<ResultStore>(a.path, options);
}

ResultRecord read_record_file(const std::string& path) {
  const std::string text = read_file(path);
  try {
    ResultRecord r = result_from_json(text);
    if (!r.has_samples())
      throw bad_input("the run has no completed sample: there is nothing in it");
    return r;
  } catch (const Error& e) {
    throw Error(e.kind(), "'" + path + "': " + e.what());
  }
}

}  // namespace synergy::cli
