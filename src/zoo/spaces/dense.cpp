#include "zoo/blocks.hpp"
#include "zoo/spaces/draw.hpp"

namespace synergy::zoo::spaces {

namespace {

// Pre-activation: BatchNorm "<p>.norm<i>" -> ReLU "<p>.relu<i>" -> conv "<p>.conv<i>".
ValueId bn_relu_conv(GraphBuilder& b, const std::string& p, const std::string& i, ValueId in,
                     ConvAttrs a) {
  a.has_bias = false;
  ValueId x = b.add1(p + ".norm" + i, BatchNormAttrs{}, {in});
  x = b.add1(p + ".relu" + i, relu(), {x});
  return b.add1(p + ".conv" + i, a, {x});
}

}  // namespace

Graph dense(Draw& d, const std::string& name) {
  GraphBuilder b(name, "synergy design space 'dense'");
  const int64_t res = d.resolution();
  ValueId x = b.input("data", {1, 3, res, res});
  const int64_t growth = d.one_of<int64_t>({8, 12, 16, 24, 32});
  const bool bottleneck = d.chance(0.5);  // 1x1 to 4 * growth before each 3x3
  const bool compress = d.chance(0.5);    // transitions halve the channels
  int64_t channels = 2 * growth;          // DenseNet-BC's stem width
  // The stride-1 stem is always pooled, so no block runs at the full input side.
  const bool stride2 = d.chance(0.5);
  x = conv_bn(b, {"stem", "stem_bn", "stem_relu"}, x,
              stride2 ? conv(channels, 7, 2, 3, 1, false) : conv(channels, 3, 1, 1, 1, false));
  if (!stride2 || d.chance(0.5)) x = b.add1("stem_pool", max_pool(3, 2, 1, Rounding::Floor), {x});
  const int64_t blocks = d.between(2, 4);
  for (int64_t k = 1; k <= blocks; ++k) {
    const int64_t layers = d.between(2, 8);
    for (int64_t l = 1; l <= layers; ++l) {
      const std::string p = "dense" + std::to_string(k) + ".layer" + std::to_string(l);
      ValueId y = x;
      if (bottleneck) y = bn_relu_conv(b, p, "1", y, conv(4 * growth, 1));
      y = bn_relu_conv(b, p, "2", y, conv(growth, 3, 1, 1));
      x = b.add1(p + ".concat", ConcatAttrs{1}, {x, y});
      channels += growth;
    }
    if (k == blocks) break;
    const std::string p = "transition" + std::to_string(k);
    if (compress) channels /= 2;
    x = bn_relu_conv(b, p, "", x, conv(channels, 1));
    x = b.add1(p + ".pool", avg_pool(2, 2, 0, Rounding::Floor, true), {x});
  }
  x = b.add1("norm", BatchNormAttrs{}, {x});
  x = b.add1("relu", relu(), {x});
  x = b.add1("global_pool", global_avg_pool(), {x});
  return b.finish({b.add1("fc", fc(d.one_of<int64_t>({10, 100, 1000})), {x})});
}

}  // namespace synergy::zoo::spaces
