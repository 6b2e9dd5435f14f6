#include "zoo/blocks.hpp"
#include "zoo/spaces/draw.hpp"

namespace synergy::zoo::spaces {

// ResNeXt/RegNet-like: residual blocks whose 3x3 convolution is grouped, and a head that pools
// by ReduceMean or by pooling and Flatten, with or without a softmax.
Graph grouped(Draw& d, const std::string& name) {
  GraphBuilder b(name, "synergy design space 'grouped'");
  const int64_t res = d.resolution();
  ValueId x = b.input("data", {1, 3, res, res});
  const int64_t group_width = d.one_of<int64_t>({8, 16, 24, 32, 48, 64});
  const int64_t stem = d.one_of<int64_t>({16, 24, 32, 48});
  x = conv_bn(b, {"stem", "stem_bn", "stem_relu"}, x, conv(stem, 3, 2, 1, 1, false));
  int64_t in_c = stem;
  const int64_t stages = d.between(2, 4);
  for (int64_t s = 0; s < stages; ++s) {
    // A whole number of groups: the stage width is a multiple of the group width.
    const int64_t groups = d.between(1, 4) << s;
    const int64_t width = group_width * groups;
    const int64_t blocks = d.between(1, 4);
    for (int64_t i = 0; i < blocks; ++i) {
      const int64_t stride = i == 0 ? 2 : 1;
      std::string p = "stage";  // appended: GCC 12 warns falsely on "s" + string
      p += std::to_string(s + 1) + ".b" + std::to_string(i + 1);
      auto cbn = [&](ValueId in, const std::string& n, ConvAttrs a, bool act) {
        a.has_bias = false;
        return conv_bn(b, {p + "." + n, p + "." + n + "_bn", act ? p + "." + n + "_relu" : ""}, in,
                       a);
      };
      ValueId y = cbn(x, "a", conv(width, 1), true);
      y = cbn(y, "b", conv(width, 3, stride, 1, groups), true);
      y = cbn(y, "c", conv(width, 1), false);
      const ValueId shortcut =
          stride != 1 || in_c != width ? cbn(x, "proj", conv(width, 1, stride, 0), false) : x;
      x = b.add1(p + ".add", BinaryAttrs{BinaryKind::Add}, {y, shortcut});
      x = b.add1(p + ".relu", relu(), {x});
      in_c = width;
    }
  }
  if (d.chance(0.5)) {
    x = b.add1("head_mean", ReduceMeanAttrs{{2, 3}, false}, {x});
  } else {
    x = b.add1("head_pool", global_avg_pool(), {x});
    x = b.add1("head_flatten", FlattenAttrs{}, {x});
  }
  x = b.add1("fc", fc(d.one_of<int64_t>({10, 100, 1000})), {x});
  return b.finish({d.chance(0.5) ? softmax(b, "prob", x) : x});
}

}  // namespace synergy::zoo::spaces
