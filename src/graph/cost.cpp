#include "graph/cost.hpp"

#include <algorithm>
#include <span>

#include "graph/graph.hpp"
#include "graph/op.hpp"
#include "util/checked.hpp"
#include "util/error.hpp"

namespace synergy {

int64_t LayerCost::min_traffic_bytes() const {
  return checked_add(checked_add(input_bytes, weight_bytes, "bytes"), output_bytes, "bytes");
}

double LayerCost::intensity() const {
  const int64_t t = min_traffic_bytes();
  return t > 0 ? static_cast<double>(flops) / static_cast<double>(t) : 0.0;
}

LayerCost& LayerCost::operator+=(const LayerCost& o) {
  macs = checked_add(macs, o.macs, "MACs");
  flops = checked_add(flops, o.flops, "FLOPs");
  params = checked_add(params, o.params, "params");
  weight_bytes = checked_add(weight_bytes, o.weight_bytes, "weight bytes");
  input_bytes = checked_add(input_bytes, o.input_bytes, "bytes");
  output_bytes = checked_add(output_bytes, o.output_bytes, "bytes");
  return *this;
}

namespace {

std::vector<Shape> shapes_of(const Graph& g, const std::vector<ValueId>& ids) {
  std::vector<Shape> s;
  s.reserve(ids.size());
  for (ValueId v : ids) s.push_back(g.shape(v));
  return s;
}

// The op costs count float32 bytes; a narrower precision stores the same values in fewer.
void store_values_in(LayerCost& c, int bytes_per_value) {
  if (bytes_per_value == 4) return;
  c.weight_bytes = c.weight_bytes / 4 * bytes_per_value;
  c.input_bytes = c.input_bytes / 4 * bytes_per_value;
  c.output_bytes = c.output_bytes / 4 * bytes_per_value;
}

std::string hw(int64_t h, int64_t w) {
  return std::to_string(h) + "x" + std::to_string(w);
}

std::string pool_kind(const PoolAttrs& a) {
  return a.kind == PoolKind::Max ? "maxpool" : "avgpool";
}

}  // namespace

std::string canonical_key(const Graph& g, size_t i) {
  const Node& n = g.nodes.at(i);
  const Shape& in = g.shape(n.inputs.at(0));
  const std::string in_hw = in.rank() == 4 ? hw(in[2], in[3]) : in.str();
  switch (n.kind()) {
    case OpKind::Conv: {
      const auto& a = n.as<ConvAttrs>();
      std::string k = "conv(k=" + hw(a.kernel.h, a.kernel.w) + ",s=" + hw(a.stride.h, a.stride.w);
      if (a.dilation.h != 1 || a.dilation.w != 1) k += ",d=" + hw(a.dilation.h, a.dilation.w);
      return k + ",g=" + std::to_string(a.groups) + ",c=" + std::to_string(in[1]) + "->" +
             std::to_string(a.out_channels) + ",hw=" + in_hw + ")";
    }
    case OpKind::Pool: {
      const auto& a = n.as<PoolAttrs>();
      if (a.global)
        return "global_" + pool_kind(a) + "(c=" + std::to_string(in[1]) + ",hw=" + in_hw + ")";
      return pool_kind(a) + "(k=" + hw(a.kernel.h, a.kernel.w) +
             ",s=" + hw(a.stride.h, a.stride.w) + ",c=" + std::to_string(in[1]) + ",hw=" + in_hw +
             ")";
    }
    case OpKind::FullyConnected:
      return "fc(" + std::to_string(in.numel() / std::max<int64_t>(in[0], 1)) + "->" +
             std::to_string(n.as<FullyConnectedAttrs>().out_features) + ")";
    default:
      return std::string(op_def(n).name) + "(" + in.str() + ")";
  }
}

int value_bytes(std::string_view precision) {
  if (precision == "fp16" || precision == "bf16") return 2;
  if (precision.empty() || precision == "fp32" || precision == "tf32") return 4;
  throw bad_input("unknown precision '" + std::string(precision) +
                  "': its value size is not known (fp32, tf32, fp16, bf16 are)");
}

NetworkCost analyze(const Graph& g, int bytes_per_value) {
  if (bytes_per_value != 2 && bytes_per_value != 4)
    throw Error(ErrorKind::Runtime, "analyze: values of " + std::to_string(bytes_per_value) +
                                        " bytes (2 or 4 are known)");
  NetworkCost net;
  net.layers.reserve(g.nodes.size());
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& n = g.nodes[i];
    const OpDef& d = op_def(n);
    const auto in = shapes_of(g, n.inputs);
    const auto out = shapes_of(g, n.outputs);
    LayerCostRow row;
    row.name = n.name;
    row.type = std::string(d.name);
    row.out_shape = out.at(0).str();
    try {
      row.detail = canonical_key(g, i);
      row.cost = d.cost(n, in, out);
      store_values_in(row.cost, bytes_per_value);
    } catch (const Error& e) {
      throw bad_input("node '" + n.name + "' (" + row.type + "): " + e.what());
    }
    if (n.kind() == OpKind::Conv) {
      const auto& a = n.as<ConvAttrs>();
      row.depthwise = a.groups > 1 && a.groups == in[0][1];
    }
    try {
      net.total += row.cost;
    } catch (const Error& e) {
      throw bad_input("network total at node '" + n.name + "': " + e.what());
    }
    auto it = std::find_if(net.by_type.begin(), net.by_type.end(),
                           [&](const TypeTotal& t) { return t.type == row.type; });
    if (it == net.by_type.end()) it = net.by_type.insert(net.by_type.end(), {row.type, 0, {}});
    ++it->layers;
    it->cost += row.cost;
    net.layers.push_back(std::move(row));
  }
  return net;
}

}  // namespace synergy
