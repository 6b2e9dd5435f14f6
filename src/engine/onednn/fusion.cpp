#include "engine/onednn/fusion.hpp"

#include <algorithm>

namespace synergy::onednn {
namespace {

bool is_affine(OpKind k) {
  return k == OpKind::BatchNorm || k == OpKind::Scale;
}

// The single node that reads `v`, or -1 when none, several, or `v` is a graph output.
int sole_consumer(const Graph& g, ValueId v) {
  if (std::find(g.outputs.begin(), g.outputs.end(), v) != g.outputs.end()) return -1;
  int found = -1;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    for (ValueId in : g.nodes[i].inputs) {
      if (in != v) continue;
      if (found >= 0) return -1;
      found = static_cast<int>(i);
    }
  }
  return found;
}

// oneDNN's batch normalisation fuses only a plain ReLU.
bool takes_activation(OpKind host, const Node& act) {
  if (host == OpKind::Conv || host == OpKind::FullyConnected || host == OpKind::Binary) {
    return true;
  }
  const auto& a = act.as<ActivationAttrs>();
  return is_affine(host) && a.kind == ActivationKind::Relu && a.alpha == 0.0f;
}

// The node that writes each value (-1 for graph inputs and params).
std::vector<int> producers(const Graph& g) {
  std::vector<int> p(g.values.size(), -1);
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    for (ValueId v : g.nodes[i].outputs) p[static_cast<size_t>(v)] = static_cast<int>(i);
  }
  return p;
}

// The other input of `add` when it can be a sum post-op of host `h`, whose output it reads as
// `own`: an elementwise Add of same-shaped inputs whose other input exists before `h` runs.
ValueId residual_input(const Graph& g, const std::vector<int>& producer, const Node& add,
                       ValueId own, size_t h) {
  if (add.kind() != OpKind::Binary || add.as<BinaryAttrs>().kind != BinaryKind::Add ||
      add.inputs.size() != 2) {
    return -1;
  }
  const ValueId other = add.inputs[0] == own ? add.inputs[1] : add.inputs[0];
  const Shape& out = g.shape(add.outputs[0]);
  if (other == own || g.shape(own) != out || g.shape(other) != out) return -1;
  return producer[static_cast<size_t>(other)] < static_cast<int>(h) ? other : -1;
}

}  // namespace

FusionPlan plan_fusion(const Graph& g, const OnednnOptions& options) {
  const size_t n = g.nodes.size();
  FusionPlan plan;
  plan.host.assign(n, FusionPlan::kNotFused);
  plan.affine.resize(n);
  plan.activations.resize(n);
  plan.residual_add.assign(n, FusionPlan::kNotFused);
  plan.residual.assign(n, -1);
  const std::vector<int> producer = producers(g);
  for (size_t i = 0; i < n; ++i) plan.output.push_back(g.nodes[i].outputs.at(0));
  for (size_t h = 0; h < n; ++h) {
    if (plan.host[h] != FusionPlan::kNotFused || g.nodes[h].outputs.size() != 1) continue;
    const OpKind hk = g.nodes[h].kind();
    bool activated = false, summed = false;
    for (;;) {
      const int next = sole_consumer(g, plan.output[h]);
      if (next < 0) break;
      const Node& nn = g.nodes[static_cast<size_t>(next)];
      const bool fold = options.fold_batch_norm && !activated && !summed && is_affine(nn.kind()) &&
                        (hk == OpKind::Conv || is_affine(hk));
      const ValueId residual =
          options.fuse_residual_add && hk == OpKind::Conv && !activated && !summed
              ? residual_input(g, producer, nn, plan.output[h], h)
              : -1;
      const bool act = options.fuse_activations && !activated && nn.kind() == OpKind::Activation &&
                       takes_activation(hk, nn);
      if (!fold && residual < 0 && !act) break;
      plan.host[static_cast<size_t>(next)] = static_cast<int>(h);
      if (residual >= 0) {
        plan.residual_add[h] = next;
        plan.residual[h] = residual;
        summed = true;
      } else {
        (fold ? plan.affine[h] : plan.activations[h]).push_back(static_cast<size_t>(next));
        activated = act;
      }
      plan.output[h] = nn.outputs[0];
    }
  }
  return plan;
}

}  // namespace synergy::onednn
