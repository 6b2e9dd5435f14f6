// VGG-CNN-S ("VGG small"): Chatfield, Simonyan, Vedaldi, Zisserman, "Return of the Devil in the
// Details: Delving Deep into Convolutional Nets", BMVC 2014; the authors' Caffe release
// (VGG_CNN_S deploy, 224x224, Caffe's ceil pooling).
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {

Graph build_vgg_cnn_s() {
  GraphBuilder b("vgg_cnn_s", "Chatfield et al., BMVC 2014; VGG_CNN_S Caffe deploy");
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = conv_relu(b, "conv1", "relu1", x, conv(96, 7, 2));
  x = b.add1("norm1", LrnAttrs{5, 5e-4f, 0.75f, 2.0f, true}, {x});
  x = b.add1("pool1", max_pool(3, 3, 0, Rounding::Ceil), {x});
  x = conv_relu(b, "conv2", "relu2", x, conv(256, 5));
  x = b.add1("pool2", max_pool(2, 2, 0, Rounding::Ceil), {x});
  x = conv_relu(b, "conv3", "relu3", x, conv(512, 3, 1, 1));
  x = conv_relu(b, "conv4", "relu4", x, conv(512, 3, 1, 1));
  x = conv_relu(b, "conv5", "relu5", x, conv(512, 3, 1, 1));
  x = b.add1("pool5", max_pool(3, 3, 0, Rounding::Ceil), {x});
  for (const char* i : {"6", "7"}) {
    x = b.add1(std::string("fc") + i, fc(4096), {x});
    x = b.add1(std::string("relu") + i, relu(), {x});
    x = b.add1(std::string("drop") + i, DropoutAttrs{0.5f}, {x});
  }
  x = b.add1("fc8", fc(1000), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace synergy::zoo
