// The profile record keeps the engine's precision and CUDA-graph setting in its context, and
// records written before those fields existed read back as float32 without graphs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "result/json.hpp"
#include "result/sample_record.hpp"

namespace synergy {
namespace {

TEST(RecordPrecision, RoundTripsThroughJson) {
  ResultRecord r = testing::sample_record();
  r.context.precision = "bf16";
  r.context.cuda_graph = true;
  const ResultRecord back = result_from_json(result_to_json(r));
  EXPECT_EQ(back.context.precision, "bf16");
  EXPECT_TRUE(back.context.cuda_graph);
}

TEST(RecordPrecision, OlderRecordsReadAsFloat32WithoutGraphs) {
  ResultRecord r = testing::sample_record();
  r.context.precision = "fp16";
  r.context.cuda_graph = true;
  auto j = nlohmann::json::parse(result_to_json(r));
  j.at("context").erase("precision");
  j.at("context").erase("cuda_graph");
  const ResultRecord back = result_from_json(j.dump());
  EXPECT_EQ(back.context.precision, "fp32");
  EXPECT_FALSE(back.context.cuda_graph);
}

}  // namespace
}  // namespace synergy
