// DenseNet-121 (growth rate 32, blocks of 6/12/24/16 layers, compression 0.5, 224x224) with
// torchvision's layer names. Each dense layer's output joins the block's running concatenation.
// Huang, Liu, van der Maaten, Weinberger, "Densely Connected Convolutional Networks", CVPR 2017.
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {
namespace {

constexpr int64_t kGrowth = 32;

// BN -> ReLU -> conv, named "<p>.norm<i>", "<p>.relu<i>", "<p>.conv<i>" (suffix may be empty).
ValueId bn_relu_conv(GraphBuilder& b, const std::string& p, const std::string& i, ValueId in,
                     ConvAttrs a) {
  ValueId x = b.add1(p + ".norm" + i, BatchNormAttrs{}, {in});
  x = b.add1(p + ".relu" + i, relu(), {x});
  return b.add1(p + ".conv" + i, a, {x});
}

ValueId dense_block(GraphBuilder& b, int block, int layers, ValueId in) {
  ValueId features = in;
  for (int l = 1; l <= layers; ++l) {
    const std::string p =
        "features.denseblock" + std::to_string(block) + ".denselayer" + std::to_string(l);
    ValueId x = bn_relu_conv(b, p, "1", features, conv(4 * kGrowth, 1, 1, 0, 1, false));
    x = bn_relu_conv(b, p, "2", x, conv(kGrowth, 3, 1, 1, 1, false));
    features = b.add1(p + ".concat", ConcatAttrs{1}, {features, x});
  }
  return features;
}

}  // namespace

Graph build_densenet121() {
  GraphBuilder b("densenet121", "Huang et al., CVPR 2017 (arXiv 1608.06993); torchvision");
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = conv_bn(b, {"features.conv0", "features.norm0", "features.relu0"}, x,
              conv(64, 7, 2, 3, 1, false));
  x = b.add1("features.pool0", max_pool(3, 2, 1, Rounding::Floor), {x});
  int64_t channels = 64;
  const int layers[] = {6, 12, 24, 16};
  for (int block = 1; block <= 4; ++block) {
    x = dense_block(b, block, layers[block - 1], x);
    channels += kGrowth * layers[block - 1];
    if (block == 4) break;
    const std::string p = "features.transition" + std::to_string(block);
    channels /= 2;
    x = bn_relu_conv(b, p, "", x, conv(channels, 1, 1, 0, 1, false));
    x = b.add1(p + ".pool", avg_pool(2, 2, 0, Rounding::Floor, true), {x});
  }
  x = b.add1("features.norm5", BatchNormAttrs{}, {x});
  x = b.add1("features.relu5", relu(), {x});
  x = b.add1("avgpool", global_avg_pool(), {x});
  return b.finish({b.add1("classifier", fc(1000), {x})});
}

}  // namespace synergy::zoo
