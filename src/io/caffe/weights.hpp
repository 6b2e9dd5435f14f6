// Copies .caffemodel blobs into the params of imported nodes, with shape checks.
#pragma once

#include <vector>

#include "graph/graph.hpp"
#include "io/caffe/caffemodel.hpp"
#include "io/caffe/net_spec.hpp"

namespace synergy::caffe {

// Shapes must be inferred. Layers absent from `blobs` keep empty params (seeded later); blobs of
// layers the net lacks are ignored, as Caffe does. Throws bad_input naming the layer on a count
// or shape mismatch. BatchNorm statistics are divided by Caffe's stored scale factor.
void load_weights(Graph& graph, const CaffeNet& net, const std::vector<CaffeLayerBlobs>& blobs);

// A BatchNorm without a folded Scale has no affine part: scale 1 and bias 0; one folded with a
// bias-free Scale gets bias 0.
void set_identity_affine(Graph& graph, const CaffeNet& net);

}  // namespace synergy::caffe
