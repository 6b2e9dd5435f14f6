#include <algorithm>

#include "zoo/blocks.hpp"
#include "zoo/spaces/draw.hpp"

namespace synergy::zoo::spaces {

namespace {

ActivationAttrs hard_swish() {
  return {ActivationKind::HardSwish, 0.0f, 0.0f};
}
ActivationAttrs hard_sigmoid() {
  return {ActivationKind::HardSigmoid, 1.0f / 6.0f, 0.5f};
}
ActivationAttrs swish() {
  return {ActivationKind::Silu, 0.0f, 0.0f};
}

// MobileNet v2's ReLU6, MobileNet v3's hard-swish or EfficientNet's swish (SiLU).
ActivationAttrs draw_activation(Draw& d) {
  const int pick = static_cast<int>(d.between(0, 2));
  return pick == 0 ? relu6() : pick == 1 ? hard_swish() : swish();
}

// Squeeze-excite: global pool, 1x1 down to a quarter, ReLU, 1x1 back, hard-sigmoid, scale; in
// a swish block as EfficientNet has it: swish after the first 1x1 and a sigmoid gate.
ValueId squeeze_excite(GraphBuilder& b, const std::string& p, ValueId in, int64_t channels,
                       bool swish_block) {
  ValueId g = b.add1(p + ".se.pool", global_avg_pool(), {in});
  g = b.add1(p + ".se.fc1", conv(std::max<int64_t>(8, round8(channels / 4.0)), 1), {g});
  g = b.add1(p + ".se.act", swish_block ? swish() : relu(), {g});
  g = b.add1(p + ".se.fc2", conv(channels, 1), {g});
  const ActivationAttrs sigmoid{ActivationKind::Sigmoid, 0.0f, 0.0f};
  g = b.add1(p + ".se.gate", swish_block ? sigmoid : hard_sigmoid(), {g});
  return b.add1(p + ".se.scale", BinaryAttrs{BinaryKind::Mul}, {in, g});
}

}  // namespace

Graph inverted(Draw& d, const std::string& name) {
  GraphBuilder b(name, "synergy design space 'inverted'");
  const int64_t res = d.resolution();
  ValueId x = b.input("data", {1, 3, res, res});
  auto cbn = [&](ValueId in, const std::string& n, ConvAttrs a, const ActivationAttrs* act) {
    a.has_bias = false;
    return act ? conv_bn(b, {n, n + "_bn", n + "_act"}, in, a, *act)
               : conv_bn(b, {n, n + "_bn", ""}, in, a);
  };
  const ActivationAttrs stem_act = draw_activation(d);
  int64_t in_c = d.one_of<int64_t>({16, 24, 32});
  x = cbn(x, "stem", conv(in_c, 3, 2, 1), &stem_act);
  int64_t side = out_side(res, 3, 2, 1);
  int64_t out_c = in_c;
  const int64_t stages = d.between(4, 6);
  const int64_t downsamples = d.between(3, 4);  // after the stem, as MobileNets have
  for (int64_t s = 0; s < stages; ++s) {
    out_c = std::min<int64_t>(
        320, round8(static_cast<double>(out_c) * d.one_of<double>({1.0, 1.25, 1.5, 2.0})));
    const int64_t repeats = d.between(1, 4);
    const int64_t expand = d.one_of<int64_t>({1, 3, 4, 6});
    const int64_t k = d.one_of<int64_t>({3, 5});
    const int64_t stride = s < downsamples && side >= 8 ? 2 : 1;
    const ActivationAttrs act = draw_activation(d);
    const bool se = d.chance(0.5);
    for (int64_t i = 0; i < repeats; ++i) {
      const std::string p = "block" + std::to_string(s + 1) + "." + std::to_string(i);
      const int64_t st = i == 0 ? stride : 1;
      const int64_t hidden = expand == 1 ? in_c : round8(static_cast<double>(in_c * expand));
      ValueId y = x;
      if (hidden != in_c) y = cbn(y, p + ".expand", conv(hidden, 1), &act);
      y = cbn(y, p + ".dw", conv(hidden, k, st, k / 2, hidden), &act);
      if (se) y = squeeze_excite(b, p, y, hidden, act.kind == ActivationKind::Silu);
      y = cbn(y, p + ".project", conv(out_c, 1), nullptr);
      if (st == 1 && in_c == out_c) y = b.add1(p + ".add", BinaryAttrs{BinaryKind::Add}, {x, y});
      x = y;
      in_c = out_c;
      side = out_side(side, k, st, k / 2);
    }
  }
  const ActivationAttrs head_act = draw_activation(d);
  x = cbn(x, "head", conv(d.one_of<int64_t>({576, 768, 960, 1280}), 1), &head_act);
  x = b.add1("global_pool", global_avg_pool(), {x});
  return b.finish({b.add1("fc", fc(1000), {x})});
}

}  // namespace synergy::zoo::spaces
