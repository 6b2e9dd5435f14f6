// ShuffleNet v2 1.0x (224x224) as defined by torchvision: channel split, two branches, concat and
// channel shuffle (reshape, transpose, reshape). Ma, Zhang, Zheng, Sun, "ShuffleNet V2: Practical
// Guidelines for Efficient CNN Architecture Design", ECCV 2018, Table 5.
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {
namespace {

// Layers "<p>.<first>", "<p>.<first+1>"[, "<p>.<first+2>"]: conv, BN[, ReLU].
ValueId seq_conv_bn(GraphBuilder& b, const std::string& p, int first, ValueId in, ConvAttrs a,
                    bool with_relu) {
  a.has_bias = false;
  const auto n = [&](int i) { return p + "." + std::to_string(first + i); };
  return conv_bn(b, {n(0), n(1), with_relu ? n(2) : ""}, in, a);
}

// Interleaves the channels of two groups: [N, 2, C/2, H, W] -> transpose(1, 2) -> [N, C, H, W].
ValueId channel_shuffle(GraphBuilder& b, const std::string& p, ValueId in, int64_t channels,
                        int64_t hw) {
  ValueId x = b.add1(p + ".shuffle.reshape1", ReshapeAttrs{{0, 2, channels / 2, hw, hw}}, {in});
  x = b.add1(p + ".shuffle.transpose", TransposeAttrs{{0, 2, 1, 3, 4}}, {x});
  return b.add1(p + ".shuffle.reshape2", ReshapeAttrs{{0, channels, hw, hw}}, {x});
}

}  // namespace

ValueId shuffle_unit(GraphBuilder& b, const std::string& p, ValueId in, int64_t in_c, int64_t out_c,
                     int64_t stride, int64_t hw) {
  const int64_t half = out_c / 2;
  ValueId left = in, right = in;
  if (stride == 1) {
    auto parts = b.add(p + ".split", SplitAttrs{1, {in_c / 2, in_c / 2}}, {in}, 2);
    left = parts[0];
    right = parts[1];
  } else {
    left = seq_conv_bn(b, p + ".branch1", 0, in, conv(in_c, 3, stride, 1, in_c), false);
    left = seq_conv_bn(b, p + ".branch1", 2, left, conv(half, 1), true);
  }
  right = seq_conv_bn(b, p + ".branch2", 0, right, conv(half, 1), true);
  right = seq_conv_bn(b, p + ".branch2", 3, right, conv(half, 3, stride, 1, half), false);
  right = seq_conv_bn(b, p + ".branch2", 5, right, conv(half, 1), true);
  ValueId x = b.add1(p + ".concat", ConcatAttrs{1}, {left, right});
  return channel_shuffle(b, p, x, out_c, hw);
}

Graph build_shufflenet_v2() {
  GraphBuilder b("shufflenet_v2", "Ma et al., ECCV 2018 (arXiv 1807.11164); torchvision 1.0x");
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = seq_conv_bn(b, "conv1", 0, x, conv(24, 3, 2, 1), true);
  x = b.add1("maxpool", max_pool(3, 2, 1, Rounding::Floor), {x});
  struct Stage {
    int index, repeats;
    int64_t channels, hw;
  };
  int64_t in_c = 24;
  for (const Stage& s : {Stage{2, 4, 116, 28}, Stage{3, 8, 232, 14}, Stage{4, 4, 464, 7}}) {
    for (int i = 0; i < s.repeats; ++i) {
      const std::string p = "stage" + std::to_string(s.index) + "." + std::to_string(i);
      x = shuffle_unit(b, p, x, in_c, s.channels, i == 0 ? 2 : 1, s.hw);
      in_c = s.channels;
    }
  }
  x = seq_conv_bn(b, "conv5", 0, x, conv(1024, 1), true);
  x = b.add1("globalpool", ReduceMeanAttrs{{2, 3}, false}, {x});
  return b.finish({b.add1("fc", fc(1000), {x})});
}

}  // namespace synergy::zoo
