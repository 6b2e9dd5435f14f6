// GoogLeNet as released with BVLC Caffe (bvlc_googlenet deploy, no auxiliary classifiers),
// Caffe's ceil rounding in pooling. Szegedy et al., "Going Deeper with Convolutions", CVPR 2015.
#include "zoo/blocks.hpp"
#include "zoo/inception.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {

Graph build_googlenet() {
  GraphBuilder b("googlenet", "Szegedy et al., CVPR 2015; BVLC Caffe bvlc_googlenet deploy");
  const LrnAttrs lrn{5, 1e-4f, 0.75f, 1.0f, true};
  const PoolAttrs pool = max_pool(3, 2, 0, Rounding::Ceil);
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = conv_relu(b, "conv1/7x7_s2", "conv1/relu_7x7", x, conv(64, 7, 2, 3));
  x = b.add1("pool1/norm1", lrn, {b.add1("pool1/3x3_s2", pool, {x})});
  x = conv_relu(b, "conv2/3x3_reduce", "conv2/relu_3x3_reduce", x, conv(64, 1));
  x = conv_relu(b, "conv2/3x3", "conv2/relu_3x3", x, conv(192, 3, 1, 1));
  x = b.add1("pool2/3x3_s2", pool, {b.add1("conv2/norm2", lrn, {x})});
  const InceptionV1 blocks[] = {
      {"3a", 64, 96, 128, 16, 32, 32},     {"3b", 128, 128, 192, 32, 96, 64},
      {"4a", 192, 96, 208, 16, 48, 64},    {"4b", 160, 112, 224, 24, 64, 64},
      {"4c", 128, 128, 256, 24, 64, 64},   {"4d", 112, 144, 288, 32, 64, 64},
      {"4e", 256, 160, 320, 32, 128, 128}, {"5a", 256, 160, 320, 32, 128, 128},
      {"5b", 384, 192, 384, 48, 128, 128}};
  for (const InceptionV1& m : blocks) {
    x = inception_v1(b, x, m);
    if (m.id == std::string("3b")) x = b.add1("pool3/3x3_s2", pool, {x});
    if (m.id == std::string("4e")) x = b.add1("pool4/3x3_s2", pool, {x});
  }
  x = b.add1("pool5/7x7_s1", avg_pool(7, 1, 0, Rounding::Ceil, true), {x});
  x = b.add1("pool5/drop_7x7_s1", DropoutAttrs{0.4f}, {x});
  x = b.add1("loss3/classifier", fc(1000), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace synergy::zoo
