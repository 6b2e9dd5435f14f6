#include "op_cases.hpp"

#include "common/op_attrs.hpp"
#include "graph/builder.hpp"
#include "helpers.hpp"

namespace synergy::test {
namespace {

using testing::conv;
using testing::global;
using testing::pool;

constexpr double kGemmTolerance = 1e-4;  // long dot products: float rounding grows with length

// Batch 2, odd channels, odd height and width.
Shape odd() {
  return {2, 13, 11, 9};
}

OpCase one(std::string name, Attrs attrs, std::vector<Shape> inputs, double tol = 1e-5,
           float scale = 1.0f, int outputs = 1) {
  return {std::move(name), [attrs, inputs, outputs] { return single_op(attrs, inputs, outputs); },
          tol, scale};
}

void add_conv_cases(std::vector<OpCase>& t) {
  const double g = kGemmTolerance;
  t.push_back(one("conv_13to127_k3_p1", conv(127, {3, 3}, {1, 1}, Pads::same(1)),
                  {Shape{1, 13, 17, 19}}, g));
  t.push_back(one("conv_127to13_k1", conv(13, {1, 1}, {1, 1}), {Shape{1, 127, 7, 9}}, g));
  t.push_back(one("conv_stride3_k1", conv(13, {1, 1}, {3, 3}), {Shape{1, 13, 11, 13}}, g));
  t.push_back(one("conv_stride3_k2", conv(7, {2, 2}, {3, 3}), {Shape{1, 13, 11, 13}}, g));
  t.push_back(
      one("conv_groups2", conv(18, {3, 3}, {1, 1}, Pads::same(1), 2), {Shape{1, 12, 9, 11}}, g));
  t.push_back(one("conv_alexnet_like_g2_k5", conv(26, {5, 5}, {1, 1}, Pads::same(2), 2),
                  {Shape{1, 26, 13, 13}}, g));
  t.push_back(one("conv_depthwise_s2", conv(13, {3, 3}, {2, 2}, Pads::same(1), 13),
                  {Shape{1, 13, 15, 15}}, g));
  t.push_back(one("conv_depthwise_x2", conv(26, {3, 3}, {1, 1}, Pads::same(1), 13),
                  {Shape{1, 13, 9, 7}}, g));
  t.push_back(one("conv_dilation2", conv(11, {3, 3}, {1, 1}, Pads::same(2), 1, {2, 2}),
                  {Shape{1, 13, 13, 11}}, g));
  t.push_back(
      one("conv_asym_pad_s2", conv(9, {3, 3}, {2, 2}, Pads{0, 1, 2, 0}), {Shape{1, 13, 10, 9}}, g));
  t.push_back(one("conv_rect_5x3_s2x1_nobias",
                  conv(8, {5, 3}, {2, 1}, Pads{2, 1, 2, 1}, 1, {1, 1}, false), {Shape{1, 5, 12, 7}},
                  g));
  t.push_back(one("conv_k11_s4_batch2", conv(16, {11, 11}, {4, 4}), {Shape{2, 3, 31, 31}}, g));
  t.push_back(
      one("conv_k7_s2_p3", conv(16, {7, 7}, {2, 2}, Pads::same(3)), {Shape{1, 3, 29, 29}}, g));
  t.push_back(
      one("conv_rect_3x2_s2x1_asym_pad", conv(8, {3, 2}, {2, 1}, Pads{0, 1, 2, 0}), {odd()}, g));
  t.push_back(
      one("conv_pad_exceeds_kernel", conv(6, {1, 1}, {2, 2}, Pads{3, 2, 1, 4}), {odd()}, g));
  // 32 channels: the SIMD-blocked layouts, where 13 takes the tail paths.
  t.push_back(one("conv_depthwise_32_s2", conv(32, {3, 3}, {2, 2}, Pads::same(1), 32),
                  {Shape{1, 32, 15, 15}}, g));
}

void add_pool_cases(std::vector<OpCase>& t) {
  t.push_back(one("maxpool_3s2_ceil", pool(PoolKind::Max, {3, 3}, {2, 2}, {}, Rounding::Ceil),
                  {Shape{1, 13, 14, 14}}));
  t.push_back(one("maxpool_3s2_floor", pool(PoolKind::Max, {3, 3}, {2, 2}, {}, Rounding::Floor),
                  {Shape{1, 13, 14, 13}}));
  t.push_back(one("avgpool_3s2_ceil_pad1_caffe",
                  pool(PoolKind::Average, {3, 3}, {2, 2}, Pads::same(1), Rounding::Ceil, true),
                  {Shape{1, 13, 14, 14}}));
  t.push_back(one("avgpool_3s1_pad1_exclude",
                  pool(PoolKind::Average, {3, 3}, {1, 1}, Pads::same(1), Rounding::Floor, false),
                  {Shape{1, 13, 9, 7}}));
  t.push_back(one("avgpool_3s1_pad1_include",
                  pool(PoolKind::Average, {3, 3}, {1, 1}, Pads::same(1), Rounding::Floor, true),
                  {Shape{1, 13, 9, 7}}));
  t.push_back(one("maxpool_2s3", pool(PoolKind::Max, {2, 2}, {3, 3}, {}, Rounding::Floor),
                  {Shape{1, 7, 11, 13}}));
  t.push_back(one("maxpool_asym_pad",
                  pool(PoolKind::Max, {3, 3}, {2, 2}, Pads{1, 0, 0, 1}, Rounding::Floor),
                  {Shape{1, 7, 10, 9}}));
  t.push_back(one("avgpool_asym_pad_ceil",
                  pool(PoolKind::Average, {2, 3}, {2, 2}, Pads{0, 1, 1, 0}, Rounding::Ceil, true),
                  {Shape{2, 5, 9, 10}}));
  t.push_back(one("avgpool_asym_pad_exclude",
                  pool(PoolKind::Average, {3, 3}, {2, 2}, Pads{1, 0, 0, 1}, Rounding::Floor),
                  {odd()}));
  t.push_back(one("avgpool_2s2_ceil_exclude",
                  pool(PoolKind::Average, {2, 2}, {2, 2}, {}, Rounding::Ceil), {odd()}));
  t.push_back(one("avgpool_pad_exceeds_kernel",
                  pool(PoolKind::Average, {2, 2}, {2, 2}, Pads::same(2), Rounding::Floor, true),
                  {odd()}));
  t.push_back(one("global_avgpool", global(PoolKind::Average), {Shape{2, 127, 7, 5}}));
  t.push_back(one("global_maxpool", global(PoolKind::Max), {Shape{1, 127, 7, 5}}));
}

void add_dense_cases(std::vector<OpCase>& t) {
  t.push_back(one("fc_1143to13_batch2", FullyConnectedAttrs{13, true}, {Shape{2, 127, 3, 3}},
                  kGemmTolerance));
  t.push_back(one("fc_nobias", FullyConnectedAttrs{127, false}, {Shape{1, 13}}, kGemmTolerance));
  t.push_back(one("fc_3d_input", FullyConnectedAttrs{6, true}, {Shape{2, 5, 7}}, kGemmTolerance));
  t.push_back(one("batchnorm", BatchNormAttrs{1e-3f}, {Shape{2, 13, 5, 7}}));
  t.push_back(one("scale_bias", ScaleAttrs{true}, {Shape{1, 13, 5, 7}}));
  t.push_back(one("scale_nobias", ScaleAttrs{false}, {Shape{1, 13, 5, 7}}));
  t.push_back(one("softmax_1000", SoftmaxAttrs{1}, {Shape{2, 1000}}, 1e-5, 8.0f));
  t.push_back(one("softmax_axis1_4d", SoftmaxAttrs{1}, {Shape{1, 13, 3, 5}}, 1e-5, 4.0f));
  t.push_back(one("lrn_across_5", LrnAttrs{5, 0.5f, 0.75f, 2.0f, true}, {Shape{1, 13, 7, 9}}));
  t.push_back(one("lrn_across_4_even", LrnAttrs{4, 0.3f, 0.75f, 1.0f, true}, {Shape{1, 13, 5, 5}}));
  t.push_back(one("lrn_within_3", LrnAttrs{3, 0.5f, 0.75f, 1.0f, false}, {Shape{1, 13, 9, 7}}));
  t.push_back(one("lrn_within_2_even", LrnAttrs{2, 5e-2f, 0.75f, 1.0f, false}, {odd()}));
  t.push_back(
      one("lrn_alexnet", LrnAttrs{5, 1e-4f, 0.75f, 1.0f, true}, {Shape{1, 96, 7, 7}}, 1e-5, 50.0f));
}

void add_activation_cases(std::vector<OpCase>& t) {
  const Shape s{1, 13, 5, 7};
  t.push_back(one("relu", ActivationAttrs{ActivationKind::Relu, 0, 0}, {s}, 1e-5, 4.0f));
  t.push_back(
      one("leaky_relu", ActivationAttrs{ActivationKind::LeakyRelu, 0.1f, 0}, {s}, 1e-5, 4.0f));
  t.push_back(one("relu6", ActivationAttrs{ActivationKind::Clip, 0, 6}, {s}, 1e-5, 8.0f));
  t.push_back(one("clip", ActivationAttrs{ActivationKind::Clip, -0.5f, 0.25f}, {s}));
  t.push_back(one("sigmoid", ActivationAttrs{ActivationKind::Sigmoid, 0, 0}, {s}, 1e-5, 8.0f));
  t.push_back(one("hard_sigmoid", ActivationAttrs{ActivationKind::HardSigmoid, 0.2f, 0.5f}, {s},
                  1e-5, 4.0f));
  t.push_back(one("hard_swish", ActivationAttrs{ActivationKind::HardSwish, 0, 0}, {s}, 1e-5, 5.0f));
  t.push_back(one("silu", ActivationAttrs{ActivationKind::Silu, 0, 0}, {s}, 1e-5, 6.0f));
  t.push_back(one("tanh", ActivationAttrs{ActivationKind::Tanh, 0, 0}, {s}, 1e-5, 3.0f));
}

void add_data_movement_cases(std::vector<OpCase>& t) {
  t.push_back(one("concat_channels", ConcatAttrs{1},
                  {Shape{1, 13, 5, 7}, Shape{1, 7, 5, 7}, Shape{1, 1, 5, 7}}));
  t.push_back(one("concat_width", ConcatAttrs{3}, {Shape{2, 3, 5, 7}, Shape{2, 3, 5, 2}}));
  t.push_back(one("concat_negative_axis", ConcatAttrs{-1}, {Shape{1, 4, 5, 2}, Shape{1, 4, 5, 7}}));
  t.push_back(
      one("add_same", BinaryAttrs{BinaryKind::Add}, {Shape{1, 13, 5, 7}, Shape{1, 13, 5, 7}}));
  t.push_back(one("add_channel_bcast", BinaryAttrs{BinaryKind::Add},
                  {Shape{2, 13, 5, 7}, Shape{1, 13, 1, 1}}));
  t.push_back(
      one("mul_rank3_bcast", BinaryAttrs{BinaryKind::Mul}, {Shape{13, 1, 1}, Shape{2, 13, 5, 7}}));
  t.push_back(
      one("mul_row_bcast", BinaryAttrs{BinaryKind::Mul}, {Shape{1, 3, 5, 7}, Shape{1, 1, 5, 1}}));
  t.push_back(
      one("mul_sample_channel_bcast", BinaryAttrs{BinaryKind::Mul}, {odd(), Shape{2, 13, 1, 1}}));
  t.push_back(one("mul_both_bcast", BinaryAttrs{BinaryKind::Mul},
                  {Shape{2, 13, 1, 1}, Shape{1, 1, 11, 9}}));
  t.push_back(one("split_channels", SplitAttrs{1, {5, 8}}, {Shape{1, 13, 5, 7}}, 1e-5, 1.0f, 2));
  t.push_back(one("split_height", SplitAttrs{2, {2, 3, 4}}, {Shape{2, 3, 9, 5}}, 1e-5, 1.0f, 3));
  t.push_back(one("slice_channels_step2", SliceAttrs{{1}, {12}, {1}, {2}}, {Shape{1, 13, 5, 7}}));
  t.push_back(one("slice_spatial_reverse", SliceAttrs{{-2, 6}, {0, -100}, {2, 3}, {-1, -2}},
                  {Shape{1, 3, 5, 7}}));
  t.push_back(one("transpose_nhwc", TransposeAttrs{{0, 2, 3, 1}}, {Shape{2, 13, 5, 7}}));
  t.push_back(one("transpose_shuffle_5d", TransposeAttrs{{0, 2, 1, 3, 4}}, {Shape{1, 3, 5, 4, 7}}));
  t.push_back(one("pad_constant", PadAttrs{{0, 0, 1, 2, 0, 1, 3, 0}, PadMode::Constant, 0.5f},
                  {Shape{1, 13, 5, 7}}));
  t.push_back(one("pad_reflect", PadAttrs{{0, 0, 2, 1, 0, 0, 1, 3}, PadMode::Reflect, 0.0f},
                  {Shape{1, 3, 5, 7}}));
  t.push_back(one("pad_edge", PadAttrs{{0, 1, 3, 0, 0, 0, 0, 2}, PadMode::Edge, 0.0f},
                  {Shape{1, 3, 5, 7}}));
  t.push_back(one("pad_zeros_view", PadAttrs{{0, 0, 0, 0, 0, 0, 0, 0}, PadMode::Constant, 0.0f},
                  {Shape{1, 13, 5, 7}}));
  t.push_back(one("reduce_mean_hw", ReduceMeanAttrs{{2, 3}, true}, {Shape{2, 127, 7, 5}}));
  t.push_back(one("reduce_mean_c_nokeep", ReduceMeanAttrs{{1}, false}, {Shape{2, 13, 5, 7}}));
  t.push_back(one("reduce_mean_hw_negative_axes", ReduceMeanAttrs{{-1, -2}, false}, {odd()}));
  t.push_back(one("reshape", ReshapeAttrs{{0, -1, 7}}, {Shape{1, 13, 5, 7}}));
  t.push_back(one("flatten", FlattenAttrs{1}, {Shape{2, 13, 5, 7}}));
  t.push_back(one("dropout", DropoutAttrs{0.5f}, {Shape{2, 13, 5, 7}}));
}

// Data movement on a convolution's output (a backend may keep it channels-last or blocked)
// and read again by a convolution: a channel shuffle, a split of channels and slices of them.
OpCase between_convs(std::string name, int64_t channels,
                     std::function<std::vector<ValueId>(GraphBuilder&, ValueId)> moves) {
  return {std::move(name),
          [channels, moves] {
            GraphBuilder b("between_convs", "test");
            const ValueId x = b.input("data", Shape{2, 5, 9, 7});
            const ValueId y = b.add1("conv_in", conv(channels, {1, 1}, {1, 1}), {x});
            std::vector<ValueId> outs;
            int k = 0;
            for (ValueId v : moves(b, y))
              outs.push_back(b.add1("conv_out" + std::to_string(k++),
                                    conv(6, {3, 3}, {1, 1}, Pads::same(1)), {v}));
            return b.finish(outs);
          },
          kGemmTolerance, 1.0f};
}

void add_layout_cases(std::vector<OpCase>& t) {
  t.push_back(between_convs("channel_shuffle_g2", 24, [](GraphBuilder& b, ValueId v) {
    v = b.add1("to5d", ReshapeAttrs{{2, 2, 12, 9, 7}}, {v});
    v = b.add1("shuffle", TransposeAttrs{{0, 2, 1, 3, 4}}, {v});
    return std::vector<ValueId>{b.add1("to4d", ReshapeAttrs{{2, 24, 9, 7}}, {v})};
  }));
  t.push_back(between_convs("channel_shuffle_g3_odd", 21, [](GraphBuilder& b, ValueId v) {
    v = b.add1("to5d", ReshapeAttrs{{0, 3, 7, 9, 7}}, {v});
    v = b.add1("shuffle", TransposeAttrs{{0, 2, 1, 3, 4}}, {v});
    return std::vector<ValueId>{b.add1("to4d", ReshapeAttrs{{0, -1, 9, 7}}, {v})};
  }));
  t.push_back(between_convs("split_channels_after_conv", 32, [](GraphBuilder& b, ValueId v) {
    return b.add("split", SplitAttrs{1, {16, 16}}, {v}, 2);
  }));
  t.push_back(between_convs("split_channels_uneven", 13, [](GraphBuilder& b, ValueId v) {
    return b.add("split", SplitAttrs{-3, {5, 8}}, {v}, 2);
  }));
  t.push_back(between_convs("slice_channels_after_conv", 32, [](GraphBuilder& b, ValueId v) {
    return std::vector<ValueId>{b.add1("slice", SliceAttrs{{-19}, {29}, {1}, {}}, {v})};
  }));
  t.push_back(between_convs("slice_height_after_conv", 8, [](GraphBuilder& b, ValueId v) {
    return std::vector<ValueId>{b.add1("slice", SliceAttrs{{1}, {-2}, {2}, {1}}, {v})};
  }));
  t.push_back(between_convs("pad_then_average_after_conv", 16, [](GraphBuilder& b, ValueId v) {
    v = b.add1("pad", PadAttrs{{0, 0, 1, 1, 0, 0, 1, 1}, PadMode::Constant, 0.0f}, {v});
    return std::vector<ValueId>{
        b.add1("avg", pool(PoolKind::Average, {3, 3}, {1, 1}, {}, Rounding::Floor), {v})};
  }));
  t.push_back(between_convs("pad_value_asymmetric_after_conv", 13, [](GraphBuilder& b, ValueId v) {
    return std::vector<ValueId>{
        b.add1("pad", PadAttrs{{0, 0, 2, 0, 0, 0, 1, 3}, PadMode::Constant, -0.75f}, {v})};
  }));
  t.push_back(between_convs("transpose_hw_after_conv", 8, [](GraphBuilder& b, ValueId v) {
    return std::vector<ValueId>{b.add1("swap_hw", TransposeAttrs{{0, 1, 3, 2}}, {v})};
  }));
}

}  // namespace

const std::vector<OpCase>& op_cases() {
  static const std::vector<OpCase> table = [] {
    std::vector<OpCase> t;
    add_conv_cases(t);
    add_pool_cases(t);
    add_dense_cases(t);
    add_activation_cases(t);
    add_data_movement_cases(t);
    add_layout_cases(t);
    return t;
  }();
  return table;
}

std::vector<Tensor> scaled_random_inputs(const Graph& graph, uint64_t seed, float input_scale) {
  auto inputs = random_inputs_for(graph, seed);
  for (auto& t : inputs)
    for (float& x : t.data) x *= input_scale;
  return inputs;
}

}  // namespace synergy::test
