// Network in Network for ImageNet (224x224): mlpconv blocks of a conv and two 1x1 convs ("cccp"),
// global average pooling instead of fully-connected layers. Lin, Chen, Yan, "Network In Network",
// ICLR 2014; the Caffe Model Zoo release (nin_imagenet deploy, Caffe's ceil pooling).
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {

Graph build_nin() {
  GraphBuilder b("nin", "Lin et al., ICLR 2014 (arXiv 1312.4400); Caffe Model Zoo nin_imagenet");
  const PoolAttrs pool = max_pool(3, 2, 0, Rounding::Ceil);
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = conv_relu(b, "conv1", "relu0", x, conv(96, 11, 4));
  x = conv_relu(b, "cccp1", "relu1", x, conv(96, 1));
  x = conv_relu(b, "cccp2", "relu2", x, conv(96, 1));
  x = b.add1("pool0", pool, {x});
  x = conv_relu(b, "conv2", "relu3", x, conv(256, 5, 1, 2));
  x = conv_relu(b, "cccp3", "relu5", x, conv(256, 1));
  x = conv_relu(b, "cccp4", "relu6", x, conv(256, 1));
  x = b.add1("pool2", pool, {x});
  x = conv_relu(b, "conv3", "relu7", x, conv(384, 3, 1, 1));
  x = conv_relu(b, "cccp5", "relu8", x, conv(384, 1));
  x = conv_relu(b, "cccp6", "relu9", x, conv(384, 1));
  x = b.add1("pool3", pool, {x});
  x = b.add1("drop", DropoutAttrs{0.5f}, {x});
  x = conv_relu(b, "conv4-1024", "relu10", x, conv(1024, 3, 1, 1));
  x = conv_relu(b, "cccp7-1024", "relu11", x, conv(1024, 1));
  x = conv_relu(b, "cccp8-1024", "relu12", x, conv(1000, 1));
  x = b.add1("pool4", avg_pool(6, 1, 0, Rounding::Ceil, true), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace synergy::zoo
