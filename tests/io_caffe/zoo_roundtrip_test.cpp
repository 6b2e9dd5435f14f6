// Zoo networks survive export -> import with identical costs; the study's networks (all Caffe
// models originally) must all be expressible.
#include <gtest/gtest.h>

#include <set>

#include "graph/cost.hpp"
#include "io/caffe/caffe.hpp"
#include "test_util.hpp"
#include "util/error.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

const std::set<std::string> kCaffeOriginals{"alexnet",      "squeezenet",   "squeezenet_residual",
                                            "resnet50",     "googlenet",    "vgg_cnn_s",
                                            "inception_bn", "inception_v3", "places_8conv3fc",
                                            "allcnn_c",     "mobilenet_v1", "densenet121",
                                            "wrn50_2",      "nin"};

TEST(CaffeZooRoundTrip, ExpressibleNetworksKeepTheirCosts) {
  for (const ZooEntry& entry : zoo_entries()) {
    SCOPED_TRACE(entry.name);
    const Graph g = entry.build();
    std::string text;
    try {
      text = export_caffe_prototxt(g);
    } catch (const Error& e) {
      EXPECT_EQ(kCaffeOriginals.count(entry.name), 0u) << e.what();
      EXPECT_NE(std::string(e.what()).find("cannot be written as a Caffe prototxt"),
                std::string::npos)
          << e.what();
      continue;
    }
    const Graph back = import_caffe(text, std::string(entry.name) + ".prototxt", {}, g.batch());
    testing::expect_same_costs(analyze(g), analyze(back));
  }
}

TEST(CaffeZooRoundTrip, HandWrittenAlexNetMatchesTheZoo) {
  const Graph zoo = build_zoo_network("alexnet");
  const Graph file = import_caffe_files(testing::caffe_sample_path("alexnet.prototxt"));
  EXPECT_EQ(testing::conv_macs(zoo), testing::conv_macs(file));
  EXPECT_EQ(analyze(zoo).total.macs, analyze(file).total.macs);
  EXPECT_EQ(analyze(zoo).total.params, analyze(file).total.params);
}

}  // namespace
}  // namespace synergy
