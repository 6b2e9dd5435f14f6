// One builder per zoo network, each in its own file; the table in zoo.cpp lists them.
#pragma once

#include "graph/graph.hpp"

namespace synergy::zoo {

Graph build_alexnet();
Graph build_squeezenet();
Graph build_squeezenet_residual();
Graph build_resnet50();
Graph build_googlenet();
Graph build_vgg_cnn_s();
Graph build_inception_bn();
Graph build_inception_v3();
Graph build_places_8conv3fc();
Graph build_allcnn_c();
Graph build_mobilenet_v1();
Graph build_densenet121();
Graph build_wrn50_2();
Graph build_nin();
Graph build_resnet18();
Graph build_mobilenet_v2();
Graph build_shufflenet_v2();

}  // namespace synergy::zoo
