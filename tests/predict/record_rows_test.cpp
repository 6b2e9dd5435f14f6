#include "predict/record_rows.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "predict/dataset.hpp"
#include "result/json.hpp"
#include "util/error.hpp"

namespace synergy::predict {
namespace {

ResultRecord record(const std::string& model, double conv_energy_j, bool with_energy) {
  ResultRecord r;
  r.model = model;
  r.context.cpu_model = "test cpu";
  r.context.backend = "reference";
  r.context.threads = 1;
  r.context.batch = 1;
  r.context.energy_provenance =
      with_energy ? std::optional(Provenance::IntegratedPower) : std::nullopt;
  LayerResult conv;
  conv.name = "conv1";
  conv.type = "Conv";
  conv.time_ns.count = 5;
  conv.time_ns.mean = 2e6;
  conv.time_ns.stddev = 1e5;
  if (with_energy)
    conv.energy = EnergyEstimate{AttributionMethod::Trace, conv_energy_j, 1e-4, 5.0, 0.1, 50};
  conv.counters["instructions"] = 1e6;
  LayerResult relu;
  relu.name = "relu1";
  relu.type = "Activation";
  relu.time_ns.count = 5;
  relu.time_ns.mean = 1e5;
  r.layers = {conv, relu};
  return r;
}

TEST(RecordRows, LayersBecomeRowsAndMissingQuantitiesStayBlank) {
  Dataset d = make_dataset(
      record_table({record("alexnet", 0.01, true), record("vgg", 0.0, false)}, "runs"));
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d.network[0], "alexnet");
  EXPECT_EQ(d.layer[1], "relu1");
  EXPECT_EQ(d.layer_type[0], "Conv");
  EXPECT_EQ(d.platform[0].backend, "reference");
  EXPECT_EQ(d.platform[0].device, "test cpu");
  EXPECT_DOUBLE_EQ(d.column("time_ms")[0], 2.0);
  EXPECT_DOUBLE_EQ(d.column("energy_mj")[0], 10.0);
  EXPECT_TRUE(std::isnan(d.column("energy_mj")[1]));  // relu1: not attributed
  EXPECT_TRUE(std::isnan(d.column("energy_mj")[2]));  // vgg: no energy measured, not 0
  EXPECT_DOUBLE_EQ(d.column("instructions")[0], 1e6);
  EXPECT_TRUE(std::isnan(d.column("instructions")[1]));
}

TEST(RecordRows, LatestRunOfANetworkAndPlatformWins) {
  Dataset d = make_dataset(
      record_table({record("alexnet", 0.01, true), record("alexnet", 0.02, true)}, "runs"));
  ASSERT_EQ(d.size(), 2u);
  EXPECT_DOUBLE_EQ(d.column("energy_mj")[0], 20.0);
}

// A run interrupted before any sample (stored by older versions as "0.000 ms (n=0)") is no
// data, and a partial run never replaces a complete one: fit must not prefer either.
TEST(RecordRows, RunsWithoutSamplesAreLeftOutAndCompleteRunsWin) {
  ResultRecord empty = record("alexnet", 0.05, true);
  empty.partial = true;
  for (auto& l : empty.layers) l.time_ns = Summary{};
  ResultRecord partial = record("alexnet", 0.03, true);
  partial.partial = true;
  const ResultRecord complete = record("alexnet", 0.01, true);
  for (const auto& runs : {std::vector<ResultRecord>{complete, empty},
                           std::vector<ResultRecord>{complete, partial, empty},
                           std::vector<ResultRecord>{partial, complete}}) {
    Dataset d = make_dataset(record_table(runs, "runs"));
    ASSERT_EQ(d.size(), 2u);
    EXPECT_DOUBLE_EQ(d.column("energy_mj")[0], 10.0);
  }
  Dataset only_partial = make_dataset(record_table({empty, partial}, "runs"));
  EXPECT_DOUBLE_EQ(only_partial.column("energy_mj")[0], 30.0);
  EXPECT_THROW(record_table({empty}, "runs"), Error);
}

TEST(RecordRows, ALayerAPartialRunDidNotTimeHasNoTime) {
  ResultRecord partial = record("alexnet", 0.01, true);
  partial.partial = true;
  partial.layers[1].time_ns = Summary{};
  Dataset d = make_dataset(record_table({partial}, "runs"));
  EXPECT_DOUBLE_EQ(d.column("time_ms")[0], 2.0);
  EXPECT_TRUE(std::isnan(d.column("time_ms")[1]));  // not timed: blank, never 0
}

TEST(RecordRows, AMissingStoreIsAnErrorAndNoFileIsMade) {
  namespace fs = std::filesystem;
  const fs::path p = fs::temp_directory_path() / "synergy_predict_no_such_store.db";
  fs::remove(p);
  EXPECT_THROW(open_row_source(p.string())->read(), Error);
  EXPECT_FALSE(fs::exists(p));
}

TEST(RecordRows, JsonProfileFileIsADataset) {
  namespace fs = std::filesystem;
  fs::path p = fs::temp_directory_path() / "synergy_predict_record_rows.json";
  std::ofstream(p) << result_to_json(record("squeezenet", 0.005, true));
  Table t = open_row_source(p.string())->read();
  fs::remove(p);
  EXPECT_EQ(t.rows.size(), 2u);
  EXPECT_TRUE(t.has("energy_mj"));
  EXPECT_THROW(record_table({}, "empty"), Error);
  EXPECT_THROW(open_row_source("data.xlsx"), Error);
}

}  // namespace
}  // namespace synergy::predict
