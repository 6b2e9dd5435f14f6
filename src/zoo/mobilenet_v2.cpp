// MobileNet v2 (width 1.0, 224x224) as defined by torchvision: inverted residual blocks with
// linear bottlenecks, ReLU6. Sandler et al., "MobileNetV2: Inverted Residuals and Linear
// Bottlenecks", CVPR 2018, Table 2.
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {
namespace {

// torchvision's Conv2dNormActivation: "<p>.0" conv, "<p>.1" BN, "<p>.2" ReLU6.
ValueId cbr6(GraphBuilder& b, const std::string& p, ValueId in, ConvAttrs a) {
  a.has_bias = false;
  return conv_bn(b, {p + ".0", p + ".1", p + ".2"}, in, a, relu6());
}

ValueId inverted_residual(GraphBuilder& b, const std::string& p, ValueId in, int64_t in_c,
                          int64_t out_c, int64_t stride, int64_t expand) {
  const int64_t hidden = in_c * expand;
  ValueId x = in;
  int i = 0;
  if (expand != 1) x = cbr6(b, p + ".conv." + std::to_string(i++), x, conv(hidden, 1));
  x = cbr6(b, p + ".conv." + std::to_string(i++), x, conv(hidden, 3, stride, 1, hidden));
  x = b.add1(p + ".conv." + std::to_string(i), conv(out_c, 1, 1, 0, 1, false), {x});
  x = b.add1(p + ".conv." + std::to_string(i + 1), BatchNormAttrs{}, {x});
  if (stride == 1 && in_c == out_c) x = b.add1(p + ".add", BinaryAttrs{BinaryKind::Add}, {in, x});
  return x;
}

}  // namespace

Graph build_mobilenet_v2() {
  GraphBuilder b("mobilenet_v2", "Sandler et al., CVPR 2018 (arXiv 1801.04381); torchvision");
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = cbr6(b, "features.0", x, conv(32, 3, 2, 1));
  struct Stage {
    int64_t expand, channels;
    int repeats;
    int64_t stride;
  };
  const Stage stages[] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                          {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
  int64_t in_c = 32;
  int index = 1;
  for (const Stage& s : stages) {
    for (int i = 0; i < s.repeats; ++i) {
      const std::string p = "features." + std::to_string(index++);
      x = inverted_residual(b, p, x, in_c, s.channels, i == 0 ? s.stride : 1, s.expand);
      in_c = s.channels;
    }
  }
  x = cbr6(b, "features." + std::to_string(index), x, conv(1280, 1));
  x = b.add1("avgpool", global_avg_pool(), {x});
  x = b.add1("classifier.0", DropoutAttrs{0.2f}, {x});
  return b.finish({b.add1("classifier.1", fc(1000), {x})});
}

}  // namespace synergy::zoo
