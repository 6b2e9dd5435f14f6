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

}  // namespace

FusionPlan plan_fusion(const Graph& g, const OnednnOptions& options) {
  const size_t n = g.nodes.size();
  FusionPlan plan;
  plan.host.assign(n, FusionPlan::kNotFused);
  plan.affine.resize(n);
  plan.activations.resize(n);
  for (size_t i = 0; i < n; ++i) plan.output.push_back(g.nodes[i].outputs.at(0));
  for (size_t h = 0; h < n; ++h) {
    if (plan.host[h] != FusionPlan::kNotFused || g.nodes[h].outputs.size() != 1) continue;
    const OpKind hk = g.nodes[h].kind();
    bool activated = false;
    for (;;) {
      const int next = sole_consumer(g, plan.output[h]);
      if (next < 0) break;
      const Node& nn = g.nodes[static_cast<size_t>(next)];
      const bool fold = options.fold_batch_norm && !activated && is_affine(nn.kind()) &&
                        (hk == OpKind::Conv || is_affine(hk));
      const bool act = options.fuse_activations && !activated && nn.kind() == OpKind::Activation &&
                       takes_activation(hk, nn);
      if (!fold && !act) break;
      plan.host[static_cast<size_t>(next)] = static_cast<int>(h);
      (fold ? plan.affine[h] : plan.activations[h]).push_back(static_cast<size_t>(next));
      plan.output[h] = nn.outputs[0];
      activated = act;
    }
  }
  return plan;
}

}  // namespace synergy::onednn
