#include "predict/features.hpp"

#include <algorithm>
#include <cctype>

#include "graph/op.hpp"
#include "util/error.hpp"

namespace synergy::predict {

namespace {

const std::vector<std::string> kCounts{
    "macs", "flops", "params", "weight_bytes", "input_bytes", "output_bytes", "traffic_bytes"};
const std::vector<std::string> kTypeMetrics{"macs", "flops", "traffic_bytes", "layers"};

std::string type_key(std::string_view type) {
  std::string k;
  for (char c : type) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k;
}

std::vector<double> counts_of(const LayerCost& c) {
  return {static_cast<double>(c.macs),
          static_cast<double>(c.flops),
          static_cast<double>(c.params),
          static_cast<double>(c.weight_bytes),
          static_cast<double>(c.input_bytes),
          static_cast<double>(c.output_bytes),
          static_cast<double>(c.min_traffic_bytes())};
}

struct ConvShape {
  double kernel_area = 0, stride = 0, groups = 1;
  bool grouped = false;
};

ConvShape conv_shape(const Node& n) {
  ConvShape s;
  if (n.kind() == OpKind::Conv) {
    const auto& a = n.as<ConvAttrs>();
    s = {static_cast<double>(a.kernel.h * a.kernel.w), static_cast<double>(a.stride.h),
         static_cast<double>(a.groups), a.groups > 1};
  } else if (n.kind() == OpKind::Pool && !n.as<PoolAttrs>().global) {
    const auto& a = n.as<PoolAttrs>();
    s.kernel_area = static_cast<double>(a.kernel.h * a.kernel.w);
    s.stride = static_cast<double>(a.stride.h);
  }
  return s;
}

Dataset empty_dataset(const std::vector<std::string>& names, const std::string& source) {
  Dataset d;
  d.source = source;
  d.numeric_names = names;
  d.numeric.resize(names.size());
  return d;
}

void push_row(Dataset& d, const std::string& network, const std::string& layer,
              const std::string& type, int64_t batch, const std::vector<double>& values) {
  d.network.push_back(network);
  d.layer.push_back(layer);
  d.layer_type.push_back(type);
  d.platform.push_back({"", "", "", std::to_string(batch)});
  for (size_t c = 0; c < values.size(); ++c) d.numeric[c].push_back(values[c]);
}

}  // namespace

std::vector<std::string> layer_feature_names() {
  std::vector<std::string> n = kCounts;
  for (const char* extra : {"intensity", "depthwise", "grouped", "depthwise_macs", "kernel_area",
                            "stride", "groups", "batch"})
    n.push_back(extra);
  return n;
}

std::vector<std::string> network_feature_names() {
  std::vector<std::string> n = kCounts;
  for (const char* extra : {"depthwise_macs", "grouped_macs", "layers", "intensity", "batch"})
    n.push_back(extra);
  for (size_t k = 0; k < static_cast<size_t>(OpKind::Count_); ++k)
    for (const auto& m : kTypeMetrics)
      n.push_back(type_key(op_def(static_cast<OpKind>(k)).name) + "_" + m);
  return n;
}

Dataset layer_features(const Graph& g, const NetworkCost& cost, const std::string& network) {
  Dataset d = empty_dataset(layer_feature_names(), network);
  const double batch = static_cast<double>(g.batch());
  for (size_t i = 0; i < cost.layers.size(); ++i) {
    const LayerCostRow& row = cost.layers[i];
    ConvShape cs = conv_shape(g.nodes.at(i));
    std::vector<double> v = counts_of(row.cost);
    const double dw = row.depthwise ? 1.0 : 0.0;
    v.insert(v.end(), {row.cost.intensity(), dw, cs.grouped && !row.depthwise ? 1.0 : 0.0,
                       dw * static_cast<double>(row.cost.macs), cs.kernel_area, cs.stride,
                       cs.groups, batch});
    push_row(d, network, row.name, row.type, g.batch(), v);
  }
  return d;
}

Dataset network_features(const Graph& g, const NetworkCost& cost, const std::string& network) {
  std::vector<std::string> names = network_feature_names();
  Dataset d = empty_dataset(names, network);
  std::vector<double> v = counts_of(cost.total);
  double dw_macs = 0, grouped_macs = 0;
  for (size_t i = 0; i < cost.layers.size(); ++i) {
    const auto& row = cost.layers[i];
    if (row.depthwise)
      dw_macs += static_cast<double>(row.cost.macs);
    else if (conv_shape(g.nodes.at(i)).grouped)
      grouped_macs += static_cast<double>(row.cost.macs);
  }
  v.insert(v.end(), {dw_macs, grouped_macs, static_cast<double>(cost.layers.size()),
                     cost.total.intensity(), static_cast<double>(g.batch())});
  v.resize(names.size(), 0.0);
  for (const auto& t : cost.by_type) {
    const std::vector<double> per{
        static_cast<double>(t.cost.macs), static_cast<double>(t.cost.flops),
        static_cast<double>(t.cost.min_traffic_bytes()), static_cast<double>(t.layers)};
    for (size_t m = 0; m < kTypeMetrics.size(); ++m) {
      auto it = std::find(names.begin(), names.end(), type_key(t.type) + "_" + kTypeMetrics[m]);
      if (it != names.end()) v[static_cast<size_t>(it - names.begin())] = per[m];
    }
  }
  push_row(d, network, "", "", g.batch(), v);
  return d;
}

void append_rows(Dataset& into, const Dataset& more) {
  if (into.numeric_names.empty()) {
    into = more;
    return;
  }
  if (into.numeric_names != more.numeric_names)
    throw Error(ErrorKind::Runtime, "feature rows with different columns cannot be joined");
  for (size_t r = 0; r < more.size(); ++r) into.append_row_from(more, r);
}

}  // namespace synergy::predict
