#include <algorithm>
#include <vector>

#include "zoo/blocks.hpp"
#include "zoo/spaces/draw.hpp"

namespace synergy::zoo::spaces {

Graph inception(Draw& d, const std::string& name) {
  GraphBuilder b(name, "synergy design space 'inception'");
  const int64_t res = d.resolution();
  ValueId x = b.input("data", {1, 3, res, res});
  const bool with_bn = d.chance(0.5);
  auto cbr = [&](ValueId in, const std::string& n, ConvAttrs a) {
    if (!with_bn) return conv_relu(b, n, n + "_relu", in, a);
    a.has_bias = false;
    return conv_bn(b, {n, n + "_bn", n + "_relu"}, in, a);
  };
  const PoolAttrs down = max_pool(3, 2, 1, Rounding::Floor);
  // GoogLeNet's stem: 7x7 stride 2, pool, 1x1, 3x3 three times as wide, pool (side / 8).
  const int64_t base = d.one_of<int64_t>({32, 48, 64});
  x = cbr(x, "stem1", conv(base, 7, 2, 3));
  x = b.add1("stem_pool1", down, {x});
  x = cbr(x, "stem2", conv(base, 1));
  x = cbr(x, "stem3", conv(3 * base, 3, 1, 1));
  x = b.add1("stem_pool2", down, {x});
  const int64_t stages = d.between(2, 4);
  for (int64_t s = 0; s < stages; ++s) {
    if (s > 0) x = b.add1("stage" + std::to_string(s + 1) + ".pool", down, {x});
    // Branch widths are drawn as multiples of the stage's unit.
    const double unit = static_cast<double>(std::min<int64_t>(256, base << s));
    auto width = [&](std::initializer_list<double> times) {
      return round8(unit * d.one_of<double>(times));
    };
    const int64_t modules = d.between(1, 3);
    for (int64_t m = 0; m < modules; ++m) {
      const std::string p = "stage" + std::to_string(s + 1) + "." + std::to_string(m) + ".";
      const int64_t absent = d.chance(0.5) ? -1 : d.between(0, 3);  // 4 branches or 3
      const double ratio = d.one_of<double>({0.5, 0.75});  // of a 1x1 reduce to its conv's width
      auto reduce = [&](const std::string& n, int64_t c) {
        return cbr(x, p + n, conv(round8(static_cast<double>(c) * ratio), 1));
      };
      std::vector<ValueId> parts;
      if (absent != 0) parts.push_back(cbr(x, p + "1x1", conv(width({0.5, 1.0, 1.5, 2.0}), 1)));
      if (absent != 1) {
        const int64_t c = width({1.0, 1.5, 2.0});
        const ValueId r = reduce("3x3_reduce", c);
        parts.push_back(cbr(r, p + "3x3", conv(c, 3, 1, 1)));
      }
      if (absent != 2) {
        const int64_t c = width({0.25, 0.5, 1.0});
        const ValueId r = reduce("5x5_reduce", c);
        if (d.chance(0.5)) {
          parts.push_back(cbr(r, p + "5x5", conv(c, 5, 1, 2)));
        } else {  // Inception-BN's two 3x3 in place of the 5x5
          const ValueId t = cbr(r, p + "double_3x3_1", conv(c, 3, 1, 1));
          parts.push_back(cbr(t, p + "double_3x3_2", conv(c, 3, 1, 1)));
        }
      }
      if (absent != 3) {
        ValueId pool;
        if (d.chance(0.5)) {
          pool = b.add1(p + "pool", max_pool(3, 1, 1, Rounding::Floor), {x});
        } else {  // Inception v3 as exported: an explicit zero Pad, then average pooling
          const ValueId padded = b.add1(p + "pad", PadAttrs{{0, 0, 1, 1, 0, 0, 1, 1}}, {x});
          pool = b.add1(p + "pool", avg_pool(3, 1, 0, Rounding::Floor, true), {padded});
        }
        parts.push_back(cbr(pool, p + "pool_proj", conv(width({0.25, 0.5, 1.0}), 1)));
      }
      x = b.add1(p + "concat", ConcatAttrs{1}, parts);
    }
  }
  x = b.add1("global_pool", global_avg_pool(), {x});
  return b.finish({b.add1("fc", fc(d.one_of<int64_t>({10, 100, 1000})), {x})});
}

}  // namespace synergy::zoo::spaces
