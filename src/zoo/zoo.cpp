#include "zoo/zoo.hpp"

#include <array>

#include "util/error.hpp"
#include "zoo/networks.hpp"

namespace synergy {

std::span<const ZooEntry> zoo_entries() {
  using namespace zoo;
  static const std::array<ZooEntry, 17> table{{
      {"alexnet", "AlexNet (BVLC Caffe)", "Krizhevsky et al., NIPS 2012", build_alexnet},
      {"squeezenet", "SqueezeNet v1.0", "Iandola et al., arXiv 1602.07360 (2016)",
       build_squeezenet},
      {"squeezenet_residual", "SqueezeNet v1.0 with simple bypass",
       "Iandola et al., arXiv 1602.07360 (2016)", build_squeezenet_residual},
      {"resnet50", "ResNet-50 (original Caffe)", "He et al., CVPR 2016", build_resnet50},
      {"googlenet", "GoogLeNet (BVLC Caffe)", "Szegedy et al., CVPR 2015", build_googlenet},
      {"vgg_cnn_s", "VGG-CNN-S", "Chatfield et al., BMVC 2014", build_vgg_cnn_s},
      {"inception_bn", "Inception-BN", "Ioffe & Szegedy, ICML 2015", build_inception_bn},
      {"inception_v3", "Inception-v3", "Szegedy et al., CVPR 2016", build_inception_v3},
      {"places_8conv3fc", "Places205 8conv3fc (deep supervision)",
       "Wang et al., arXiv 1505.02496 (2015)", build_places_8conv3fc},
      {"allcnn_c", "All-CNN-C (CIFAR-10)", "Springenberg et al., ICLR 2015 workshop",
       build_allcnn_c},
      {"mobilenet_v1", "MobileNet v1 1.0", "Howard et al., arXiv 1704.04861 (2017)",
       build_mobilenet_v1},
      {"densenet121", "DenseNet-121", "Huang et al., CVPR 2017", build_densenet121},
      {"wrn50_2", "Wide ResNet-50-2", "Zagoruyko & Komodakis, BMVC 2016", build_wrn50_2},
      {"nin", "Network in Network (ImageNet)", "Lin et al., ICLR 2014", build_nin},
      {"resnet18", "ResNet-18", "He et al., CVPR 2016", build_resnet18},
      {"mobilenet_v2", "MobileNet v2 1.0", "Sandler et al., CVPR 2018", build_mobilenet_v2},
      {"shufflenet_v2", "ShuffleNet v2 1.0x", "Ma et al., ECCV 2018", build_shufflenet_v2},
  }};
  return table;
}

Graph build_zoo_network(const std::string& name) {
  std::string known;
  for (const ZooEntry& e : zoo_entries()) {
    if (name == e.name) return e.build();
    known += known.empty() ? "" : ", ";
    known += e.name;
  }
  throw bad_input("unknown network '" + name + "'; the zoo has: " + known +
                  " (or give a .onnx / .prototxt file)");
}

}  // namespace synergy
