// --precision bf16 on onednn: convolutions and inner products in bfloat16 with float32
// accumulation, the layers after them in their input's type. Every op of the engine's table, the
// fusion chains and whole networks against the float32 reference: within bfloat16's tolerance,
// and measurably off float32 (bf16 really ran). A CPU without AVX-512 BF16 or AMX is refused
// (the reason here; the refusal itself through the CLI, RunCli.Bf16IsRefusedWhereTheCpuLacksIt).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <oneapi/dnnl/dnnl_types.h>

#include "chain_cases.hpp"
#include "common/skip.hpp"
#include "engine/onednn/onednn_backend.hpp"
#include "harness.hpp"

namespace synergy::onednn_test {
namespace {

using ::testing::HasSubstr;

// Relative L2 error allowed against the float32 reference: bfloat16 keeps 8 significant bits
// (relative rounding 2^-9 = 2e-3 per value), and a network compounds it over its layers.
constexpr double kOpTolerance = 2e-2;
constexpr double kNetworkTolerance = 5e-2;
// Below this a network with convolutions ran in float32, not bfloat16.
constexpr double kBf16Floor = 1e-4;

TEST(Bf16Refusal, NamesWhatTheCpuLacks) {
  EXPECT_EQ(onednn_bf16_refusal(dnnl_cpu_isa_avx512_core_bf16), "");
  EXPECT_EQ(onednn_bf16_refusal(dnnl_cpu_isa_avx512_core_amx), "");
  const std::string avx512 = onednn_bf16_refusal(dnnl_cpu_isa_avx512_core);
  EXPECT_THAT(avx512, HasSubstr("needs a CPU with AVX-512 BF16 or AMX"));
  EXPECT_THAT(avx512, HasSubstr("offers AVX-512"));
  EXPECT_THAT(onednn_bf16_refusal(dnnl_cpu_isa_avx2), HasSubstr("offers AVX2"));
}

// Skips where this CPU cannot run bf16.
class NeedsBf16 : public testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = onednn_bf16_refusal(); !why.empty())
      GTEST_SKIP() << test::skip::kNoBf16Cpu << ": " << why;
  }
};

class Bf16 : public NeedsBf16, public testing::WithParamInterface<test::OpCase> {};

TEST_P(Bf16, OpWithinTolerance) {
  const test::OpCase& c = GetParam();
  auto backend = make_onednn_backend(OnednnOptions{});
  const double error = error_vs_reference(*backend, c.build(), 11, c.input_scale, Precision::bf16);
  RecordProperty("relative_l2_error", std::to_string(error));
  EXPECT_LT(error, kOpTolerance);
}

std::string case_name(const testing::TestParamInfo<test::OpCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Ops, Bf16, testing::ValuesIn(test::op_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(Chains, Bf16, testing::ValuesIn(chain_cases()), case_name);

class Bf16Network : public NeedsBf16, public testing::WithParamInterface<std::string> {};

TEST_P(Bf16Network, WithinToleranceAndNotFloat32) {
  const std::string& network = GetParam();
  auto backend = make_onednn_backend(OnednnOptions{});
  const double error =
      error_vs_reference(*backend, load_network(network), 11, 1.0f, Precision::bf16);
  RecordProperty("relative_l2_error", std::to_string(error));
  EXPECT_LT(error, kNetworkTolerance);
  EXPECT_GT(error, kBf16Floor);
}

std::string network_name(const testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& ch : n) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Networks, Bf16Network,
                         testing::Values("allcnn_c", "squeezenet_residual", "mobilenet_v1",
                                         "mobilenet_v2_w025.onnx", "mobilenet_v3_small_w025.onnx",
                                         "shufflenet_v2_tiny.onnx", "ops_opset9.onnx",
                                         "ops_opset17.onnx", "googlenet"),
                         network_name);

}  // namespace
}  // namespace synergy::onednn_test
