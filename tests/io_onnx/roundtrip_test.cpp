// Export -> import gives back the same layers with identical analytic costs.
#include <gtest/gtest.h>

#include "graph/builder.hpp"
#include "graph/cost.hpp"
#include "io/onnx/onnx.hpp"
#include "roundtrip.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

TEST(OnnxRoundTrip, EveryOpKeepsItsCosts) {
  expect_same_costs_after_round_trip(every_op());
}

TEST(OnnxRoundTrip, BatchSurvivesAndCanChange) {
  Graph g = every_op();
  g.set_batch(3);
  const Graph back = import_onnx_bytes(export_onnx_bytes(g), "every_op.onnx", 3);
  EXPECT_EQ(analyze(back).total.macs, analyze(g).total.macs);
  Graph again = import_onnx_bytes(export_onnx_bytes(g), "every_op.onnx", 1);
  again.set_batch(3);
  EXPECT_EQ(analyze(again).total.macs, analyze(g).total.macs);
}

TEST(OnnxRoundTrip, LoadedParamsAreWrittenExactly) {
  Graph g = every_op();
  g.materialize_params(42);
  const Graph back = import_onnx_bytes(export_onnx_bytes(g), "every_op.onnx");
  for (const char* name : {"conv1", "bn1", "fc1", "dw"}) {
    const Node* a = nullptr;
    const Node* b = nullptr;
    for (const auto& n : g.nodes)
      if (n.name == name) a = &n;
    for (const auto& n : back.nodes)
      if (n.name == name) b = &n;
    ASSERT_TRUE(a && b) << name;
    ASSERT_EQ(a->params.size(), b->params.size()) << name;
    for (size_t i = 0; i < a->params.size(); ++i) {
      EXPECT_EQ(a->params[i].data, b->params[i].data) << name << " " << a->params[i].name;
    }
  }
}

TEST(OnnxRoundTrip, WithinChannelLrnIsRefusedByName) {
  GraphBuilder b("lrn", "test");
  ValueId x = b.input("data", {1, 4, 5, 5});
  LrnAttrs a;
  a.across_channels = false;
  x = b.add1("local", a, {x});
  try {
    export_onnx_bytes(b.finish({x}));
    ADD_FAILURE() << "exported";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("local"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace synergy
