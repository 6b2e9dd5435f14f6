// The session on this machine (no GPU, or a build without CUDA): it says why and runs nothing.
// On a GPU: SqueezeNet's convolutions execute 2 x MACs FP32 FLOPs and read DRAM.
#include <gtest/gtest.h>

#include <cmath>

#include "common/skip.hpp"
#include "engine/cudnn/cudnn_backend.hpp"
#include "engine/engine.hpp"
#include "graph/cost.hpp"
#include "graph/graph.hpp"
#include "measure/gpu_counters/gpu_counter_session.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

GpuMetricRequest default_request() {
  return load_gpu_presets(SYNERGY_SOURCE_DIR "/data/gpu_counters").request_of("default");
}

TEST(GpuCounterSession, WithoutAGpuItSaysWhyAndRunsNothing) {
  if (cuda_unavailable_reason().empty())
    GTEST_SKIP() << test::skip::kGpuPresent << ": a CUDA device is here";
  GpuCounterRequest req;
  req.layer_names = {"conv1", "relu1"};
  req.metrics = default_request();
  GpuCounterSession session(req);
  EXPECT_FALSE(session.unavailable_reason().empty());
  EXPECT_EQ(session.passes_needed(), 1u);
  Graph dummy;
  EXPECT_FALSE(session.wants(dummy, 0));
  session.before_layer(0);  // harmless when unavailable
  session.after_layer(0);
  int runs = 0;
  const GpuCounterResult r = session.collect([&] { ++runs; });
  EXPECT_EQ(runs, 0);
  EXPECT_EQ(r.unavailable, session.unavailable_reason());
  EXPECT_TRUE(r.layers.empty());
}

TEST(GpuCounterSession, NoLayersOrNoMetricsIsUnavailableNotACrash) {
  GpuCounterRequest no_layers;
  no_layers.metrics = default_request();
  EXPECT_FALSE(GpuCounterSession(no_layers).unavailable_reason().empty());
  GpuCounterRequest no_metrics;
  no_metrics.layer_names = {"conv1"};
  EXPECT_FALSE(GpuCounterSession(no_metrics).unavailable_reason().empty());
}

// Executed FP32 FLOPs of a convolution are at least its useful work (2 x MACs) and more where
// cuDNN's tiles overhang the layer: measured on an H200, SqueezeNet's 16-channel squeezes execute
// 2.04x their MACs (tiles of 32 output channels), the wide layers 1.02-1.19x, all convs 1.08x.
// Counters assigned to the wrong layer, lost, or counted twice fall outside these bounds.
TEST(GpuCounterSession, SqueezeNetConvFlopsCoverTheirMacs) {
  const std::string why = cuda_unavailable_reason();
  if (!why.empty()) GTEST_SKIP() << test::skip::kNoGpu << ": " << why;
  EngineContext ec;
  ec.fuse_layers = false;  // every layer in its own kernels: conv FLOPs are the conv's own
  Engine engine(build_zoo_network("squeezenet"), "cudnn", ec);
  const Graph& g = engine.graph();
  GpuCounterRequest req;
  for (const auto& n : g.nodes) req.layer_names.push_back(n.name);
  req.metrics = default_request();
  GpuCounterSession session(req);
  if (!session.unavailable_reason().empty())
    GTEST_SKIP() << test::skip::kNoGpuCounters << ": " << session.unavailable_reason();
  const auto inputs = engine.random_inputs(3);
  auto outputs = engine.make_outputs();
  engine.set_observer(&session);
  const GpuCounterResult r = session.collect([&] { engine.run(inputs, outputs); });
  engine.set_observer(nullptr);
  ASSERT_EQ(r.unavailable, "");
  EXPECT_GE(r.passes, 1u);
  EXPECT_TRUE(r.unmatched_ranges.empty()) << r.unmatched_ranges.front();
  const NetworkCost cost = analyze(g);
  int convs = 0;
  double useful = 0.0, executed = 0.0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (cost.layers[i].type != "Conv") continue;
    ++convs;
    const double expected = 2.0 * static_cast<double>(cost.layers[i].cost.macs);
    ASSERT_TRUE(r.layers[i].count("fp32_flops")) << g.nodes[i].name;
    const double flops = r.layers[i].at("fp32_flops");
    EXPECT_GE(flops, 0.99 * expected) << g.nodes[i].name;
    EXPECT_LE(flops, 2.2 * expected) << g.nodes[i].name;
    useful += expected;
    executed += flops;
    ASSERT_TRUE(r.layers[i].count("dram_bytes")) << g.nodes[i].name;
    EXPECT_GT(r.layers[i].at("dram_bytes"), 0.0) << g.nodes[i].name;
  }
  EXPECT_GT(convs, 20);
  EXPECT_GE(executed, useful);
  EXPECT_LE(executed, 1.15 * useful);
}

}  // namespace
}  // namespace synergy
