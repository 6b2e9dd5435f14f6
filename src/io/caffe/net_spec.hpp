// A Caffe net as read from a prototxt: inputs and layers, then normalised to single assignment.
#pragma once

#include <string>
#include <vector>

#include "graph/shape.hpp"
#include "io/caffe/text_format.hpp"

namespace synergy::caffe {

struct CaffeInput {
  std::string name;
  Dims dims;  // as declared (batch included)
};

struct CaffeLayer {
  std::string name;
  std::string type;  // LayerParameter type ("Convolution"); V1 enum names are translated
  std::vector<std::string> bottoms;
  std::vector<std::string> tops;
  const TextMessage* spec = nullptr;  // the layer's message (owned by the parsed tree)
  // A Scale layer that followed this BatchNorm and is folded into it (Caffe's BatchNorm has no
  // affine part; our BatchNorm op has).
  const TextMessage* fused_scale = nullptr;
  std::string fused_scale_name;
};

struct CaffeNet {
  std::string name;
  std::vector<CaffeInput> inputs;
  std::vector<CaffeLayer> layers;
};

// Reads inputs (input + input_dim / input_shape, Input layers) and the layers of the TEST phase
// (V2 `layer` and legacy V1 `layers`). Throws bad_input naming the layer.
CaffeNet read_net(const TextMessage& root);

// Renames values to single assignment (in-place layers get a new value named after the layer),
// drops Split layers (their tops alias the bottom), checks that every bottom is defined before
// use, and folds a Scale that is the only consumer of a BatchNorm into that BatchNorm.
void normalise(CaffeNet& net);

// "layer 'conv1' (Convolution)", for messages.
std::string describe(const CaffeLayer& layer);

}  // namespace synergy::caffe
