// The GPU kernels' element rules and index views, replayed on the CPU over every case of the
// engine's harness table that a small kernel serves, must reproduce the reference backend.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/cudnn/views.hpp"
#include "gpu_harness.hpp"
#include "helpers.hpp"
#include "op_cases.hpp"

namespace synergy {
namespace {

using cudnn::offset_of;

// Inputs as the device holds them: each value rounded to T.
template <class T>
std::vector<std::vector<T>> stored(const std::vector<Tensor>& in) {
  std::vector<std::vector<T>> out;
  for (const Tensor& t : in) {
    std::vector<T> v;
    for (float x : t.data) v.push_back(cudnn::from_float<T>(x));
    out.push_back(std::move(v));
  }
  return out;
}

// The output a GPU kernel would write for the graph's only layer, with tensors stored as T (and
// read back as float32); false when no small kernel serves this op.
template <class T>
bool replay(const Graph& g, const std::vector<Tensor>& inputs, Tensor& out) {
  using cudnn::to_float;
  const Node& n = g.nodes.at(0);
  const Shape& is = g.shape(n.inputs[0]);
  out.shape = g.shape(n.outputs[0]);
  out.data.resize(static_cast<size_t>(out.shape.numel()));
  const auto in = stored<T>(inputs);
  const T* x = in[0].data();
  const auto count = static_cast<int64_t>(out.data.size());
  auto fill = [&](auto element) {
    for (int64_t i = 0; i < count; ++i)
      out.data[size_t(i)] = to_float(cudnn::from_float<T>(element(i)));
  };
  switch (n.kind()) {
    case OpKind::Slice: {
      const auto v = cudnn::slice_view(is, out.shape, n.as<SliceAttrs>());
      fill([&](int64_t i) { return to_float(x[offset_of(i, v)]); });
      return true;
    }
    case OpKind::Transpose: {
      const auto v = cudnn::transpose_view(is, out.shape, n.as<TransposeAttrs>());
      fill([&](int64_t i) { return to_float(x[offset_of(i, v)]); });
      return true;
    }
    case OpKind::Binary: {
      const auto [va, vb] = cudnn::binary_views(is, g.shape(n.inputs[1]), out.shape);
      const T* y = in[1].data();
      const bool add = n.as<BinaryAttrs>().kind == BinaryKind::Add;
      fill([&, va = va, vb = vb](int64_t i) {  // clang 14 cannot capture a binding by reference
        const float a = to_float(x[offset_of(i, va)]), b = to_float(y[offset_of(i, vb)]);
        return add ? a + b : a * b;
      });
      return true;
    }
    case OpKind::Pad: {
      const auto& a = n.as<PadAttrs>();
      const auto v = cudnn::pad_view(is, out.shape, a);
      fill([&](int64_t i) { return cudnn::pad_element(x, i, v, int(a.mode), a.value); });
      return true;
    }
    case OpKind::ReduceMean: {
      const auto r = cudnn::reduce_mean_views(is, n.as<ReduceMeanAttrs>());
      fill([&](int64_t i) {
        return cudnn::reduce_mean_element(x, i, r.kept, r.reduced, r.reduced_count);
      });
      return true;
    }
    case OpKind::Pool: {
      const auto geometry = cudnn::pool_geometry(n.as<PoolAttrs>(), is, out.shape);
      fill([&](int64_t i) { return cudnn::pool_element(x, i, geometry); });
      return true;
    }
    case OpKind::Lrn: {
      const auto geometry = cudnn::lrn_geometry(n.as<LrnAttrs>(), is);
      fill([&](int64_t i) { return cudnn::lrn_element(x, i, geometry); });
      return true;
    }
    case OpKind::Activation: {
      const auto& a = n.as<ActivationAttrs>();
      fill(
          [&](int64_t i) { return cudnn::activate(int(a.kind), a.alpha, a.beta, to_float(x[i])); });
      return true;
    }
    case OpKind::Softmax: {
      const auto geometry = cudnn::softmax_geometry(is, n.as<SoftmaxAttrs>());
      std::vector<T> y(out.data.size());
      for (int64_t row = 0; row < geometry.outer * geometry.inner; ++row)
        cudnn::softmax_row(x, y.data(), row, geometry);
      for (size_t i = 0; i < y.size(); ++i) out.data[i] = to_float(y[i]);
      return true;
    }
    default:
      return false;
  }
}

TEST(BinaryViews, MergeWhatIsContiguousInBothOperands) {
  const Shape out{{2, 8, 5, 7}};
  const auto same = cudnn::binary_views(out, out, out);
  EXPECT_EQ(same.a.rank, 1);
  EXPECT_EQ(same.a.dims[0], out.numel());
  EXPECT_EQ(same.b.strides[0], 1);
  const auto channel = cudnn::binary_views(out, Shape{{1, 8, 1, 1}}, out);
  ASSERT_EQ(channel.b.rank, 3);  // batch (step 0), channel (step 1), plane (step 0)
  EXPECT_EQ(channel.b.dims[2], 35);
  EXPECT_EQ(channel.b.strides[0], 0);
  EXPECT_EQ(channel.b.strides[1], 1);
  EXPECT_EQ(channel.b.strides[2], 0);
  for (int64_t i = 0; i < out.numel(); ++i) {
    ASSERT_EQ(offset_of(i, channel.a), i);
    ASSERT_EQ(offset_of(i, channel.b), (i / 35) % 8);
  }
}

// The ops `replay` covers: those the backend runs with its own small kernels rather than
// cuDNN/cuBLAS. Only their cases are generated below.
bool small_kernel_serves(OpKind kind) {
  switch (kind) {
    case OpKind::Slice:
    case OpKind::Transpose:
    case OpKind::Binary:
    case OpKind::Pad:
    case OpKind::ReduceMean:
    case OpKind::Pool:
    case OpKind::Lrn:
    case OpKind::Activation:
    case OpKind::Softmax:
      return true;
    default:
      return false;
  }
}

// Replays case `index` with storage T.
template <class T>
void expect_replay_matches(size_t index, double tolerance_floor) {
  const test::OpCase& c = test::op_cases().at(index);
  const Graph g = c.build();
  auto in = test::random_inputs_for(g, 11);
  for (auto& t : in)
    for (float& v : t.data) v *= c.input_scale;
  Tensor got;
  ASSERT_TRUE(replay<T>(g, in, got)) << c.name << ": no rule to replay";
  const auto want = test::run_on("reference", g, in, 1, 5);
  ASSERT_EQ(got.shape, want.at(0).shape) << c.name;
  EXPECT_LE(test::relative_max_error(got, want[0]), std::max(c.tolerance, tolerance_floor))
      << c.name;
}

class KernelRules : public ::testing::TestWithParam<size_t> {};

TEST_P(KernelRules, ReproduceTheReference) {
  expect_replay_matches<float>(GetParam(), 1e-5);
}

// The same rules over float16 and bfloat16 storage (the backend's fp16 and bf16 precisions),
// within those precisions' tolerances.
TEST_P(KernelRules, ReproduceTheReferenceInFloat16) {
  expect_replay_matches<cudnn::Half>(GetParam(), test::kFloat16Tolerance);
}

TEST_P(KernelRules, ReproduceTheReferenceInBfloat16) {
  expect_replay_matches<cudnn::BFloat16>(GetParam(), test::kBfloat16Tolerance);
}

std::vector<size_t> small_kernel_cases() {
  std::vector<size_t> v;
  for (size_t i = 0; i < test::op_cases().size(); ++i) {
    const Graph g = test::op_cases()[i].build();
    if (g.nodes.size() == 1 && small_kernel_serves(g.nodes[0].kind())) v.push_back(i);
  }
  return v;
}

TEST(KernelRulesTable, CoversEverySmallKernelOp) {
  std::vector<bool> seen(static_cast<size_t>(OpKind::Count_), false);
  for (size_t i : small_kernel_cases())
    seen[static_cast<size_t>(test::op_cases()[i].build().nodes.at(0).kind())] = true;
  for (size_t k = 0; k < seen.size(); ++k)
    EXPECT_EQ(seen[k], small_kernel_serves(static_cast<OpKind>(k))) << "op kind " << k;
}

INSTANTIATE_TEST_SUITE_P(Harness, KernelRules, ::testing::ValuesIn(small_kernel_cases()),
                         [](const ::testing::TestParamInfo<size_t>& p) {
                           return test::op_cases().at(p.param).name;
                         });

TEST(PoolRouting, CudnnOnlyWhereItsWindowsEqualTheReference) {
  PoolAttrs a;
  a.kernel = {3, 3};
  a.stride = {2, 2};
  a.pads = Pads::same(1);
  const Shape in{1, 4, 9, 9};
  EXPECT_TRUE(cudnn::cudnn_pool_matches(cudnn::pool_geometry(a, in, Shape{1, 4, 5, 5})));
  a.pads = {0, 0, 1, 1};  // asymmetric
  EXPECT_FALSE(cudnn::cudnn_pool_matches(cudnn::pool_geometry(a, in, Shape{1, 4, 5, 5})));
  a.pads = {};
  a.rounding = Rounding::Ceil;  // 8x8 input: floor gives 3, ceil 4
  EXPECT_FALSE(
      cudnn::cudnn_pool_matches(cudnn::pool_geometry(a, Shape{1, 4, 8, 8}, Shape{1, 4, 4, 4})));
}

TEST(LrnRouting, CudnnOnlyInsideItsParameterRange) {
  const Shape in{1, 8, 4, 4};
  EXPECT_TRUE(cudnn::cudnn_lrn_accepts(cudnn::lrn_geometry(LrnAttrs{}, in)));
  EXPECT_FALSE(cudnn::cudnn_lrn_accepts(cudnn::lrn_geometry(LrnAttrs{17}, in)));
  LrnAttrs within;
  within.across_channels = false;
  EXPECT_FALSE(cudnn::cudnn_lrn_accepts(cudnn::lrn_geometry(within, in)));
}

}  // namespace
}  // namespace synergy
