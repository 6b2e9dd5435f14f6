// Layouts the onednn backend picks between layers: a concat of parts with partial channel
// blocks (a dense block of growth 8 after a Winograd convolution, which writes 16-channel
// blocks) and a batch norm on plain NCHW both run on oneDNN's vectorised kernels, never on its
// scalar reference ones, and compute what the reference backend does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/backends.hpp"
#include "engine/onednn/onednn_backend.hpp"
#include "graph/builder.hpp"
#include "harness.hpp"
#include "zoo/blocks.hpp"

namespace synergy::onednn_test {
namespace {

// 0 stem conv (16), 1 growth conv (8), 2 concat (24), 3 bn, 4 relu, 5 growth conv (8),
// 6 concat (32), 7 bn, 8 relu, 9 conv.
Graph dense_block() {
  GraphBuilder b("dense", "test");
  ValueId x = b.input("x", Shape{1, 3, 24, 24});
  ValueId stem = b.add1("stem", zoo::conv(16, 3, 1, 1), {x});
  ValueId grow1 = b.add1("grow1", zoo::conv(8, 3, 1, 1), {stem});
  ValueId cat1 = b.add1("cat1", ConcatAttrs{1}, {stem, grow1});
  ValueId bn1 = b.add1("bn1", BatchNormAttrs{}, {cat1});
  ValueId r1 = b.add1("relu1", ActivationAttrs{}, {bn1});
  ValueId grow2 = b.add1("grow2", zoo::conv(8, 3, 1, 1), {r1});
  ValueId cat2 = b.add1("cat2", ConcatAttrs{1}, {cat1, grow2});
  ValueId bn2 = b.add1("bn2", BatchNormAttrs{}, {cat2});
  ValueId r2 = b.add1("relu2", ActivationAttrs{}, {bn2});
  Graph g = b.finish({b.add1("head", zoo::conv(4, 1), {r2})});
  g.materialize_params(7);
  return g;
}

// A kernel oneDNN 2.6 runs one value at a time.
bool scalar(const std::string& kernel) {
  return kernel.find("ref") != std::string::npos || kernel.find("ncsp") != std::string::npos;
}

TEST(OnednnLayout, ConcatsOfPartialChannelBlocksFeedVectorisedBatchNorms) {
  const Graph g = dense_block();
  auto backend = make_onednn_backend();
  const auto program = backend->compile(g, EngineContext{1, 1});
  for (size_t layer : {2u, 3u, 6u, 7u}) {
    const std::vector<std::string> kernels = program->kernels(layer);
    EXPECT_THAT(kernels, testing::Not(testing::IsEmpty())) << g.nodes[layer].name;
    for (const auto& k : kernels) EXPECT_FALSE(scalar(k)) << g.nodes[layer].name << ": " << k;
  }
  EXPECT_LT(error_vs_reference(*backend, g), 1e-5);
}

// A batch norm whose input is plain NCHW (the network input) is brought to channels-last.
TEST(OnednnLayout, ABatchNormOnPlainInputRunsVectorised) {
  GraphBuilder b("bn", "test");
  ValueId x = b.input("x", Shape{1, 24, 10, 10});
  Graph g = b.finish({b.add1("bn", BatchNormAttrs{}, {x})});
  g.materialize_params(3);
  auto backend = make_onednn_backend();
  const auto program = backend->compile(g, EngineContext{1, 1});
  const std::vector<std::string> kernels = program->kernels(0);
  EXPECT_THAT(kernels, testing::Contains(testing::HasSubstr("bnorm")));
  for (const auto& k : kernels) EXPECT_FALSE(scalar(k)) << k;
  EXPECT_LT(error_vs_reference(*backend, g), 1e-5);
}

// Every step is named; a plain loop says so.
TEST(OnednnLayout, EveryStepOfALayerIsNamed) {
  const Graph g = dense_block();
  const auto program = make_onednn_backend()->compile(g, EngineContext{1, 1});
  for (size_t layer = 0; layer < g.nodes.size(); ++layer) {
    for (const auto& k : program->kernels(layer)) EXPECT_FALSE(k.empty()) << g.nodes[layer].name;
  }
  EXPECT_THAT(make_backend("reference")->compile(g, EngineContext{1, 1})->kernels(0),
              testing::IsEmpty());
}

}  // namespace
}  // namespace synergy::onednn_test
