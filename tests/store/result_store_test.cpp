#include "store/result_store.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "result/json.hpp"
#include "store/sqlite.hpp"
#include "store/unstored.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "synergy-store-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (fs::path(dir_) / "results.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
  std::string path_;
};

ResultRecord make_record(const std::string& model, int layers, double energy) {
  ResultRecord r;
  r.model = model;
  r.context.started_at = "2026-11-27T01:00:00Z";
  r.context.backend = "reference";
  r.context.energy_provenance = Provenance::EnergyCounter;
  r.network.time_ns.count = 10;
  r.network.time_ns.mean = 1e6;
  Summary e;
  e.count = 5;
  e.mean = energy;
  r.network.energy_j = e;
  for (int i = 0; i < layers; ++i) {
    LayerResult l;
    l.index = i;
    l.name = model + "/layer" + std::to_string(i);
    l.type = "Conv";
    l.time_ns.count = 10;
    l.time_ns.mean = 1000.0 + i;
    if (i % 2 == 0)
      l.energy = EnergyEstimate{AttributionMethod::Trace, energy / layers, 0.001, 100.0, 0.5, 40};
    l.counters = {{"instructions", 1e6 * i}, {"cycles", 2e6 * i}};
    r.layers.push_back(l);
  }
  return r;
}

int64_t layer_rows(const std::string& path, int64_t run_id) {
  sql::Database db(path, false);
  sql::Statement s(db, "SELECT count(*) FROM layers WHERE run_id = ?");
  s.bind(1, run_id);
  s.step();
  return s.int_at(0);
}

TEST_F(StoreTest, AppendsAndLoadsRuns) {
  {
    ResultStore store(path_);
    EXPECT_EQ(store.schema_version(), kStoreSchemaVersion);
    EXPECT_EQ(store.append(make_record("alexnet", 4, 1.0)), 1);
    EXPECT_EQ(store.append(make_record("resnet50", 3, 2.0)), 2);
  }
  ResultStore store(path_);  // reopened: persisted
  const auto all = store.runs();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].model, "alexnet");
  EXPECT_EQ(all[0].layers, 4);
  EXPECT_FALSE(all[0].partial);
  ASSERT_EQ(store.runs({.model = "resnet50"}).size(), 1u);
  const ResultRecord back = store.load(2);
  EXPECT_EQ(back.model, "resnet50");
  ASSERT_EQ(back.layers.size(), 3u);
  EXPECT_DOUBLE_EQ(back.layers[2].counters.at("cycles"), 4e6);
  EXPECT_FALSE(back.layers[1].energy.has_value());
  EXPECT_EQ(layer_rows(path_, 1), 4);
  EXPECT_THROW(store.load(99), Error);
  EXPECT_EQ(store.integrity(), "ok");
}

