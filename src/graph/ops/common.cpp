#include "graph/ops/common.hpp"

#include "util/checked.hpp"

namespace synergy::ops {

void require_rank(const Shape& s, size_t rank, const char* what) {
  if (s.rank() != rank) {
    throw bad_input(std::string(what) + " must have rank " + std::to_string(rank) + ", got " +
                    s.str());
  }
}

int64_t window_out(int64_t in, int64_t kernel, int64_t stride, int64_t dilation, int64_t pad_begin,
                   int64_t pad_end, Rounding rounding) {
  if (kernel < 1 || stride < 1 || dilation < 1) {
    throw bad_input("kernel, stride and dilation must be >= 1 (kernel " + std::to_string(kernel) +
                    ", stride " + std::to_string(stride) + ", dilation " +
                    std::to_string(dilation) + ")");
  }
  if (pad_begin < 0 || pad_end < 0) throw bad_input("negative padding");
  const int64_t extent = checked_add(checked_mul(dilation, kernel - 1, "window"), 1, "window");
  const int64_t padded = checked_add(checked_add(in, pad_begin), pad_end, "padded size");
  if (padded < extent) {
    throw bad_input("window of " + std::to_string(extent) + " is larger than the padded input " +
                    std::to_string(padded));
  }
  const int64_t span = padded - extent;
  const bool round_up = rounding == Rounding::Ceil && span % stride != 0;
  int64_t out = span / stride + (round_up ? 1 : 0) + 1;
  // Caffe's rule: the last window must start inside the input or its begin padding, i.e.
  // (out - 1) * stride < in + pad_begin; written with divisions so that it cannot overflow.
  const int64_t limit = in + pad_begin;  // <= padded, no overflow
  const int64_t first_outside = limit / stride + (limit % stride != 0 ? 1 : 0);
  if (rounding == Rounding::Ceil && out - 1 >= first_outside) --out;
  return out;
}

int64_t normalize_axis(int64_t axis, size_t rank) {
  const auto r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r) {
    throw bad_input("axis " + std::to_string(axis) + " out of range for rank " +
                    std::to_string(rank));
  }
  return axis < 0 ? axis + r : axis;
}

int64_t bytes_of(const Shape& s) {
  return checked_mul(s.numel(), 4, "bytes");
}

LayerCost io_cost(std::span<const Shape> inputs, std::span<const Shape> outputs) {
  LayerCost c;
  for (const auto& s : inputs) c.input_bytes = checked_add(c.input_bytes, bytes_of(s), "bytes");
  for (const auto& s : outputs) c.output_bytes = checked_add(c.output_bytes, bytes_of(s), "bytes");
  return c;
}

LayerCost elementwise_cost(std::span<const Shape> inputs, std::span<const Shape> outputs,
                           int64_t flops_per_element) {
  LayerCost c = io_cost(inputs, outputs);
  for (const auto& s : outputs) {
    c.flops = checked_add(c.flops, checked_mul(s.numel(), flops_per_element, "FLOPs"), "FLOPs");
  }
  return c;
}

std::vector<ParamSpec> no_params(const Node&, std::span<const Shape>) {
  return {};
}

std::vector<Shape> same_shape(const Node&, std::span<const Shape> inputs) {
  return {inputs[0]};
}

int64_t channels_of(const Shape& s) {
  if (s.rank() < 2) throw bad_input("input needs a channel axis (rank >= 2), got " + s.str());
  return s[1];
}

void add_param_cost(LayerCost& cost, const std::vector<ParamSpec>& specs) {
  for (const auto& p : specs) {
    cost.params = checked_add(cost.params, p.shape.numel(), "params");
  }
  cost.weight_bytes = checked_mul(cost.params, 4, "weight bytes");
}

}  // namespace synergy::ops
