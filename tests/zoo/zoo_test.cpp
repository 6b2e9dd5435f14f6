// The built-in networks against published figures. Sources of the expected numbers:
// - SyNERGY study (Rodrigues, Riley, Lujan 2018): AlexNet, original ResNet-50 and MobileNet v1
//   conv MACs exactly; other conv MACs approximately, as read from the study's charts.
// - torchvision 0.14 (Debian python3-torchvision): parameter counts as published in its model
//   documentation, and conv/FC MACs counted with forward hooks on the torchvision models.
// - The papers' own figures (AlexNet 61M params, GoogLeNet output depths, Inception-BN Fig. 5).
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "graph/cost.hpp"
#include "util/error.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

struct Totals {
  int64_t conv_macs = 0, fc_macs = 0, params = 0, trainable = 0;
};

// trainable: params without batch norm's running mean and variance (what torchvision counts).
Totals totals(const Graph& g) {
  Totals t;
  const NetworkCost net = analyze(g);
  for (const auto& l : net.layers) {
    if (l.type == "Conv") t.conv_macs += l.cost.macs;
    if (l.type == "FullyConnected") t.fc_macs += l.cost.macs;
  }
  t.params = net.total.params;
  t.trainable = t.params;
  for (const auto& n : g.nodes) {
    if (n.kind() != OpKind::BatchNorm) continue;
    t.trainable -= n.param("mean")->shape.numel() + n.param("variance")->shape.numel();
  }
  return t;
}

Totals totals(const std::string& name) {
  return totals(build_zoo_network(name));
}