// Filters pick runs by network, backend, device and start date; each unset field lets all pass.
TEST_F(StoreTest, ListsRunsByNetworkBackendDeviceAndDate) {
  ResultStore store(path_);
  auto record = [](const std::string& model, const std::string& backend, const std::string& host,
                   const std::string& started) {
    ResultRecord r = make_record(model, 2, 1.0);
    r.context.backend = backend;
    r.context.host = host;
    r.context.cpu_model = "Test CPU @ 2.0GHz";
    r.context.started_at = started;
    return r;
  };
  store.append(record("alexnet", "onednn", "lab1", "2026-11-30T23:59:59Z"));
  store.append(record("alexnet", "blas", "lab1", "2026-12-01T00:00:00Z"));
  store.append(record("resnet50", "onednn", "lab2", "2026-12-04T10:00:00Z"));
  auto ids = [&](const RunFilter& f) {
    std::vector<int64_t> out;
    for (const auto& r : store.runs(f)) out.push_back(r.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(ids({.model = "alexnet"}), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(ids({.backend = "onednn"}), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(ids({.device = "lab2"}), (std::vector<int64_t>{3}));
  EXPECT_EQ(ids({.device = "Test CPU"}), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(ids({.device = "lab"}), (std::vector<int64_t>{}));  // a host is named in full
  EXPECT_EQ(ids({.since = "2026-12-01"}), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(ids({.until = "2026-12-01"}), (std::vector<int64_t>{1, 2}));  // the whole day
  EXPECT_EQ(ids({.until = "2026-11"}), (std::vector<int64_t>{1}));
  EXPECT_EQ(ids({.model = "alexnet", .backend = "onednn"}), (std::vector<int64_t>{1}));
  const auto listed = store.runs({.model = "resnet50"});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].host, "lab2");
  EXPECT_GT(listed[0].time_ns_mean, 0.0);
  EXPECT_EQ(listed[0].precision, "fp32");
  ResultRecord bf16 = record("resnet50", "onednn", "lab2", "2026-12-05T10:00:00Z");
  bf16.context.precision = "bf16";
  store.append(bf16);
  EXPECT_EQ(store.runs({.model = "resnet50"}).back().precision, "bf16");
}

// rm takes the run with its layers and counters, all or nothing.
TEST_F(StoreTest, RemovesRunsAllOrNone) {
  ResultStore store(path_);
  for (int i = 0; i < 3; ++i) store.append(make_record("net" + std::to_string(i), 3, 1.0));
  EXPECT_THROW(store.remove({1, 99}), Error);
  EXPECT_EQ(store.runs().size(), 3u);  // the unknown id removed nothing
  EXPECT_EQ(layer_rows(path_, 1), 3);
  store.remove({1, 3});
  const auto left = store.runs();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].model, "net1");
  EXPECT_EQ(layer_rows(path_, 1), 0);
  EXPECT_EQ(layer_rows(path_, 3), 0);
  EXPECT_EQ(layer_rows(path_, 2), 3);
  EXPECT_EQ(store.integrity(), "ok");
  EXPECT_EQ(store.append(make_record("after", 2, 1.0)), 4);  // ids are not reused
}

TEST_F(StoreTest, RefusesFilesThatAreNotStores) {
  { std::ofstream(path_) << "name,value\nnot,a database\n"; }
  EXPECT_THROW(ResultStore store(path_), Error);
  const std::string other = (fs::path(dir_) / "other.db").string();
  {
    sql::Database db(other, true);
    db.exec("CREATE TABLE photos (id INTEGER)");
  }
  EXPECT_THROW(ResultStore store(other), Error);
}

TEST_F(StoreTest, RefusesNewerSchema) {
  { ResultStore store(path_); }
  {
    sql::Database db(path_, false);
    db.exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  }
  try {
    ResultStore store(path_);
    FAIL() << "opened a store with a newer schema";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(e.what()).find("schema version 99"), std::string::npos);
  }
}

// Each way a store path can fail names its cause, with the kind the exit-code contract gives it:
// a path that cannot hold a store is bad input (2), permission denied is unavailable (3).
TEST_F(StoreTest, OpenFailuresNameTheCause) {
  { std::ofstream(fs::path(dir_) / "garbage.db") << "name,value\nnot,a database\n"; }
  const struct {
    std::string path;
    ErrorKind kind;
    std::string cause;
  } cases[] = {
      {(fs::path(dir_) / "missing" / "x.db").string(), ErrorKind::BadInput,
       "directory '" + (fs::path(dir_) / "missing").string() + "' does not exist"},
      {dir_, ErrorKind::BadInput, "it is a directory"},
      {"/dev/full/x.db", ErrorKind::BadInput, "not a directory"},
      {(fs::path(dir_) / "garbage.db").string(), ErrorKind::BadInput, "not a SQLite database"},
      // sysfs refuses new files even to root, so this fails under any user
      {"/sys/synergy-test.db", ErrorKind::Unavailable, "permission denied"},
  };
  for (const auto& c : cases) {
    try {
      ResultStore store(c.path);
      ADD_FAILURE() << "opened " << c.path;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), c.kind) << c.path << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find(c.cause), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.path), std::string::npos) << e.what();
    }
  }
}

