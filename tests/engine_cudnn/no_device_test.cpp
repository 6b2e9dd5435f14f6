// Without a usable CUDA device the backend still judges ops by their shapes, and refuses to
// compile with an Unsupported error that says why. (The commands ask the device first and exit
// 3, hardware unavailable: tests/engine_cudnn/precision_cli_test.cpp.)
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/engine.hpp"
#include "gpu_harness.hpp"
#include "helpers.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

Graph one_relu() {
  return test::single_op(ActivationAttrs{}, {Shape{1, 3, 5, 5}});
}

class NoDevice : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test::gpu_skip_reason().empty())
      GTEST_SKIP() << test::skip::kGpuPresent << ": a CUDA device is here";
  }
};

TEST(CudnnBackend, IsNamedCudnn) {
  EXPECT_EQ(make_cudnn_backend(CudnnOptions{})->name(), "cudnn");
}

TEST_F(NoDevice, SupportsJudgesTheOpNotTheDevice) {
  const Graph g = one_relu();
  EXPECT_TRUE(make_cudnn_backend(CudnnOptions{})->supports(g, 0).ok);
}

TEST_F(NoDevice, CompileIsAUsageErrorAndSaysWhy) {
  Graph g = one_relu();
  g.materialize_params(1);
  try {
    make_cudnn_backend(CudnnOptions{})->compile(g, EngineContext{});
    FAIL() << "compile must throw without a device";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
    EXPECT_EQ(exit_code_for(e.kind()), 2);
    EXPECT_NE(std::string(e.what()).find(test::gpu_skip_reason()), std::string::npos) << e.what();
  }
}

TEST_F(NoDevice, EngineNamesTheBackendAndTheReason) {
  try {
    Engine engine(one_relu(), make_cudnn_backend(CudnnOptions{}), EngineContext{});
    FAIL() << "the engine must refuse the cudnn backend without a device";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
    EXPECT_NE(std::string(e.what()).find("'cudnn'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("CUDA"), std::string::npos) << e.what();
  }
}

// Every precision and CUDA-graph replay meet the same refusal, through the registry too.
TEST_F(NoDevice, EveryPrecisionIsRefusedTheSameWay) {
  const auto names = backend_names();
  if (std::find(names.begin(), names.end(), "cudnn") == names.end())
    GTEST_SKIP() << test::skip::kNoCuda << ": cudnn is not in the registry";
  for (Precision p : {Precision::fp32, Precision::tf32, Precision::fp16, Precision::bf16}) {
    EngineContext context;
    context.precision = p;
    context.cuda_graph = p == Precision::fp16;
    try {
      Engine engine(one_relu(), "cudnn", context);
      FAIL() << "the engine must refuse the cudnn backend without a device";
    } catch (const Error& e) {
      EXPECT_EQ(exit_code_for(e.kind()), 2) << precision_name(p);
      EXPECT_NE(std::string(e.what()).find(test::gpu_skip_reason()), std::string::npos) << e.what();
    }
  }
}

TEST_F(NoDevice, ProbeNamesTheDevice) {
  EXPECT_NE(cuda_unavailable_reason(-1).find("CUDA"), std::string::npos);
}

}  // namespace
}  // namespace synergy
