#include "store/result_store.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "store/sqlite.hpp"
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
  r.context.energy_provenance = "energy_counter";
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
    if (i % 2 == 0) l.energy = EnergyEstimate{"trace", energy / layers, 0.001, 100.0, 0.5, 40};
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
  ASSERT_EQ(store.runs("resnet50").size(), 1u);
  const ResultRecord back = store.load(2);
  EXPECT_EQ(back.model, "resnet50");
  ASSERT_EQ(back.layers.size(), 3u);
  EXPECT_DOUBLE_EQ(back.layers[2].counters.at("cycles"), 4e6);
  EXPECT_FALSE(back.layers[1].energy.has_value());
  EXPECT_EQ(layer_rows(path_, 1), 4);
  EXPECT_THROW(store.load(99), Error);
  EXPECT_EQ(store.integrity(), "ok");
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

TEST_F(StoreTest, OpenFailsWithUnavailableForBadDirectory) {
  try {
    ResultStore store((fs::path(dir_) / "missing" / "x.db").string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Unavailable);
  }
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
