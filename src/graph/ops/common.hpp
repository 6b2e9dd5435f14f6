// Shape and cost helpers shared by the op definitions.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "graph/op.hpp"
#include "util/error.hpp"

namespace synergy::ops {

// Throws bad_input unless `s` has exactly `rank` dimensions.
void require_rank(const Shape& s, size_t rank, const char* what);
// Output size of a sliding window along one axis (convolution or pooling).
int64_t window_out(int64_t in, int64_t kernel, int64_t stride, int64_t dilation, int64_t pad_begin,
                   int64_t pad_end, Rounding rounding);
// Normalises a possibly negative axis for a tensor of `rank`; throws when out of range.
int64_t normalize_axis(int64_t axis, size_t rank);
// float32 bytes of a shape.
int64_t bytes_of(const Shape& s);
// Input and output bytes filled, nothing else.
LayerCost io_cost(std::span<const Shape> inputs, std::span<const Shape> outputs);
// Element-wise op: io bytes plus flops_per_element * output elements.
LayerCost elementwise_cost(std::span<const Shape> inputs, std::span<const Shape> outputs,
                           int64_t flops_per_element);
// For ops with no params.
std::vector<ParamSpec> no_params(const Node&, std::span<const Shape>);
// For ops whose output has the shape of their first input.
std::vector<Shape> same_shape(const Node&, std::span<const Shape> inputs);
// Per-channel params (BatchNorm, Scale) of an input with channels on axis 1.
int64_t channels_of(const Shape& s);
// Adds params and weight bytes of `specs` to `cost`.
void add_param_cost(LayerCost& cost, const std::vector<ParamSpec>& specs);

const OpDef& conv_op();
const OpDef& pool_op();
const OpDef& fully_connected_op();
const OpDef& batch_norm_op();
const OpDef& scale_op();
const OpDef& activation_op();
const OpDef& lrn_op();
const OpDef& concat_op();
const OpDef& binary_op();
const OpDef& softmax_op();
const OpDef& dropout_op();
const OpDef& flatten_op();
const OpDef& reshape_op();
const OpDef& split_op();
const OpDef& slice_op();
const OpDef& transpose_op();
const OpDef& pad_op();
const OpDef& reduce_mean_op();

}  // namespace synergy::ops
