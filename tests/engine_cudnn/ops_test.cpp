// Every op of the engine's harness table on the GPU against the reference backend: float32
// (stream and CUDA-graph replay), TF32, float16 and bfloat16.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/backends.hpp"
#include "gpu_harness.hpp"
#include "helpers.hpp"
#include "op_cases.hpp"

namespace synergy {
namespace {

std::vector<Tensor> scaled_inputs(const Graph& g, float scale) {
  auto in = test::random_inputs_for(g, 11);
  for (auto& t : in)
    for (float& x : t.data) x *= scale;
  return in;
}

void expect_close(const std::vector<Tensor>& got, const std::vector<Tensor>& want, double tol,
                  const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(got[i].shape, want[i].shape) << what;
    for (float x : got[i].data) ASSERT_TRUE(std::isfinite(x)) << what << " output not finite";
    EXPECT_LE(test::relative_max_error(got[i], want[i]), tol) << what << " output " << i;
  }
}

struct Checked {
  std::vector<Tensor> inputs, want;
  Graph graph;
};

class CudnnOps : public ::testing::TestWithParam<size_t> {
 protected:
  // The case's graph, inputs and the reference's outputs.
  void prepare(Checked& c) {
    const test::OpCase& op = test::op_cases().at(GetParam());
    c.graph = op.build();
    c.inputs = scaled_inputs(c.graph, op.input_scale);
    c.want = test::run_on("reference", c.graph, c.inputs, 1, 5);
  }
  double tolerance(Precision p) const {
    return std::max(test::op_cases().at(GetParam()).tolerance, test::op_tolerance(p));
  }
};

TEST_P(CudnnOps, Float32MatchesReference) {
  SKIP_WITHOUT_GPU();
  Checked c;
  prepare(c);
  expect_close(test::run_cudnn(c.graph, c.inputs, Precision::fp32, false, 5), c.want,
               tolerance(Precision::fp32), test::op_cases().at(GetParam()).name);
}

// Replaying the captured inference gives what the stream gives: bit for bit where the library
// picks no algorithm (a convolution's search is timed, and cuBLAS may pick another GEMM kernel
// under capture, so two compiles may differ there: both are held to the float32 tolerance).
TEST_P(CudnnOps, GraphReplayEqualsStream) {
  SKIP_WITHOUT_GPU();
  Checked c;
  prepare(c);
  const std::string name = test::op_cases().at(GetParam()).name + " (CUDA graph)";
  const auto stream = test::run_cudnn(c.graph, c.inputs, Precision::fp32, false, 5);
  const auto replayed = test::run_cudnn(c.graph, c.inputs, Precision::fp32, true, 5);
  expect_close(replayed, c.want, tolerance(Precision::fp32), name);
  const OpKind kind = c.graph.nodes.at(0).kind();
  if (kind == OpKind::Conv || kind == OpKind::FullyConnected) return;
  ASSERT_EQ(replayed.size(), stream.size());
  for (size_t i = 0; i < stream.size(); ++i) EXPECT_EQ(replayed[i].data, stream[i].data) << name;
}

// TF32, float16 and bfloat16 storage against the float32 reference, each within its tolerance
// (gpu_harness.hpp); float16 also with CUDA-graph replay.
TEST_P(CudnnOps, ReducedPrecisionsMatchReference) {
  SKIP_WITHOUT_GPU();
  Checked c;
  prepare(c);
  const std::string name = test::op_cases().at(GetParam()).name;
  for (Precision p : {Precision::tf32, Precision::fp16, Precision::bf16}) {
    expect_close(test::run_cudnn(c.graph, c.inputs, p, false, 5), c.want, tolerance(p),
                 name + " (" + std::string(precision_name(p)) + ")");
  }
  expect_close(test::run_cudnn(c.graph, c.inputs, Precision::fp16, true, 5), c.want,
               tolerance(Precision::fp16), name + " (fp16, CUDA graph)");
}

// The cases the backend supports (a capability query: no device needed); the others are not
// generated. Declined cases stay visible in CudnnOpsTable.
std::vector<size_t> supported_cases() {
  std::vector<size_t> v;
  const auto backend = make_cudnn_backend(CudnnOptions{});
  for (size_t i = 0; i < test::op_cases().size(); ++i)
    if (backend->supports(test::op_cases()[i].build(), 0).ok) v.push_back(i);
  return v;
}

std::string case_name(const ::testing::TestParamInfo<size_t>& info) {
  return test::op_cases().at(info.param).name;
}

TEST(CudnnOpsTable, DeclinedCasesSayWhy) {
  const auto backend = make_cudnn_backend(CudnnOptions{});
  for (const auto& c : test::op_cases()) {
    const Support s = backend->supports(c.build(), 0);
    if (!s.ok) {
      EXPECT_FALSE(s.reason.empty()) << c.name;
    }
  }
  EXPECT_GT(supported_cases().size(), test::op_cases().size() / 2);
}

INSTANTIATE_TEST_SUITE_P(Harness, CudnnOps, ::testing::ValuesIn(supported_cases()), case_name);

}  // namespace
}  // namespace synergy
