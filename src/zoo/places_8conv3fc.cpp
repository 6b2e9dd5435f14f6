// The Places205 "8conv3fc" network trained with deep supervision; its inference path (the
// auxiliary supervision branch exists only in training). Wang, Lee, Tu, Lazebnik, "Training
// Deeper Convolutional Networks with Deep Supervision", arXiv 1505.02496 (2015); the authors'
// Caffe release (Places_CNDS deploy: 227x227 input, 205 classes, no softmax layer).
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {

Graph build_places_8conv3fc() {
  GraphBuilder b("places_8conv3fc", "Wang et al., arXiv 1505.02496 (2015); Places_CNDS deploy");
  const PoolAttrs pool2x2 = max_pool(2, 2, 0, Rounding::Ceil);
  ValueId x = b.input("data", {1, 3, 227, 227});
  x = conv_relu(b, "conv1", "relu1", x, conv(64, 7, 2, 1));
  x = b.add1("pool1", max_pool(3, 2, 0, Rounding::Ceil), {x});
  x = conv_relu(b, "conv2", "relu2", x, conv(128, 3, 1, 1));
  x = b.add1("pool2", pool2x2, {x});
  struct Stage {
    int index;
    int64_t channels;
  };
  for (const Stage& s : {Stage{3, 256}, Stage{4, 512}, Stage{5, 512}}) {
    const std::string i = std::to_string(s.index);
    x = conv_relu(b, "conv" + i + "_1", "relu" + i + "_1", x, conv(s.channels, 3, 1, 1));
    x = conv_relu(b, "conv" + i + "_2", "relu" + i + "_2", x, conv(s.channels, 3, 1, 1));
    x = b.add1("pool" + i, pool2x2, {x});
  }
  for (const char* i : {"6", "7"}) {
    x = b.add1(std::string("fc") + i, fc(4096), {x});
    x = b.add1(std::string("relu") + i, relu(), {x});
    x = b.add1(std::string("drop") + i, DropoutAttrs{0.5f}, {x});
  }
  return b.finish({b.add1("fc8", fc(205), {x})});
}

}  // namespace synergy::zoo
