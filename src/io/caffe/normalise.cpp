// Normalisation: single assignment of values, Split layers dropped, BatchNorm + Scale folded.
#include <unordered_map>
#include <unordered_set>

#include "io/caffe/net_spec.hpp"
#include "util/error.hpp"

namespace synergy::caffe {
namespace {

class Renamer {
 public:
  // Defines a new value for Caffe blob `blob`; its name is the blob's unless taken, then the
  // layer's, then the layer's with a numeric suffix.
  std::string define(const std::string& blob, const std::string& layer_name) {
    std::string name = blob;
    if (taken_.count(name)) name = layer_name;
    for (int i = 1; taken_.count(name); ++i) name = layer_name + "_" + std::to_string(i);
    taken_.insert(name);
    current_[blob] = name;
    return name;
  }
  void alias(const std::string& blob, const std::string& value) { current_[blob] = value; }
  // The value a bottom refers to now; throws when no earlier layer or input produced it.
  std::string resolve(const std::string& blob, const CaffeLayer& layer) const {
    auto it = current_.find(blob);
    if (it == current_.end()) {
      throw bad_input(describe(layer) + ": bottom '" + blob +
                      "' is not an input and no earlier layer produces it");
    }
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> current_;
  std::unordered_set<std::string> taken_;
};

void rename_values(CaffeNet& net) {
  Renamer names;
  for (auto& in : net.inputs) {
    if (names.define(in.name, in.name) != in.name) {
      throw bad_input("input '" + in.name + "' is declared twice");
    }
  }
  std::vector<CaffeLayer> kept;
  for (auto& layer : net.layers) {
    for (auto& b : layer.bottoms) b = names.resolve(b, layer);
    if (layer.type == "Split") {
      if (layer.bottoms.size() != 1) throw bad_input(describe(layer) + ": needs one bottom");
      for (const auto& t : layer.tops) names.alias(t, layer.bottoms[0]);
      continue;
    }
    for (auto& t : layer.tops) t = names.define(t, layer.name);
    kept.push_back(std::move(layer));
  }
  net.layers = std::move(kept);
}

bool plain_scale(const CaffeLayer& s) {
  if (s.type != "Scale" || s.bottoms.size() != 1 || s.tops.size() != 1) return false;
  const TextMessage* p = s.spec->message("scale_param");
  return !p || (p->get_int("axis", 1) == 1 && p->get_int("num_axes", 1) == 1);
}

void fold_scales(CaffeNet& net) {
  std::unordered_map<std::string, int> uses;
  for (const auto& l : net.layers)
    for (const auto& b : l.bottoms) ++uses[b];
  std::vector<bool> folded(net.layers.size(), false);
  for (size_t i = 0; i < net.layers.size(); ++i) {
    CaffeLayer& bn = net.layers[i];
    if (bn.type != "BatchNorm" || bn.tops.size() != 1 || uses[bn.tops[0]] != 1) continue;
    for (size_t j = i + 1; j < net.layers.size(); ++j) {
      CaffeLayer& s = net.layers[j];
      if (s.bottoms.empty() || s.bottoms[0] != bn.tops[0]) continue;
      if (plain_scale(s)) {
        bn.tops = s.tops;
        bn.fused_scale = s.spec;
        bn.fused_scale_name = s.name;
        folded[j] = true;
      }
      break;
    }
  }
  std::vector<CaffeLayer> kept;
  for (size_t i = 0; i < net.layers.size(); ++i)
    if (!folded[i]) kept.push_back(std::move(net.layers[i]));
  net.layers = std::move(kept);
}

}  // namespace

void normalise(CaffeNet& net) {
  rename_values(net);
  fold_scales(net);
}

}  // namespace synergy::caffe
