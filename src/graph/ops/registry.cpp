// The explicit table of built-in ops (no static-initialiser registration).
#include <array>

#include "graph/ops/common.hpp"

namespace synergy {
namespace {

using Getter = const OpDef& (*)();
constexpr std::array<Getter, static_cast<size_t>(OpKind::Count_)> kOps{
    ops::conv_op,       ops::pool_op,    ops::fully_connected_op,
    ops::batch_norm_op, ops::scale_op,   ops::activation_op,
    ops::lrn_op,        ops::concat_op,  ops::binary_op,
    ops::softmax_op,    ops::dropout_op, ops::flatten_op,
    ops::reshape_op,    ops::split_op,   ops::slice_op,
    ops::transpose_op,  ops::pad_op,     ops::reduce_mean_op};

}  // namespace

const OpDef& op_def(OpKind kind) {
  const OpDef& d = kOps.at(static_cast<size_t>(kind))();
  return d;
}

const OpDef& op_def(const Node& node) {
  return op_def(node.kind());
}

std::string supported_op_names() {
  std::string s;
  for (Getter g : kOps) {
    if (!s.empty()) s += ", ";
    s += g().name;
  }
  return s;
}

}  // namespace synergy
