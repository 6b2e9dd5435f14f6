#include "zoo/blocks.hpp"
#include "zoo/spaces/draw.hpp"

namespace synergy::zoo::spaces {

Graph residual(Draw& d, const std::string& name) {
  GraphBuilder b(name, "synergy design space 'residual'");
  const int64_t res = d.resolution();
  ValueId x = b.input("data", {1, 3, res, res});
  const bool bottleneck = d.chance(0.5);
  const int64_t base = d.one_of<int64_t>({16, 24, 32, 48, 64});
  const int64_t stem_k = d.one_of<int64_t>({3, 7});
  x = conv_bn(b, {"stem", "stem_bn", "stem_relu"}, x, conv(base, stem_k, 2, stem_k / 2, 1, false));
  if (d.chance(0.5)) x = b.add1("stem_pool", max_pool(3, 2, 1, Rounding::Floor), {x});
  int64_t in_c = base;
  const int64_t stages = d.between(2, 4);
  for (int64_t s = 0; s < stages; ++s) {
    const int64_t width = base << s;
    const int64_t out_c = bottleneck ? 4 * width : width;
    const int64_t blocks = d.between(1, 4);
    for (int64_t i = 0; i < blocks; ++i) {
      const int64_t stride = s > 0 && i == 0 ? 2 : 1;
      const std::string p = "layer" + std::to_string(s + 1) + "." + std::to_string(i);
      auto cbn = [&](ValueId in, const std::string& n, ConvAttrs a, bool act) {
        a.has_bias = false;
        return conv_bn(b, {p + "." + n, p + "." + n + "_bn", act ? p + "." + n + "_relu" : ""}, in,
                       a);
      };
      ValueId y = x;
      if (bottleneck) {
        y = cbn(y, "conv1", conv(width, 1), true);
        y = cbn(y, "conv2", conv(width, 3, stride, 1), true);
        y = cbn(y, "conv3", conv(out_c, 1), false);
      } else {
        y = cbn(y, "conv1", conv(width, 3, stride, 1), true);
        y = cbn(y, "conv2", conv(width, 3, 1, 1), false);
      }
      const ValueId shortcut =
          stride != 1 || in_c != out_c ? cbn(x, "downsample", conv(out_c, 1, stride, 0), false) : x;
      x = b.add1(p + ".add", BinaryAttrs{BinaryKind::Add}, {y, shortcut});
      x = b.add1(p + ".relu", relu(), {x});
      in_c = out_c;
    }
  }
  x = b.add1("global_pool", global_avg_pool(), {x});
  return b.finish({b.add1("fc", fc(1000), {x})});
}

}  // namespace synergy::zoo::spaces
