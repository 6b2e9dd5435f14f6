// Winograd convolutions on onednn: only dense 3x3 stride-1 fp32 convolutions take them, the
// program says which, the outputs match the reference as the direct kernels' do, and both
// switches (OnednnOptions, EngineContext) turn them off.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/skip.hpp"
#include "engine/backends.hpp"
#include "engine/onednn/onednn_backend.hpp"
#include "graph/builder.hpp"
#include "harness.hpp"

namespace synergy::onednn_test {
namespace {

ConvAttrs conv(int64_t out, int64_t k, int64_t stride, int64_t groups = 1) {
  return ConvAttrs{out, {k, k}, {stride, stride}, {1, 1}, Pads::same(k / 2), groups, true};
}

// Layers 0 and 3 suit Winograd (dense 3x3 stride 1); the others do not: a ReLU (fused into
// layer 0), a 3x3 stride-2, a 1x1 and a depthwise 3x3.
Graph mixed_convolutions() {
  GraphBuilder b("mixed", "test");
  ValueId x = b.input("x", Shape{1, 16, 20, 20});
  x = b.add1("dense3x3", conv(32, 3, 1), {x});
  x = b.add1("relu", ActivationAttrs{}, {x});
  x = b.add1("strided3x3", conv(32, 3, 2), {x});
  x = b.add1("second3x3", conv(32, 3, 1), {x});
  x = b.add1("pointwise", conv(16, 1, 1), {x});
  Graph g = b.finish({b.add1("depthwise3x3", conv(16, 3, 1, 16), {x})});
  g.materialize_params(5);
  return g;
}

const std::vector<std::string> kWinograd{"winograd", "", "", "winograd", "", ""};

// Per layer its algorithm without the tile ("winograd_4x3" -> "winograd").
std::vector<std::string> algorithms(const Program& p, const Graph& g) {
  std::vector<std::string> a;
  for (size_t i = 0; i < g.nodes.size(); ++i) a.push_back(p.algorithm(i).substr(0, 8));
  return a;
}

// The algorithm names the tile of the kernel oneDNN chose, as its implementation does.
TEST(OnednnWinograd, TheAlgorithmNamesTheTileOfTheKernelThatRuns) {
  const Graph g = mixed_convolutions();
  const auto program = make_onednn_backend()->compile(g, EngineContext{1, 1});
  if (!onednn_has_winograd())
    GTEST_SKIP() << test::skip::kNoAvx512Cpu << ": oneDNN has no Winograd kernel for this CPU";
  for (size_t layer : {0u, 3u}) {
    const std::string algorithm = program->algorithm(layer);
    ASSERT_THAT(algorithm, testing::AnyOf("winograd_2x3", "winograd_4x3"));
    EXPECT_THAT(program->kernels(layer),
                testing::Contains(testing::HasSubstr("wino_" + algorithm.substr(9))));
  }
}

TEST(OnednnWinograd, OnlyDense3x3Stride1ConvolutionsTakeItAndMatchTheReference) {
  const Graph g = mixed_convolutions();
  auto backend = make_onednn_backend();
  const auto program = backend->compile(g, EngineContext{1, 1});
  if (!onednn_has_winograd())
    GTEST_SKIP() << test::skip::kNoAvx512Cpu << ": oneDNN has no Winograd kernel for this CPU";
  EXPECT_EQ(algorithms(*program, g), kWinograd);
  EXPECT_LT(error_vs_reference(*backend, g), 1e-5);
}

TEST(OnednnWinograd, BothSwitchesComputeEveryConvolutionDirectly) {
  const Graph g = mixed_convolutions();
  const std::vector<std::string> direct(g.nodes.size());
  OnednnOptions off;
  off.winograd = false;
  auto without = make_onednn_backend(off);
  EXPECT_EQ(algorithms(*without->compile(g, EngineContext{1, 1}), g), direct);
  EXPECT_LT(error_vs_reference(*without, g), 1e-5);
  EngineContext context{1, 1};
  context.winograd = false;
  EXPECT_EQ(algorithms(*make_onednn_backend()->compile(g, context), g), direct);
  // The other CPU backends compute directly.
  for (const char* name : {"blas", "reference"})
    EXPECT_EQ(algorithms(*make_backend(name)->compile(g, EngineContext{1, 1}), g), direct) << name;
}

}  // namespace
}  // namespace synergy::onednn_test