TEST_F(StoreTest, OpeningWithoutCreateMakesNoFile) {
  StoreOptions options;
  options.create = false;
  try {
    ResultStore store(path_, options);
    FAIL() << "opened a store that does not exist";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(e.what()).find("no results store"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(path_));
}

// A run without a single completed sample is no result: the store refuses it.
TEST_F(StoreTest, RefusesARunWithoutSamples) {
  ResultStore store(path_);
  ResultRecord empty = make_record("alexnet", 3, 1.0);
  empty.partial = true;
  empty.network.time_ns = Summary{};
  for (auto& l : empty.layers) l.time_ns = Summary{};
  try {
    store.append(empty);
    FAIL() << "stored a run without samples";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(e.what()).find("no completed sample"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(store.runs().empty());
  ResultRecord layers_only = empty;  // timed per layer, but the network phase ran out of budget
  layers_only.layers[0].time_ns.count = 3;
  EXPECT_EQ(store.append(layers_only), 1);
}

// Another connection holds a write transaction: the write waits the stated time, retries, then
// fails naming the cause and the holder; once the lock is gone the same write goes through.
TEST_F(StoreTest, LockedWriteWaitsBoundedThenNamesTheLock) {
  StoreOptions options;
  options.lock_wait_ms = 600;
  ResultStore store(path_, options);
  sql::Database other(path_, false);
  other.exec("BEGIN IMMEDIATE");
  other.exec("INSERT INTO meta (key, value) VALUES ('holder', 'test')");
  const auto t0 = std::chrono::steady_clock::now();
  try {
    store.append(make_record("alexnet", 3, 1.0));
    FAIL() << "wrote past another connection's write lock";
  } catch (const Error& e) {
    const double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_GE(waited, 0.55);
    EXPECT_LT(waited, 5.0);
    EXPECT_EQ(e.kind(), ErrorKind::Runtime);
    const std::string what = e.what();
    EXPECT_NE(what.find("locked by another process"), std::string::npos) << what;
    EXPECT_NE(what.find("no write lock after waiting 0."), std::string::npos) << what;
  }
  other.exec("ROLLBACK");
  EXPECT_EQ(store.append(make_record("alexnet", 3, 1.0)), 1);
}

TEST_F(StoreTest, LockReleasedWhileWaitingLetsTheWriteThrough) {
  StoreOptions options;
  options.lock_wait_ms = 20'000;
  ResultStore store(path_, options);
  sql::Database other(path_, false);
  other.exec("BEGIN IMMEDIATE");
  std::thread release([&other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    other.exec("ROLLBACK");
  });
  EXPECT_EQ(store.append(make_record("alexnet", 3, 1.0)), 1);
  release.join();
}

// The holder's process id comes from /proc/locks when it is another process.
TEST_F(StoreTest, LockHeldByAnotherProcessNamesItsPid) {
  { ResultStore store(path_); }
  int ready[2], done[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(done), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    sql::Database db(path_, false);
    db.exec("BEGIN IMMEDIATE");
    db.exec("INSERT INTO meta (key, value) VALUES ('holder', 'child')");
    char c = 'r';
    if (write(ready[1], &c, 1) != 1 || read(done[0], &c, 1) != 1) _exit(1);
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  StoreOptions options;
  options.lock_wait_ms = 200;
  ResultStore store(path_, options);  // a read: the lock does not hold up opening
  try {
    store.append(make_record("alexnet", 3, 1.0));
    ADD_FAILURE() << "wrote past another process's write lock";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("(pid " + std::to_string(child) + ")"), std::string::npos)
        << e.what();
  }
  ASSERT_EQ(write(done[1], &c, 1), 1);
  int status = 0;
  waitpid(child, &status, 0);
}

// SQLite's page limit makes a real write fail as a full disk does ("database or disk is full").
TEST_F(StoreTest, FullDiskIsNamed) {
  sql::Database db(path_, true);
  db.exec("CREATE TABLE t (v BLOB)");
  db.exec("PRAGMA max_page_count = 3");
  try {
    db.exec("INSERT INTO t VALUES (zeroblob(100000))");
    FAIL() << "wrote past the page limit";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Runtime);
    EXPECT_NE(std::string(e.what()).find("disk full"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path_), std::string::npos) << e.what();
  }
}

TEST_F(StoreTest, FindsAStoredRecordAfterAJsonRoundTrip) {
  ResultStore store(path_);
  const ResultRecord r = make_record("alexnet", 4, 1.5);
  EXPECT_FALSE(store.find(r).has_value());
  const int64_t id = store.append(r);
  EXPECT_EQ(store.find(result_from_json(result_to_json(r))), id);
  EXPECT_FALSE(store.find(make_record("alexnet", 4, 2.5)).has_value());
}

// A run the store could not take is written beside the store, or in the current directory
// when the store's directory refuses files; the file reads back as the same record.
TEST_F(StoreTest, UnstoredRunIsSavedBesideTheStoreOrHere) {
  const ResultRecord r = make_record("alexnet", 2, 1.0);
  const std::string beside = save_unstored_run(r, path_);
  EXPECT_EQ(fs::path(beside).parent_path(), fs::path(dir_));
  EXPECT_EQ(fs::path(beside).filename().string().rfind("results.db.unstored-", 0), 0u) << beside;
  std::ifstream in(beside);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(result_to_json(result_from_json(text.str())), result_to_json(r));

  const fs::path cwd = fs::current_path();
  fs::current_path(dir_);
  const std::string here = save_unstored_run(r, "/sys/results.db");
  fs::current_path(cwd);
  EXPECT_EQ(fs::path(here).parent_path(), fs::path());
  EXPECT_TRUE(fs::exists(fs::path(dir_) / here)) << here;
  EXPECT_NE(here, fs::path(beside).filename().string());
}

// A writer killed with SIGKILL in the middle of its writes never damages earlier results.
TEST_F(StoreTest, SurvivesWriterKilledMidWrite) {
  std::vector<ResultRecord> earlier;
  {
    ResultStore store(path_);
    for (int i = 0; i < 3; ++i) {
      earlier.push_back(make_record("early" + std::to_string(i), 5, 1.0 + i));
      store.append(earlier.back());
    }
  }
  std::mt19937 rng(1234);
  int64_t acknowledged = 0;
  for (int round = 0; round < 4; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      ResultStore store(path_);
      const ResultRecord big = make_record("victim", 3000, 9.0);
      while (true) {
        store.append(big);
        const char ack = 'c';
        if (write(fds[1], &ack, 1) != 1) _exit(1);
      }
    }
    close(fds[1]);
    char ack = 0;
    ASSERT_EQ(read(fds[0], &ack, 1), 1);  // one big run committed: the writer is busy now
    ++acknowledged;
    usleep(std::uniform_int_distribution<useconds_t>(1000, 30000)(rng));
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFSIGNALED(status));
    while (read(fds[0], &ack, 1) == 1) ++acknowledged;
    close(fds[0]);
  }

  ResultStore store(path_);
  EXPECT_EQ(store.integrity(), "ok");
  const auto runs = store.runs();
  ASSERT_GE(static_cast<int64_t>(runs.size()), 3 + acknowledged);
  for (int i = 0; i < 3; ++i) {
    const ResultRecord back = store.load(runs[static_cast<size_t>(i)].id);
    EXPECT_EQ(back.model, earlier[static_cast<size_t>(i)].model);
    EXPECT_EQ(back.layers.size(), 5u);
    EXPECT_DOUBLE_EQ(back.network.energy_j->mean, 1.0 + i);
  }
  for (const auto& run : runs) {  // every stored run is whole: no half-written run survives
    EXPECT_EQ(layer_rows(path_, run.id), run.layers) << "run " << run.id;
    EXPECT_EQ(static_cast<int64_t>(store.load(run.id).layers.size()), run.layers);
  }
  EXPECT_EQ(store.append(make_record("after", 2, 1.0)), runs.back().id + 1);
}

}  // namespace
}  // namespace synergy
