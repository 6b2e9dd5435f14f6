// Whole networks on onednn and blas against the reference: small zoo networks and the ONNX
// samples exported by PyTorch.
#include <gtest/gtest.h>

#include "engine/backends.hpp"
#include "harness.hpp"
#include "zoo/zoo.hpp"

namespace synergy::onednn_test {
namespace {

// Relative L2 error of a whole network's output against the reference.
constexpr double kNetworkTolerance = 1e-4;

using Param = std::tuple<std::string, std::string>;  // backend, network

class NetworkMatchesReference : public testing::TestWithParam<Param> {};

TEST_P(NetworkMatchesReference, WithinTolerance) {
  const auto& [backend, network] = GetParam();
  auto b = make_backend(backend);
  const double error = error_vs_reference(*b, load_network(network));
  RecordProperty("relative_l2_error", std::to_string(error));
  EXPECT_LT(error, kNetworkTolerance);
}

std::string name_of(const testing::TestParamInfo<Param>& info) {
  std::string n = std::get<0>(info.param) + "_" + std::get<1>(info.param);
  for (char& ch : n) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Networks, NetworkMatchesReference,
                         testing::Combine(testing::Values("onednn", "blas"),
                                          testing::Values("allcnn_c", "squeezenet_residual",
                                                          "mobilenet_v1", "mobilenet_v2_w025.onnx",
                                                          "mobilenet_v3_small_w025.onnx",
                                                          "shufflenet_v2_tiny.onnx",
                                                          "ops_opset9.onnx", "ops_opset17.onnx")),
                         name_of);

// The larger zoo networks of the study (grouped convolutions, LRN, ceil-mode pooling, concat,
// deep residual stacks).
INSTANTIATE_TEST_SUITE_P(
    Zoo, NetworkMatchesReference,
    testing::Combine(testing::Values("onednn", "blas"),
                     testing::Values("alexnet", "squeezenet", "googlenet", "vgg_cnn_s",
                                     "inception_bn", "inception_v3", "places_8conv3fc",
                                     "densenet121", "nin", "resnet18", "resnet50", "mobilenet_v2",
                                     "shufflenet_v2")),
    name_of);

// Batch > 1: every image of the batch goes through the same layers.
TEST(NetworkBatch, BatchOfThreeMatchesReference) {
  for (const char* backend : {"onednn", "blas"}) {
    Graph g = build_zoo_network("squeezenet_residual");
    g.set_batch(3);
    auto b = make_backend(backend);
    EXPECT_LT(error_vs_reference(*b, std::move(g)), kNetworkTolerance) << backend;
  }
}

}  // namespace
}  // namespace synergy::onednn_test
