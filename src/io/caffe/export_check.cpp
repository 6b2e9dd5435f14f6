#include "io/caffe/export_check.hpp"

#include "graph/op.hpp"
#include "util/error.hpp"

namespace synergy::caffe {
namespace {

bool symmetric(const Pads& p) {
  return p.top == p.bottom && p.left == p.right;
}

std::string activation_limitation(const ActivationAttrs& a) {
  switch (a.kind) {
    case ActivationKind::HardSigmoid:
      return "HardSigmoid has no Caffe layer";
    case ActivationKind::HardSwish:
      return "HardSwish has no Caffe layer";
    default:
      return "";
  }
}

std::string pool_limitation(const PoolAttrs& a) {
  if (!symmetric(a.pads)) return "asymmetric padding";
  if (a.kind == PoolKind::Average && !a.count_include_pad && a.pads != Pads{}) {
    return "average pooling that excludes padding from the divisor";
  }
  return "";
}

std::string binary_limitation(const Graph& g, const Node& n) {
  if (g.shape(n.inputs[0]) != g.shape(n.inputs[1])) {
    return "broadcasting " + g.shape(n.inputs[0]).str() + " with " + g.shape(n.inputs[1]).str() +
           " (Eltwise needs equal shapes)";
  }
  return "";
}

std::string split_limitation(const SplitAttrs& a) {
  for (int64_t s : a.sizes)
    if (s < 1) return "an empty part";
  return "";
}

}  // namespace

std::string caffe_limitation(const Graph& g, size_t index) {
  const Node& n = g.nodes.at(index);
  switch (n.kind()) {
    case OpKind::Conv:
      return symmetric(n.as<ConvAttrs>().pads) ? "" : "asymmetric padding";
    case OpKind::Pool:
      return pool_limitation(n.as<PoolAttrs>());
    case OpKind::Activation:
      return activation_limitation(n.as<ActivationAttrs>());
    case OpKind::Lrn: {
      const auto& a = n.as<LrnAttrs>();
      if (a.size % 2 == 0) return "an even local_size";
      return a.across_channels || a.bias == 1.0f ? "" : "within-channel LRN with k other than 1";
    }
    case OpKind::Binary:
      return binary_limitation(g, n);
    case OpKind::Flatten:
      return n.as<FlattenAttrs>().axis == 1 ? "" : "flatten from an axis other than 1";
    case OpKind::Split:
      return split_limitation(n.as<SplitAttrs>());
    case OpKind::FullyConnected:
    case OpKind::BatchNorm:
    case OpKind::Scale:
    case OpKind::Concat:
    case OpKind::Softmax:
    case OpKind::Dropout:
    case OpKind::Reshape:
      return "";
    default:
      return std::string(op_def(n).name) + " has no Caffe layer";
  }
}

void require_caffe_expressible(const Graph& g) {
  for (ValueId v : g.inputs) {
    if (g.shape(v).rank() == 0) throw bad_input("graph '" + g.name + "': shapes are not inferred");
  }
  std::string problems;
  int count = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const std::string why = caffe_limitation(g, i);
    if (why.empty()) continue;
    if (++count <= 8) {
      problems += (count > 1 ? "; " : "") + std::string("node '") + g.nodes[i].name + "' (" +
                  std::string(op_def(g.nodes[i]).name) + "): " + why;
    }
  }
  if (count == 0) return;
  if (count > 8) problems += "; and " + std::to_string(count - 8) + " more";
  throw bad_input("graph '" + g.name + "' cannot be written as a Caffe prototxt: " + problems);
}

}  // namespace synergy::caffe
