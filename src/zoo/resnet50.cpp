// ResNet-50 as released by its authors for Caffe (ResNet-50-deploy): BatchNorm + Scale after
// every conv, and the stride 2 of a downsampling block on its first 1x1 conv (branch2a), not on
// the 3x3 as in later re-implementations. He, Zhang, Ren, Sun, "Deep Residual Learning for Image
// Recognition", CVPR 2016.
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {
namespace {

// One bottleneck block named like "res3a": branch2a/2b/2c, optional projection branch1.
ValueId bottleneck(GraphBuilder& b, ValueId in, const std::string& id, int64_t mid, int64_t stride,
                   bool project) {
  const std::string res = "res" + id;
  ValueId shortcut = in;
  if (project) {
    shortcut = conv_bn_scale(b, res + "_branch1", id + "_branch1", in,
                             conv(mid * 4, 1, stride, 0, 1, false), false);
  }
  ValueId x = conv_bn_scale(b, res + "_branch2a", id + "_branch2a", in,
                            conv(mid, 1, stride, 0, 1, false), true);
  x = conv_bn_scale(b, res + "_branch2b", id + "_branch2b", x, conv(mid, 3, 1, 1, 1, false), true);
  x = conv_bn_scale(b, res + "_branch2c", id + "_branch2c", x, conv(mid * 4, 1, 1, 0, 1, false),
                    false);
  x = b.add1(res, BinaryAttrs{BinaryKind::Add}, {shortcut, x});
  return b.add1(res + "_relu", relu(), {x});
}

}  // namespace

Graph build_resnet50() {
  GraphBuilder b("resnet50", "He et al., CVPR 2016; authors' Caffe ResNet-50-deploy");
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = conv_bn_scale(b, "conv1", "_conv1", x, conv(64, 7, 2, 3), true);
  x = b.add1("pool1", max_pool(3, 2, 0, Rounding::Ceil), {x});
  struct Stage {
    int index, blocks;
    int64_t mid;
  };
  for (const Stage& s : {Stage{2, 3, 64}, Stage{3, 4, 128}, Stage{4, 6, 256}, Stage{5, 3, 512}}) {
    for (int i = 0; i < s.blocks; ++i) {
      const std::string id = std::to_string(s.index) + static_cast<char>('a' + i);
      const int64_t stride = (i == 0 && s.index > 2) ? 2 : 1;
      x = bottleneck(b, x, id, s.mid, stride, i == 0);
    }
  }
  x = b.add1("pool5", avg_pool(7, 1, 0, Rounding::Ceil, true), {x});
  x = b.add1("fc1000", fc(1000), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace synergy::zoo
