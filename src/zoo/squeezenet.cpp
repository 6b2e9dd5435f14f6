// SqueezeNet v1.0 (227x227) and its variant with simple residual bypasses around fire3, 5, 7
// and 9. Iandola et al., "SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and
// <0.5MB model size", arXiv 1602.07360 (2016); the authors' Caffe releases (SqueezeNet_v1.0
// deploy and SqueezeNet-Residual), whose layer names and conv10 padding are kept.
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {
namespace {

struct Fire {
  int index;
  int64_t squeeze, expand;  // expand1x1 = expand3x3 = expand
};

ValueId fire(GraphBuilder& b, ValueId in, const Fire& f) {
  const std::string p = "fire" + std::to_string(f.index) + "/";
  ValueId s = conv_relu(b, p + "squeeze1x1", p + "relu_squeeze1x1", in, conv(f.squeeze, 1));
  ValueId e1 = conv_relu(b, p + "expand1x1", p + "relu_expand1x1", s, conv(f.expand, 1));
  ValueId e3 = conv_relu(b, p + "expand3x3", p + "relu_expand3x3", s, conv(f.expand, 3, 1, 1));
  return b.add1(p + "concat", ConcatAttrs{1}, {e1, e3});
}

Graph build(const char* name, const char* source, bool bypass) {
  GraphBuilder b(name, source);
  const PoolAttrs pool = max_pool(3, 2, 0, Rounding::Ceil);
  ValueId x = b.input("data", {1, 3, 227, 227});
  x = b.add1("pool1", pool, {conv_relu(b, "conv1", "relu_conv1", x, conv(96, 7, 2))});
  const Fire fires[] = {{2, 16, 64},  {3, 16, 64},  {4, 32, 128}, {5, 32, 128},
                        {6, 48, 192}, {7, 48, 192}, {8, 64, 256}, {9, 64, 256}};
  for (const Fire& f : fires) {
    ValueId y = fire(b, x, f);
    // Fire modules 3, 5, 7 and 9 keep their channel count, so a bypass can add their input.
    if (bypass && f.index % 2 == 1) {
      const std::string bypass_name =
          "bypass_" + std::to_string(f.index - 1) + std::to_string(f.index);  // bypass_23
      y = b.add1(bypass_name, BinaryAttrs{BinaryKind::Add}, {x, y});
    }
    x = y;
    if (f.index == 4 || f.index == 8) x = b.add1("pool" + std::to_string(f.index), pool, {x});
  }
  x = b.add1("drop9", DropoutAttrs{0.5f}, {x});
  // The release pads this 1x1 conv by 1: 15x15 outputs from 13x13 inputs.
  x = conv_relu(b, "conv10", "relu_conv10", x, conv(1000, 1, 1, 1));
  x = b.add1("pool10", global_avg_pool(), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace

Graph build_squeezenet() {
  return build("squeezenet", "Iandola et al., arXiv 1602.07360 (2016); DeepScale Caffe v1.0",
               false);
}

Graph build_squeezenet_residual() {
  return build("squeezenet_residual",
               "Iandola et al., arXiv 1602.07360 (2016), simple bypass variant (Table 3)", true);
}

}  // namespace synergy::zoo
