// ResNet-18 and Wide ResNet-50-2 as defined by torchvision (stride on the 3x3 conv of a
// downsampling bottleneck, projection shortcuts, floor pooling).
// He et al., CVPR 2016; Zagoruyko & Komodakis, "Wide Residual Networks", BMVC 2016.
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {
namespace {

ValueId stem(GraphBuilder& b) {
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = conv_bn(b, {"conv1", "bn1", "relu"}, x, conv(64, 7, 2, 3, 1, false));
  return b.add1("maxpool", max_pool(3, 2, 1, Rounding::Floor), {x});
}

ValueId head(GraphBuilder& b, ValueId x) {
  x = b.add1("avgpool", global_avg_pool(), {x});
  return b.add1("fc", fc(1000), {x});
}

// The shortcut of block `p`: identity, or 1x1 conv + BN named downsample.0/.1.
ValueId shortcut(GraphBuilder& b, const std::string& p, ValueId in, int64_t out, int64_t stride,
                 bool project) {
  if (!project) return in;
  return conv_bn(b, {p + ".downsample.0", p + ".downsample.1", ""}, in,
                 conv(out, 1, stride, 0, 1, false));
}

ValueId add_relu(GraphBuilder& b, const std::string& p, ValueId a, ValueId c) {
  return b.add1(p + ".relu", relu(), {b.add1(p + ".add", BinaryAttrs{BinaryKind::Add}, {a, c})});
}

ValueId basic_block(GraphBuilder& b, const std::string& p, ValueId in, int64_t planes,
                    int64_t stride, bool project) {
  ValueId x = tv_conv_bn(b, p, 1, in, conv(planes, 3, stride, 1), true);
  x = tv_conv_bn(b, p, 2, x, conv(planes, 3, 1, 1), false);
  return add_relu(b, p, shortcut(b, p, in, planes, stride, project), x);
}

ValueId bottleneck(GraphBuilder& b, const std::string& p, ValueId in, int64_t planes, int64_t width,
                   int64_t stride, bool project) {
  ValueId x = tv_conv_bn(b, p, 1, in, conv(width, 1), true);
  x = tv_conv_bn(b, p, 2, x, conv(width, 3, stride, 1), true);
  x = tv_conv_bn(b, p, 3, x, conv(planes * 4, 1), false);
  return add_relu(b, p, shortcut(b, p, in, planes * 4, stride, project), x);
}

}  // namespace

Graph build_resnet18() {
  GraphBuilder b("resnet18", "He et al., CVPR 2016 (arXiv 1512.03385); torchvision resnet18");
  ValueId x = stem(b);
  int64_t in_channels = 64;
  const int64_t planes[] = {64, 128, 256, 512};
  for (int layer = 0; layer < 4; ++layer) {
    for (int i = 0; i < 2; ++i) {
      const std::string p = "layer" + std::to_string(layer + 1) + "." + std::to_string(i);
      const int64_t stride = (i == 0 && layer > 0) ? 2 : 1;
      x = basic_block(b, p, x, planes[layer], stride, i == 0 && in_channels != planes[layer]);
      in_channels = planes[layer];
    }
  }
  return b.finish({head(b, x)});
}

Graph build_wrn50_2() {
  GraphBuilder b("wrn50_2",
                 "Zagoruyko & Komodakis, BMVC 2016 (arXiv 1605.07146); torchvision "
                 "wide_resnet50_2");
  ValueId x = stem(b);
  const int64_t planes[] = {64, 128, 256, 512};
  const int blocks[] = {3, 4, 6, 3};
  for (int layer = 0; layer < 4; ++layer) {
    for (int i = 0; i < blocks[layer]; ++i) {
      const std::string p = "layer" + std::to_string(layer + 1) + "." + std::to_string(i);
      const int64_t stride = (i == 0 && layer > 0) ? 2 : 1;
      x = bottleneck(b, p, x, planes[layer], planes[layer] * 2, stride, i == 0);
    }
  }
  return b.finish({head(b, x)});
}

}  // namespace synergy::zoo