TEST(ZooExact, StudyConvMacs) {
  EXPECT_EQ(totals("alexnet").conv_macs, 665'784'864);
  EXPECT_EQ(totals("resnet50").conv_macs, 3'855'925'248);
  EXPECT_EQ(totals("mobilenet_v1").conv_macs, 567'716'352);
}

struct TorchvisionFigure {
  const char* name;
  int64_t conv_macs, fc_macs, trainable_params;
};

// torchvision 0.14 models (inception_v3 with aux_logits=False).
const TorchvisionFigure kTorchvision[] = {
    {"resnet18", 1'813'561'344, 512'000, 11'689'512},
    {"mobilenet_v2", 299'494'272, 1'280'000, 3'504'872},
    {"shufflenet_v2", 143'883'992, 1'024'000, 2'278'604},
    {"densenet121", 2'833'137'664, 1'024'000, 7'978'856},
    {"wrn50_2", 11'395'973'120, 2'048'000, 68'883'240},
    {"inception_v3", 5'711'168'096, 2'048'000, 23'834'568},
};

TEST(ZooExact, TorchvisionMacsAndParams) {
  for (const auto& f : kTorchvision) {
    SCOPED_TRACE(f.name);
    const Totals t = totals(f.name);
    EXPECT_EQ(t.conv_macs, f.conv_macs);
    EXPECT_EQ(t.fc_macs, f.fc_macs);
    EXPECT_EQ(t.trainable, f.trainable_params);
  }
}

TEST(ZooExact, SqueezeNetIsTorchvisionPlusTheReleasesConv10Padding) {
  // torchvision's squeezenet1_0 at 227x227: 832,667,936 conv MACs, 1,248,424 params. The Caffe
  // release pads conv10 (1x1, 512 -> 1000) by 1, so it computes 15x15 instead of 13x13 outputs.
  const int64_t conv10_extra = (15 * 15 - 13 * 13) * 1000 * 512;
  for (const char* name : {"squeezenet", "squeezenet_residual"}) {
    const Totals t = totals(name);
    EXPECT_EQ(t.conv_macs, 832'667'936 + conv10_extra) << name;
    EXPECT_EQ(t.params, 1'248'424) << name;  // the bypasses add no params
  }
}

TEST(ZooExact, CaffeReleaseParams) {
  EXPECT_EQ(totals("alexnet").params, 60'965'224);   // bvlc_alexnet
  EXPECT_EQ(totals("googlenet").params, 6'998'552);  // bvlc_googlenet deploy
  // MobileNet v1: Keras' MobileNet (alpha 1.0) trainable parameters; the paper rounds to 4.2M.
  EXPECT_EQ(totals("mobilenet_v1").trainable, 4'231'976);
}

TEST(ZooExact, OriginalResNet50KeepsTorchvisionWeights) {
  // Same conv and FC weights as torchvision's resnet50 (25,557,032 params, of which its batch
  // norms hold 2 per channel), plus conv1's bias in the Caffe release.
  const Graph g = build_zoo_network("resnet50");
  int64_t weights = 0, bn_channels = 0;
  for (const auto& n : g.nodes) {
    for (const auto& p : n.params) {
      if (n.kind() == OpKind::Conv || n.kind() == OpKind::FullyConnected) {
        weights += p.shape.numel();
      }
    }
    if (n.kind() == OpKind::BatchNorm) bn_channels += n.param("mean")->shape.numel();
  }
  EXPECT_EQ(weights, 25'557'032 - 2 * bn_channels + 64);
}

struct StudyFigure {
  const char* name;
  double conv_macs;
  double tolerance;  // relative
};

// Conv MACs of the SyNERGY study's charts (about 1 % reading error).
const StudyFigure kStudy[] = {
    {"googlenet", 1.587e9, 0.01},
    {"vgg_cnn_s", 2.542e9, 0.01},
    {"places_8conv3fc", 1.97e9, 0.01},
    {"allcnn_c", 0.27e9, 0.01},
    {"resnet50", 3.864e9, 0.01},
    {"squeezenet", 0.864e9, 0.01},
    {"squeezenet_residual", 0.864e9, 0.01},
};

TEST(ZooApprox, StudyConvMacs) {
  for (const auto& f : kStudy) {
    SCOPED_TRACE(f.name);
    const double macs = static_cast<double>(totals(f.name).conv_macs);
    EXPECT_LT(std::fabs(macs - f.conv_macs) / f.conv_macs, f.tolerance) << macs;
  }
}

// Channels (and spatial size) of the named layer's output.
Shape output_of(const Graph& g, const std::string& layer) {
  for (const auto& n : g.nodes) {
    if (n.name == layer) return g.shape(n.outputs.at(0));
  }
  ADD_FAILURE() << "no layer " << layer;
  return {};
}

TEST(ZooStructure, GoogLeNetTable1Depths) {
  const Graph g = build_zoo_network("googlenet");
  const std::pair<const char*, Shape> expected[] = {
      {"inception_3a/output", {1, 256, 28, 28}}, {"inception_3b/output", {1, 480, 28, 28}},
      {"inception_4a/output", {1, 512, 14, 14}}, {"inception_4d/output", {1, 528, 14, 14}},
      {"inception_4e/output", {1, 832, 14, 14}}, {"inception_5b/output", {1, 1024, 7, 7}},
      {"pool1/3x3_s2", {1, 64, 56, 56}},  // Caffe's ceil pooling: 112 -> 56
  };
  for (const auto& [layer, shape] : expected) EXPECT_EQ(output_of(g, layer), shape) << layer;
}

TEST(ZooStructure, InceptionBnFigure5) {
  const Graph g = build_zoo_network("inception_bn");
  const std::pair<const char*, int64_t> depth[] = {
      {"3a", 256}, {"3b", 320}, {"3c", 576},  {"4a", 576},  {"4b", 576},
      {"4c", 608}, {"4d", 608}, {"4e", 1056}, {"5a", 1024}, {"5b", 1024}};
  for (const auto& [id, c] : depth) {
    const Shape s = output_of(g, std::string("inception_") + id + "/output");
    EXPECT_EQ(s[1], c) << id;
    const int64_t hw = id[0] == '3'   ? (id[1] == 'c' ? 14 : 28)
                       : id[0] == '4' ? (id[1] == 'e' ? 7 : 14)
                                      : 7;
    EXPECT_EQ(s[2], hw) << id;
  }
}

TEST(ZooStructure, OriginalResNet50StridesOnTheFirst1x1) {
  const Graph g = build_zoo_network("resnet50");
  EXPECT_EQ(output_of(g, "pool1"), Shape({1, 64, 56, 56}));  // Caffe ceil pooling, no pad
  EXPECT_EQ(output_of(g, "res3a_branch2a"), Shape({1, 128, 28, 28}));
  EXPECT_EQ(output_of(g, "res3a_branch1"), Shape({1, 512, 28, 28}));
  EXPECT_EQ(output_of(g, "res5c"), Shape({1, 2048, 7, 7}));
  EXPECT_EQ(output_of(g, "scale3a_branch2a"), Shape({1, 128, 28, 28}));
}

TEST(ZooStructure, AlexNetGroupsAndSqueezeNetFires) {
  const Graph a = build_zoo_network("alexnet");
  for (const auto& n : a.nodes) {
    if (n.name == "conv2" || n.name == "conv4" || n.name == "conv5") {
      EXPECT_EQ(n.as<ConvAttrs>().groups, 2) << n.name;
    }
  }
  EXPECT_EQ(output_of(a, "pool5"), Shape({1, 256, 6, 6}));
  const Graph s = build_zoo_network("squeezenet");
  const int64_t fire_out[] = {128, 128, 256, 256, 384, 384, 512, 512};
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(output_of(s, "fire" + std::to_string(i + 2) + "/concat")[1], fire_out[i]);
  }
  const Graph r = build_zoo_network("squeezenet_residual");
  EXPECT_EQ(r.nodes.size(), s.nodes.size() + 4);  // bypasses around fire3, 5, 7, 9
  EXPECT_EQ(output_of(r, "bypass_45"), Shape({1, 256, 27, 27}));
}

TEST(ZooStructure, SmallNetworks) {
  // All-CNN-C averages over 6x6 (paper, Table 2); the Places net ends in 205 classes.
  EXPECT_EQ(output_of(build_zoo_network("allcnn_c"), "relu9"), Shape({1, 10, 6, 6}));
  const Graph p = build_zoo_network("places_8conv3fc");
  EXPECT_EQ(p.shape(p.outputs[0]), Shape({1, 205}));
  EXPECT_EQ(output_of(p, "pool5"), Shape({1, 512, 4, 4}));
  EXPECT_EQ(output_of(build_zoo_network("vgg_cnn_s"), "pool5"), Shape({1, 512, 6, 6}));
  EXPECT_EQ(output_of(build_zoo_network("nin"), "cccp8-1024"), Shape({1, 1000, 6, 6}));
}

TEST(Zoo, EveryEntryIsWellFormed) {
  std::set<std::string> names;
  for (const ZooEntry& e : zoo_entries()) {
    SCOPED_TRACE(e.name);
    EXPECT_TRUE(names.insert(e.name).second);
    EXPECT_NE(std::string(e.source).find("20"), std::string::npos);  // cites a year
    Graph g = e.build();
    EXPECT_EQ(g.name, e.name);
    EXPECT_FALSE(g.source.empty());
    EXPECT_EQ(g.batch(), 1);
    g.validate();
    const int64_t macs = analyze(g).total.macs;
    EXPECT_GT(macs, 0);
    g.set_batch(2);
    EXPECT_EQ(analyze(g).total.macs, 2 * macs);
    const Shape out = g.shape(g.outputs.at(0));
    EXPECT_EQ(out[0], 2);
  }
  EXPECT_EQ(names.size(), 17u);
}

TEST(Zoo, SmallNetworksMaterialize) {
  for (const char* name : {"allcnn_c", "shufflenet_v2", "mobilenet_v2"}) {
    Graph g = build_zoo_network(name);
    g.materialize_params(7);
    EXPECT_TRUE(g.params_loaded()) << name;
  }
}

TEST(Zoo, UnknownNameListsTheZoo) {
  try {
    build_zoo_network("lenet");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    const std::string msg = e.what();
    EXPECT_NE(msg.find("'lenet'"), std::string::npos);
    for (const ZooEntry& entry : zoo_entries()) EXPECT_NE(msg.find(entry.name), std::string::npos);
  }
}

}  // namespace
}  // namespace synergy
