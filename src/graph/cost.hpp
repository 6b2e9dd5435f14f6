// Analytic per-layer cost: MACs (the SyNERGY definition), FLOPs, params, bytes, intensity.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace synergy {

class Graph;

// Counts for one execution of a layer (the whole batch). Bytes count 4 per value (float32)
// unless analyze() is told the precision stores values in fewer.
// MACs: conv out_n*out_h*out_w*out_c*k_h*k_w*(in_c/groups); fully-connected n*in*out;
// every other op 0 MACs (its arithmetic is in flops).
struct LayerCost {
  int64_t macs = 0;
  int64_t flops = 0;
  int64_t params = 0;
  int64_t weight_bytes = 0;
  int64_t input_bytes = 0;
  int64_t output_bytes = 0;

  // Minimum memory traffic: read inputs and weights once, write outputs once.
  int64_t min_traffic_bytes() const;
  // flops per byte of minimum traffic (0 when there is no traffic).
  double intensity() const;
  LayerCost& operator+=(const LayerCost& o);  // throws on overflow
};

struct LayerCostRow {
  std::string name;
  std::string type;    // op name, e.g. "Conv"
  std::string detail;  // canonical key, e.g. "conv(k=3x3,s=1x1,g=1,c=64->64,hw=56x56)"
  std::string out_shape;
  bool depthwise = false;
  LayerCost cost;
};

struct TypeTotal {
  std::string type;
  int64_t layers = 0;
  LayerCost cost;
};

struct NetworkCost {
  std::vector<LayerCostRow> layers;
  std::vector<TypeTotal> by_type;  // in order of first appearance
  LayerCost total;
};

// Bytes one stored value takes in an execution precision: 2 for "fp16" and "bf16", 4 for
// "fp32", "tf32" and "" (not said). Throws bad_input on any other name.
int value_bytes(std::string_view precision);

// Shapes must be inferred; `bytes_per_value` is 4 (float32) or 2 (fp16, bf16). Throws bad_input
// naming the node when a count overflows.
NetworkCost analyze(const Graph& graph, int bytes_per_value = 4);
// Canonical key of a node ("conv(k=3x3,s=2x2,g=1,c=3->64,hw=224x224)"), usable as a filter.
std::string canonical_key(const Graph& graph, size_t node_index);

}  // namespace synergy
