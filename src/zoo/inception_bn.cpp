// Inception-BN (BN-Inception): GoogLeNet with batch normalisation and the 5x5 convs replaced by
// two 3x3 convs. Ioffe, Szegedy, "Batch Normalization: Accelerating Deep Network Training by
// Reducing Internal Covariate Shift", ICML 2015 (architecture of its Figure 5); 224x224 input,
// layer names of the widely used Caffe release, Caffe's ceil pooling.
#include "zoo/blocks.hpp"
#include "zoo/inception.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {

Graph build_inception_bn() {
  GraphBuilder b("inception_bn", "Ioffe & Szegedy, ICML 2015 (arXiv 1502.03167), Figure 5");
  const PoolAttrs pool = max_pool(3, 2, 0, Rounding::Ceil);
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = conv_bn(b, {"conv1/7x7_s2", "conv1/7x7_s2_bn", "conv1/relu_7x7"}, x, conv(64, 7, 2, 3));
  x = b.add1("pool1/3x3_s2", pool, {x});
  x = conv_bn(b, {"conv2/3x3_reduce", "conv2/3x3_reduce_bn", "conv2/relu_3x3_reduce"}, x,
              conv(64, 1));
  x = conv_bn(b, {"conv2/3x3", "conv2/3x3_bn", "conv2/relu_3x3"}, x, conv(192, 3, 1, 1));
  x = b.add1("pool2/3x3_s2", pool, {x});
  const PoolKind avg = PoolKind::Average, max = PoolKind::Max;
  const InceptionBn blocks[] = {
      {"3a", 64, 64, 64, 64, 96, 32, avg},       {"3b", 64, 64, 96, 64, 96, 64, avg},
      {"3c", 0, 128, 160, 64, 96, 0, max},       {"4a", 224, 64, 96, 96, 128, 128, avg},
      {"4b", 192, 96, 128, 96, 128, 128, avg},   {"4c", 160, 128, 160, 128, 160, 128, avg},
      {"4d", 96, 128, 192, 160, 192, 128, avg},  {"4e", 0, 128, 192, 192, 256, 0, max},
      {"5a", 352, 192, 320, 160, 224, 128, avg}, {"5b", 352, 192, 320, 192, 224, 128, max}};
  for (const InceptionBn& m : blocks) x = inception_bn(b, x, m);
  x = b.add1("global_pool", avg_pool(7, 1, 0, Rounding::Ceil, true), {x});
  x = b.add1("fc", fc(1000), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace synergy::zoo
