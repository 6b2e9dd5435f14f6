// AlexNet as released with BVLC Caffe (bvlc_alexnet): 227x227 input, conv2/4/5 in two groups,
// LRN after conv1 and conv2. Krizhevsky, Sutskever, Hinton, NIPS 2012.
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {

Graph build_alexnet() {
  GraphBuilder b("alexnet", "Krizhevsky et al., NIPS 2012; BVLC Caffe bvlc_alexnet deploy");
  const LrnAttrs lrn{5, 1e-4f, 0.75f, 1.0f, true};
  const PoolAttrs pool = max_pool(3, 2, 0, Rounding::Ceil);
  ValueId x = b.input("data", {1, 3, 227, 227});
  x = conv_relu(b, "conv1", "relu1", x, conv(96, 11, 4));
  x = b.add1("pool1", pool, {b.add1("norm1", lrn, {x})});
  x = conv_relu(b, "conv2", "relu2", x, conv(256, 5, 1, 2, 2));
  x = b.add1("pool2", pool, {b.add1("norm2", lrn, {x})});
  x = conv_relu(b, "conv3", "relu3", x, conv(384, 3, 1, 1));
  x = conv_relu(b, "conv4", "relu4", x, conv(384, 3, 1, 1, 2));
  x = conv_relu(b, "conv5", "relu5", x, conv(256, 3, 1, 1, 2));
  x = b.add1("pool5", pool, {x});
  for (const char* i : {"6", "7"}) {
    x = b.add1(std::string("fc") + i, fc(4096), {x});
    x = b.add1(std::string("relu") + i, relu(), {x});
    x = b.add1(std::string("drop") + i, DropoutAttrs{0.5f}, {x});
  }
  x = b.add1("fc8", fc(1000), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace synergy::zoo
