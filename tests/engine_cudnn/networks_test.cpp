// Zoo networks on the GPU against the reference: float32 at batch 1 and 3, stream and CUDA-graph
// replay (relative L2 < 5e-4, relative max < 1e-3); TF32, float16 and
// bfloat16 at batch 2 (relative L2 within the precision's tolerance, gpu_harness.hpp).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/engine.hpp"
#include "gpu_harness.hpp"
#include "helpers.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

using NetParam = std::tuple<std::string, int64_t>;
class CudnnNetworks : public ::testing::TestWithParam<NetParam> {};

TEST_P(CudnnNetworks, AgreeWithReference) {
  SKIP_WITHOUT_GPU();
  const auto& [name, batch] = GetParam();
  Graph g = build_zoo_network(name);
  g.set_batch(batch);
  const auto inputs = test::random_inputs_for(g, 9);
  const auto want = test::run_on("reference", g, inputs, 0, 3);
  for (bool graph_mode : {false, true}) {
    const auto got = test::run_cudnn(g, inputs, Precision::fp32, graph_mode, 3);
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_LT(test::relative_l2_error(got[i], want[i]), test::kNetworkL2Float32)
          << name << " graph " << graph_mode;
      EXPECT_LT(test::relative_max_error(got[i], want[i]), 1e-3) << name << " graph " << graph_mode;
    }
  }
}

std::string network_name(const ::testing::TestParamInfo<NetParam>& p) {
  return std::get<0>(p.param) + "_batch" + std::to_string(std::get<1>(p.param));
}

// LRN and grouped conv, concat, residual adds, depthwise, channel shuffle (slice/transpose).
INSTANTIATE_TEST_SUITE_P(
    Zoo, CudnnNetworks,
    ::testing::Combine(::testing::Values("alexnet", "squeezenet", "squeezenet_residual", "resnet18",
                                         "mobilenet_v2", "shufflenet_v2", "googlenet"),
                       ::testing::Values(int64_t{1}, int64_t{3})),
    network_name);

class CudnnNetworkPrecisions : public ::testing::TestWithParam<std::string> {};

// Every reduced precision, stream and replayed, within its tolerance of the float32 reference.
TEST_P(CudnnNetworkPrecisions, AgreeWithReferenceWithinTolerance) {
  SKIP_WITHOUT_GPU();
  Graph g = build_zoo_network(GetParam());
  g.set_batch(2);
  const auto inputs = test::random_inputs_for(g, 9);
  const auto want = test::run_on("reference", g, inputs, 0, 3);
  for (Precision p : {Precision::tf32, Precision::fp16, Precision::bf16}) {
    for (bool graph_mode : {false, true}) {
      const auto got = test::run_cudnn(g, inputs, p, graph_mode, 3);
      ASSERT_EQ(got.size(), want.size());
      for (size_t i = 0; i < got.size(); ++i) {
        for (float x : got[i].data) ASSERT_TRUE(std::isfinite(x)) << precision_name(p);
        EXPECT_LT(test::relative_l2_error(got[i], want[i]), test::network_l2_tolerance(p))
            << GetParam() << " " << precision_name(p) << " graph " << graph_mode;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Zoo, CudnnNetworkPrecisions,
                         ::testing::Values("alexnet", "resnet18", "mobilenet_v2", "googlenet",
                                           "squeezenet"));

}  // namespace
}  // namespace synergy
