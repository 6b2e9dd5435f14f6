#include <algorithm>

#include "zoo/blocks.hpp"
#include "zoo/spaces/draw.hpp"

namespace synergy::zoo::spaces {

Graph plain(Draw& d, const std::string& name) {
  GraphBuilder b(name, "synergy design space 'plain'");
  const int64_t res = d.resolution();
  ValueId x = b.input("data", {1, 3, res, res});
  const bool with_bn = d.chance(0.5);
  int layer = 0;
  auto add_conv = [&](ConvAttrs a) {
    const std::string n = "conv" + std::to_string(++layer);
    if (with_bn) {
      a.has_bias = false;
      x = conv_bn(b, {n, n + "_bn", n + "_relu"}, x, a);
    } else {
      x = conv_relu(b, n, n + "_relu", x, a);
    }
  };
  int64_t width = d.one_of<int64_t>({16, 24, 32, 48, 64});
  const int64_t k0 = d.one_of<int64_t>({3, 5, 7, 11});
  const int64_t s0 = k0 >= 7 ? d.one_of<int64_t>({2, 4}) : d.one_of<int64_t>({1, 2});
  add_conv(conv(width, k0, s0, k0 / 2));
  int64_t side = out_side(res, k0, s0, k0 / 2);
  const int64_t stages = d.between(3, 5);
  for (int64_t s = 0; s < stages; ++s) {
    if (s > 0)
      width =
          std::min<int64_t>(512, round8(static_cast<double>(width) * (d.chance(0.5) ? 2.0 : 1.5)));
    const int64_t convs = d.between(1, 3) - (s == 0 ? 1 : 0);  // the first stage has conv1
    for (int64_t c = 0; c < convs; ++c) {
      const int64_t k = d.one_of<int64_t>({1, 3, 3, 5});
      add_conv(conv(width, k, 1, k / 2));
    }
    if (side >= 4) {
      x = b.add1("pool" + std::to_string(s + 1), max_pool(2, 2, 0, Rounding::Floor), {x});
      side /= 2;
    }
  }
  x = b.add1("global_pool", global_avg_pool(), {x});
  return b.finish({b.add1("fc", fc(d.one_of<int64_t>({10, 100, 1000})), {x})});
}

}  // namespace synergy::zoo::spaces
