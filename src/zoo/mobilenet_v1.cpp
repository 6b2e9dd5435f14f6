// MobileNet v1 (width 1.0, 224x224): depthwise-separable convolutions with batch norm.
// Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision
// Applications", arXiv 1704.04861 (2017), Table 1; layer names of the common Caffe release.
// The classifier is fully-connected (the paper's 569M mult-adds = 567.7M conv + 1.0M FC).
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {

Graph build_mobilenet_v1() {
  GraphBuilder b("mobilenet_v1", "Howard et al., arXiv 1704.04861 (2017), Table 1");
  ValueId x = b.input("data", {1, 3, 224, 224});
  x = conv_bn(b, {"conv1", "conv1/bn", "relu1"}, x, conv(32, 3, 2, 1, 1, false));
  struct Block {
    const char* id;
    int64_t out, stride;
  };
  const Block blocks[] = {{"2_1", 64, 1},  {"2_2", 128, 2}, {"3_1", 128, 1}, {"3_2", 256, 2},
                          {"4_1", 256, 1}, {"4_2", 512, 2}, {"5_1", 512, 1}, {"5_2", 512, 1},
                          {"5_3", 512, 1}, {"5_4", 512, 1}, {"5_5", 512, 1}, {"5_6", 1024, 2},
                          {"6", 1024, 1}};
  int64_t channels = 32;
  for (const Block& k : blocks) {
    const std::string id = k.id;
    x = conv_bn(b, {"conv" + id + "/dw", "conv" + id + "/dw/bn", "relu" + id + "/dw"}, x,
                conv(channels, 3, k.stride, 1, channels, false));
    x = conv_bn(b, {"conv" + id + "/sep", "conv" + id + "/sep/bn", "relu" + id + "/sep"}, x,
                conv(k.out, 1, 1, 0, 1, false));
    channels = k.out;
  }
  x = b.add1("pool6", global_avg_pool(), {x});
  x = b.add1("fc7", fc(1000), {x});
  return b.finish({softmax(b, "prob", x)});
}

}  // namespace synergy::zoo
