// Every op of the engine's harness table on the GPU against the reference backend, in float32
// (stream and CUDA-graph replay) and, for convolutions and FC, in TF32.
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
  // Skips without a device or when the backend declines the case (with its reason).
  bool prepare(Checked& c) {
    const test::OpCase& op = test::op_cases().at(GetParam());
    c.graph = op.build();
    const Support s = make_cudnn_backend(CudnnOptions{})->supports(c.graph, 0);
    if (!s.ok) {
      reason_ = s.reason;
      return false;
    }
    c.inputs = scaled_inputs(c.graph, op.input_scale);
    c.want = test::run_on("reference", c.graph, c.inputs, 1, 5);
    return true;
  }
  double tolerance() const {
    return std::max(test::op_cases().at(GetParam()).tolerance, test::kFloat32Tolerance);
  }
  std::string reason_;
};

TEST_P(CudnnOps, Float32MatchesReference) {
  SKIP_WITHOUT_GPU();
  Checked c;
  if (!prepare(c)) GTEST_SKIP() << "cudnn does not support this case: " << reason_;
  expect_close(test::run_cudnn(c.graph, c.inputs, CudnnOptions{}, 5), c.want, tolerance(),
               test::op_cases().at(GetParam()).name);
}

TEST_P(CudnnOps, GraphReplayMatchesReference) {
  SKIP_WITHOUT_GPU();
  Checked c;
  if (!prepare(c)) GTEST_SKIP() << "cudnn does not support this case: " << reason_;
  CudnnOptions o;
  o.cuda_graph = true;
  expect_close(test::run_cudnn(c.graph, c.inputs, o, 5), c.want, tolerance(),
               test::op_cases().at(GetParam()).name + " (CUDA graph)");
}

TEST_P(CudnnOps, Tf32MatchesReferenceLoosely) {
  SKIP_WITHOUT_GPU();
  const OpKind kind = test::op_cases().at(GetParam()).build().nodes.at(0).kind();
  if (kind != OpKind::Conv && kind != OpKind::FullyConnected) GTEST_SKIP() << "no TF32 path";
  Checked c;
  if (!prepare(c)) GTEST_SKIP() << "cudnn does not support this case: " << reason_;
  CudnnOptions o;
  o.tf32 = true;
  expect_close(test::run_cudnn(c.graph, c.inputs, o, 5), c.want, test::kTf32Tolerance,
               test::op_cases().at(GetParam()).name + " (TF32)");
}

std::vector<size_t> case_indices() {
  std::vector<size_t> v(test::op_cases().size());
  for (size_t i = 0; i < v.size(); ++i) v[i] = i;
  return v;
}

std::string case_name(const ::testing::TestParamInfo<size_t>& info) {
  return test::op_cases().at(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(Harness, CudnnOps, ::testing::ValuesIn(case_indices()), case_name);

}  // namespace
}  // namespace synergy
