#include "predict/kernel/kernels.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "util/error.hpp"

namespace synergy::predict {

namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_winograd(const std::string& algorithm) {
  return algorithm.rfind("winograd", 0) == 0;
}

std::string kind_of(const Node& n, const LayerCostRow& row, const std::string& algorithm) {
  if (n.kind() != OpKind::Conv) return lower(row.type);
  if (is_winograd(algorithm)) return "conv_winograd";
  if (!algorithm.empty()) return "conv_" + algorithm;
  if (row.depthwise) return "conv_depthwise";
  return n.as<ConvAttrs>().groups > 1 ? "conv_grouped" : "conv";
}

// Channels of dimension 1 and pixels of the trailing dimensions of a shape (NCHW or NC).
double channels(const Shape& s) {
  return s.rank() >= 2 ? static_cast<double>(s[1]) : 0.0;
}

double pixels(const Shape& s) {
  double p = 1.0;
  for (size_t d = 2; d < s.rank(); ++d) p *= static_cast<double>(s[d]);
  return p;
}

// The products a Winograd F(m x m, 3 x 3) convolution computes: per tile of m x m outputs,
// (m + 2)^2 per input and output channel (the algorithm names m: "winograd_2x3"; 4 when it
// does not). A tile cut by the output's edge costs a whole one.
double winograd_products(const Graph& g, const Node& conv, const std::string& algorithm) {
  const double m = algorithm == "winograd_2x3" ? 2.0 : 4.0;
  const Shape& in = g.shape(conv.inputs.at(0));
  const Shape& out = g.shape(conv.outputs.at(0));
  const double tiles = static_cast<double>(out[0]) * std::ceil(static_cast<double>(out[2]) / m) *
                       std::ceil(static_cast<double>(out[3]) / m);
  return tiles * (m + 2.0) * (m + 2.0) * channels(in) * channels(out);
}

std::vector<double> features_of(const Graph& g, const NetworkCost& cost, const Kernel& k) {
  const Node& host = g.nodes.at(k.layers.front());
  const Node& last = g.nodes.at(k.layers.back());
  LayerCost sum;
  for (size_t l : k.layers) sum += cost.layers.at(l).cost;
  const double in_bytes = static_cast<double>(cost.layers.at(k.layers.front()).cost.input_bytes);
  const double out_bytes = static_cast<double>(cost.layers.at(k.layers.back()).cost.output_bytes);
  const double weights = static_cast<double>(sum.weight_bytes);
  const double traffic = in_bytes + out_bytes + weights;
  double area = 0, stride = 0, groups = 1;
  if (host.kind() == OpKind::Conv) {
    const auto& a = host.as<ConvAttrs>();
    area = static_cast<double>(a.kernel.h * a.kernel.w);
    stride = static_cast<double>(a.stride.h);
    groups = static_cast<double>(a.groups);
  } else if (host.kind() == OpKind::Pool) {
    const auto& a = host.as<PoolAttrs>();
    area = a.global ? pixels(g.shape(host.inputs.at(0)))
                    : static_cast<double>(a.kernel.h * a.kernel.w);
    stride = a.global ? 0.0 : static_cast<double>(a.stride.h);
  }
  const Shape& in = g.shape(host.inputs.at(0));
  const Shape& out = g.shape(last.outputs.at(0));
  const double host_macs = static_cast<double>(cost.layers.at(k.layers.front()).cost.macs);
  const double algorithm_macs =
      is_winograd(k.algorithm) && host.kind() == OpKind::Conv && in.rank() == 4
          ? static_cast<double>(sum.macs) - host_macs + winograd_products(g, host, k.algorithm)
          : static_cast<double>(sum.macs);
  return {static_cast<double>(sum.macs),
          static_cast<double>(sum.flops),
          in_bytes,
          out_bytes,
          weights,
          traffic,
          traffic > 0 ? static_cast<double>(sum.flops) / traffic : 0.0,
          area,
          stride,
          groups,
          channels(in),
          channels(out),
          pixels(out),
          static_cast<double>(k.layers.size() - 1),
          static_cast<double>(g.batch()),
          algorithm_macs,
          0.0};  // network_traffic_bytes: set once every kernel is known
}

}  // namespace

const std::vector<std::string>& kernel_feature_names() {
  static const std::vector<std::string> names{"macs",
                                              "flops",
                                              "input_bytes",
                                              "output_bytes",
                                              "weight_bytes",
                                              "traffic_bytes",
                                              "intensity",
                                              "kernel_area",
                                              "stride",
                                              "groups",
                                              "in_channels",
                                              "out_channels",
                                              "out_pixels",
                                              "fused_layers",
                                              "batch",
                                              "algorithm_macs",
                                              "network_traffic_bytes"};
  return names;
}

size_t kernel_feature_index(const std::string& name) {
  const auto& n = kernel_feature_names();
  auto it = std::find(n.begin(), n.end(), name);
  if (it == n.end()) throw Error(ErrorKind::Runtime, "no kernel feature '" + name + "'");
  return static_cast<size_t>(it - n.begin());
}

std::vector<Kernel> kernels_of(const Graph& g, const NetworkCost& cost,
                               const KernelLayout& layout) {
  const size_t n = g.nodes.size();
  if (layout.host.size() != n || layout.view.size() != n || cost.layers.size() != n)
    throw bad_input("the kernel layout has " + std::to_string(layout.host.size()) +
                    " layers, the graph " + std::to_string(n));
  if (!layout.algorithm.empty() && layout.algorithm.size() != n)
    throw bad_input("the kernel layout names the algorithms of " +
                    std::to_string(layout.algorithm.size()) + " layers, the graph has " +
                    std::to_string(n));
  std::vector<int> kernel_of(n, -1);
  std::vector<Kernel> kernels;
  for (size_t i = 0; i < n; ++i) {
    if (layout.view[i] || layout.host[i] >= 0) continue;
    kernel_of[i] = static_cast<int>(kernels.size());
    const std::string algorithm = layout.algorithm.empty() ? "" : layout.algorithm[i];
    kernels.push_back(
        {g.nodes[i].name, kind_of(g.nodes[i], cost.layers[i], algorithm), {i}, {}, algorithm});
  }
  for (size_t i = 0; i < n; ++i) {
    const int h = layout.host[i];
    if (h < 0 || layout.view[i]) continue;
    if (static_cast<size_t>(h) >= n || kernel_of[static_cast<size_t>(h)] < 0)
      throw bad_input("layer '" + g.nodes[i].name + "' is fused into a layer that runs no kernel");
    kernels[static_cast<size_t>(kernel_of[static_cast<size_t>(h)])].layers.push_back(i);
  }
  for (auto& k : kernels) k.features = features_of(g, cost, k);
  // A fully connected layer reads its weights once per inference: from cache when the rest of
  // the inference moves little (0.03 ms in a 0.3 ms network), else from memory. Rounded to a
  // quarter power of two, so that a search's candidates that differ in one kernel keep the
  // others' features and their remembered predictions.
  const size_t traffic = kernel_feature_index("traffic_bytes");
  const size_t network = kernel_feature_index("network_traffic_bytes");
  double total = 0.0;
  for (const auto& k : kernels) total += k.features[traffic];
  const double rounded = total > 0.0 ? std::exp2(std::round(4.0 * std::log2(total)) / 4.0) : 0.0;
  for (auto& k : kernels) {
    if (k.kind == "fullyconnected") k.features[network] = rounded;
  }
  return kernels;
}

}  // namespace synergy::predict
