#include "zoo/blocks.hpp"
#include "zoo/spaces/draw.hpp"

namespace synergy::zoo::spaces {

Graph shuffle(Draw& d, const std::string& name) {
  GraphBuilder b(name, "synergy design space 'shuffle'");
  const int64_t res = d.resolution();
  ValueId x = b.input("data", {1, 3, res, res});
  int64_t in_c = d.one_of<int64_t>({16, 24, 32});
  x = conv_bn(b, {"stem", "stem_bn", "stem_relu"}, x, conv(in_c, 3, 2, 1, 1, false));
  x = b.add1("stem_pool", max_pool(3, 2, 1, Rounding::Floor), {x});
  int64_t side = out_side(out_side(res, 3, 2, 1), 3, 2, 1);
  const int64_t base = d.one_of<int64_t>({48, 116, 176, 244});
  for (int64_t s = 0; s < 3; ++s) {
    const int64_t out_c = base << s;
    const int64_t units = d.between(2, 6);
    for (int64_t i = 0; i < units; ++i) {
      const int64_t stride = i == 0 ? 2 : 1;
      side = out_side(side, 3, stride, 1);
      const std::string p = "stage" + std::to_string(s + 2) + "." + std::to_string(i);
      x = shuffle_unit(b, p, x, in_c, out_c, stride, side);
      in_c = out_c;
    }
  }
  x = conv_bn(b, {"head", "head_bn", "head_relu"}, x,
              conv(d.one_of<int64_t>({512, 1024}), 1, 1, 0, 1, false));
  x = b.add1("global_pool", global_avg_pool(), {x});
  return b.finish({b.add1("fc", fc(1000), {x})});
}

}  // namespace synergy::zoo::spaces
