// `synergy runs show | diff | export` on a store of known records: each prints what was stored,
// in the units the CLI speaks, and a bad id or store is bad input that writes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "result/json.hpp"
#include "result/sample_record.hpp"
#include "run_binary.hpp"
#include "store/result_store.hpp"

namespace synergy::testing {
namespace {

namespace fs = std::filesystem;

class RunsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(synergy_binary())) << "binary not built: " << synergy_binary();
    a_ = sample_record();
    b_ = a_;
    b_.context.threads = 4;
    b_.layers[0].time_ns = summary(1.8e6, 30);  // conv 20 % slower
    ResultStore store(store_path());
    store.append(a_);
    store.append(b_);
  }
  std::string store_path() const { return dir_ / "runs.db"; }
  ScratchDir dir_;
  ResultRecord a_, b_;
};

TEST_F(RunsCli, ShowPrintsTheStoredRecordInEachFormat) {
  const RunResult json = run_synergy("runs show 2 --format json --store " + store_path());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(result_to_json(result_from_json(json.out)), result_to_json(b_));
  const RunResult csv = run_synergy("runs show 1 --format csv --store " + store_path());
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("\"conv1, 3x3\""), std::string::npos) << csv.out;
  const RunResult table = run_synergy("runs show 1 --store " + store_path());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("tinynet"), std::string::npos) << table.out;
}

// list: in the CLI's units (ms, mJ), filtered, in every format; rm takes runs out, all or none.
TEST_F(RunsCli, ListFiltersAndRmRemoves) {
  const RunResult json = run_synergy("runs list --format json --store " + store_path());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j.at("format"), "synergy-runs");
  ASSERT_EQ(j.at("runs").size(), 2u);
  EXPECT_EQ(j.at("runs").at(1).at("threads"), 4);
  EXPECT_NEAR(j.at("runs").at(0).at("time_ms").get<double>(), a_.network.time_ns.mean * 1e-6,
              1e-12);
  EXPECT_NEAR(j.at("runs").at(0).at("energy_mj").get<double>(), a_.network.energy_j->mean * 1e3,
              1e-9);
  const RunResult none =
      run_synergy("runs list --format csv --backend no_such --store " + store_path());
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out.rfind("id,started,model,backend,threads,precision,host,time_ms,", 0), 0u)
      << none.out;
  EXPECT_EQ(std::count(none.out.begin(), none.out.end(), '\n'), 1) << none.out;
  const RunResult bad = run_synergy("runs rm 2 9 --store " + store_path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("no run 9"), std::string::npos) << bad.err;
  const RunResult rm = run_synergy("runs rm 1 --store " + store_path());
  ASSERT_EQ(rm.exit_code, 0) << rm.err;
  const RunResult table = run_synergy("runs list --store " + store_path());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\n 2 "), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("\n 1 "), std::string::npos) << table.out;
  EXPECT_NE(table.out.find(" ± "), std::string::npos) << table.out;
}

TEST_F(RunsCli, DiffGivesDeltasInMillisecondsWithSignificance) {
  const RunResult r = run_synergy("runs diff 1 2 --format json --store " + store_path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("context_changes"), nlohmann::json::array({"threads: 2 -> 4"}));
  const auto& conv = j.at("layers").at(0).at("time_ms");
  EXPECT_NEAR(conv.at("delta").get<double>(), 0.3, 1e-9);
  EXPECT_NEAR(conv.at("delta_pct").get<double>(), 20.0, 1e-9);
  EXPECT_EQ(conv.at("significant"), true);
  EXPECT_EQ(j.at("layers").at(1).at("time_ms").at("significant"), false);
  const RunResult table = run_synergy("runs diff 1 2 --store " + store_path());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("differs: threads: 2 -> 4"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("+20.0 %*"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("not measured"), std::string::npos) << table.out;
}

TEST_F(RunsCli, ExportWritesOneRecordPerLine) {
  const RunResult r = run_synergy("runs export --store " + store_path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(result_from_json(line).model, "tinynet");
    ++n;
  }
  EXPECT_EQ(n, 2);
  EXPECT_EQ(run_synergy("runs export --model other --store " + store_path()).out, "");
}

TEST_F(RunsCli, AnUnknownRunOrStoreIsBadInputAndCreatesNothing) {
  const RunResult r = run_synergy("runs diff 1 9 --store " + store_path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no run 9"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string missing = dir_ / "none.db";
  const RunResult m = run_synergy("runs show 1 --store " + missing);
  EXPECT_EQ(m.exit_code, 2) << m.err;
  EXPECT_FALSE(fs::exists(missing));
}

}  // namespace
}  // namespace synergy::testing
