// Layers that combine or re-lay tensors: Concat, Eltwise, Flatten, Reshape, Slice.
#include "io/caffe/layer_rules.hpp"
#include "util/error.hpp"

namespace synergy::caffe {
namespace {

BinaryKind eltwise_kind(const TextMessage& p) {
  const std::string op = p.get_enum("operation", "SUM");
  if (op == "SUM" || op == "1") return BinaryKind::Add;
  if (op == "PROD" || op == "0") return BinaryKind::Mul;
  throw unsupported("Eltwise operation " + op + " (supported: SUM, PROD)");
}

void require_equal_shapes(const CaffeLayer& layer, const Emitter& e) {
  const Shape& first = e.shape(layer.bottoms[0]);
  for (const auto& b : layer.bottoms) {
    if (e.shape(b) != first) {
      throw bad_input("bottoms differ in shape (" + first.str() + " and " + e.shape(b).str() +
                      "); Eltwise needs equal shapes");
    }
  }
}

int64_t slice_axis(const TextMessage& p) {
  if (p.has("slice_dim")) return p.get_int("slice_dim", 1);
  return p.get_int("axis", 1);
}

// Part sizes from slice_point, or equal parts, one per top.
Dims slice_sizes(const CaffeLayer& layer, int64_t extent, const std::vector<int64_t>& points) {
  const auto parts = static_cast<int64_t>(layer.tops.size());
  Dims sizes;
  if (points.empty()) {
    if (extent % parts != 0) {
      throw bad_input("axis of " + std::to_string(extent) + " does not split into " +
                      std::to_string(parts) + " equal parts");
    }
    return Dims(layer.tops.size(), extent / parts);
  }
  if (static_cast<int64_t>(points.size()) + 1 != parts) {
    throw bad_input(std::to_string(points.size()) + " slice_point values need " +
                    std::to_string(points.size() + 1) + " tops, found " + std::to_string(parts));
  }
  int64_t start = 0;
  for (int64_t p : points) {
    if (p <= start || p >= extent)
      throw bad_input("slice_point values must increase inside the axis");
    sizes.push_back(p - start);
    start = p;
  }
  sizes.push_back(extent - start);
  return sizes;
}

}  // namespace

void concat_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "concat_param");
  const int64_t axis = p.has("concat_dim") ? p.get_int("concat_dim", 1) : p.get_int("axis", 1);
  if (layer.tops.size() != 1) throw bad_input("needs one top");
  e.node(layer.name, ConcatAttrs{axis}, layer.bottoms, layer.tops);
}

void eltwise_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "eltwise_param");
  const BinaryKind kind = eltwise_kind(p);
  for (double c : p.floats("coeff")) {
    if (c != 1.0) throw unsupported("Eltwise coefficients other than 1");
  }
  if (layer.bottoms.size() < 2 || layer.tops.size() != 1) {
    throw bad_input("needs at least two bottoms and one top");
  }
  require_equal_shapes(layer, e);
  // n bottoms: a chain of n-1 two-input nodes; the last one carries the layer's name and top.
  std::string acc = layer.bottoms[0];
  for (size_t i = 1; i < layer.bottoms.size(); ++i) {
    const bool last = i + 1 == layer.bottoms.size();
    const std::string name = last ? layer.name : layer.name + "/" + std::to_string(i);
    const std::string out = last ? layer.tops[0] : name;
    e.node(name, BinaryAttrs{kind}, {acc, layer.bottoms[i]}, {out});
    acc = out;
  }
}

void flatten_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "flatten_param");
  if (p.get_int("axis", 1) != 1 || p.get_int("end_axis", -1) != -1) {
    throw unsupported("only Flatten from axis 1 to the last axis is supported");
  }
  emit_single(layer, e, FlattenAttrs{1});
}

void reshape_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "reshape_param");
  if (p.get_int("axis", 0) != 0 || p.get_int("num_axes", -1) != -1) {
    throw unsupported("only Reshape of the whole shape (axis 0, num_axes -1) is supported");
  }
  const TextMessage* shape = p.message("shape");
  if (!shape) throw bad_input("reshape_param has no shape");
  emit_single(layer, e, ReshapeAttrs{shape->ints("dim")});
}

void slice_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "slice_param");
  if (layer.bottoms.size() != 1 || layer.tops.empty()) throw bad_input("needs one bottom and tops");
  const Shape& in = e.shape(layer.bottoms[0]);
  int64_t axis = slice_axis(p);
  const auto rank = static_cast<int64_t>(in.rank());
  if (axis < -rank || axis >= rank)
    throw bad_input("slice axis " + std::to_string(axis) + " out of range");
  if (axis < 0) axis += rank;
  const Dims sizes = slice_sizes(layer, in[static_cast<size_t>(axis)], p.ints("slice_point"));
  e.node(layer.name, SplitAttrs{axis, sizes}, layer.bottoms, layer.tops);
}

}  // namespace synergy::caffe
