#include "zoo/blocks.hpp"
#include "zoo/spaces/draw.hpp"

namespace synergy::zoo::spaces {

// AlexNet/Caffe-like: a large strided first convolution, local response normalisation, 1 or 2
// groups in the later convolutions, max pooling, Flatten into fully-connected layers with
// dropout, and a softmax.
Graph classic(Draw& d, const std::string& name) {
  GraphBuilder b(name, "synergy design space 'classic'");
  const int64_t res = d.resolution();
  ValueId x = b.input("data", {1, 3, res, res});
  const int64_t k1 = d.one_of<int64_t>({7, 11}), s1 = k1 == 11 ? 4 : 2;
  const int64_t c1 = d.one_of<int64_t>({48, 64, 96});
  x = conv_relu(b, "conv1", "relu1", x, conv(c1, k1, s1, k1 / 2));
  if (d.chance(0.7)) x = b.add1("norm1", LrnAttrs{}, {x});
  x = b.add1("pool1", max_pool(3, 2, 0, Rounding::Ceil), {x});
  const int64_t groups = d.one_of<int64_t>({1, 2});
  const int64_t c2 = 2 * groups * d.one_of<int64_t>({32, 64, 128});
  x = conv_relu(b, "conv2", "relu2", x, conv(c2, 5, 1, 2, groups));
  if (d.chance(0.5)) x = b.add1("norm2", LrnAttrs{}, {x});
  x = b.add1("pool2", max_pool(3, 2, 0, Rounding::Ceil), {x});
  const int64_t convs = d.between(1, 3);
  for (int64_t i = 0; i < convs; ++i) {
    const std::string n = std::to_string(i + 3);
    const int64_t g = i == 0 ? 1 : groups;  // conv3 sees every channel, as in AlexNet
    x = conv_relu(b, "conv" + n, "relu" + n, x,
                  conv(2 * g * d.one_of<int64_t>({48, 64, 96}), 3, 1, 1, g));
  }
  x = b.add1("pool5", max_pool(3, 2, 0, Rounding::Ceil), {x});
  x = b.add1("flatten", FlattenAttrs{}, {x});
  const int64_t hidden = d.one_of<int64_t>({256, 512, 1024});
  for (int i = 6; i <= 7; ++i) {
    const std::string n = std::to_string(i);
    x = b.add1("fc" + n, fc(hidden), {x});
    x = b.add1("relu" + n, relu(), {x});
    x = b.add1("drop" + n, DropoutAttrs{}, {x});
  }
  x = b.add1("fc8", fc(d.one_of<int64_t>({10, 100, 1000})), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace synergy::zoo::spaces
