// Reads layer names and weight blobs from a binary .caffemodel (a serialized NetParameter).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/shape.hpp"

namespace synergy::caffe {

struct CaffeBlob {
  Dims shape;  // BlobProto.shape, or the legacy num/channels/height/width
  std::vector<float> data;
};

struct CaffeLayerBlobs {
  std::string name;
  std::vector<CaffeBlob> blobs;
};

// Layers from NetParameter.layer (field 100) and the legacy V1 `layers` (field 2), in file order.
// Throws bad_input (without origin; the caller adds it) on truncated or inconsistent data.
std::vector<CaffeLayerBlobs> read_caffemodel(std::string_view bytes);

}  // namespace synergy::caffe
