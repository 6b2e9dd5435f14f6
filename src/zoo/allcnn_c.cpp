// All-CNN-C for 32x32 CIFAR-10 input: only convolutions, strided convs instead of pooling,
// global average pooling before the softmax. Springenberg, Dosovitskiy, Brox, Riedmiller,
// "Striving for Simplicity: The All Convolutional Net", ICLR 2015 workshop (Table 2, model C).
// Dropout of training is omitted (identity at inference).
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {

Graph build_allcnn_c() {
  GraphBuilder b("allcnn_c", "Springenberg et al., ICLR 2015 workshop (arXiv 1412.6806)");
  struct Layer {
    int64_t out, kernel, stride, pad;
  };
  const Layer layers[] = {{96, 3, 1, 1},  {96, 3, 1, 1},  {96, 3, 2, 1},
                          {192, 3, 1, 1}, {192, 3, 1, 1}, {192, 3, 2, 1},
                          {192, 3, 1, 0}, {192, 1, 1, 0}, {10, 1, 1, 0}};
  ValueId x = b.input("data", {1, 3, 32, 32});
  int i = 1;
  for (const Layer& l : layers) {
    const std::string n = std::to_string(i++);
    x = conv_relu(b, "conv" + n, "relu" + n, x, conv(l.out, l.kernel, l.stride, l.pad));
  }
  x = b.add1("pool", global_avg_pool(), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace synergy::zoo
