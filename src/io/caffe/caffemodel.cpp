// Field numbers are those of Caffe's public caffe.proto: NetParameter{layers=2, layer=100},
// LayerParameter{name=1, blobs=7}, V1LayerParameter{name=4, blobs=6}, BlobProto{num=1,
// channels=2, height=3, width=4, data=5, shape=7, double_data=8}, BlobShape{dim=1}.
#include "io/caffe/caffemodel.hpp"

#include "io/caffe/wire_format.hpp"
#include "util/checked.hpp"

namespace synergy::caffe {
namespace {

struct LayerFields {
  uint32_t name;
  uint32_t blobs;
};
constexpr LayerFields kLayer{1, 7};
constexpr LayerFields kV1Layer{4, 6};

Dims read_blob_shape(std::string_view bytes) {
  Dims dims;
  WireReader r(bytes);
  while (!r.done()) {
    WireField f = r.next();
    if (f.number == 1) append_varints(f, dims);
  }
  return dims;
}

int64_t as_dim(uint64_t v) {
  return static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(v)));
}

void check_blob(const CaffeBlob& b, size_t index) {
  int64_t count = 1;
  for (int64_t d : b.shape) {
    if (d < 0) throw bad_input("blob " + std::to_string(index) + " has a negative dimension");
    count = checked_mul(count, d, "blob size");
  }
  if (count != static_cast<int64_t>(b.data.size())) {
    throw bad_input("blob " + std::to_string(index) + " has shape " + Shape(b.shape).str() +
                    " but " + std::to_string(b.data.size()) + " values");
  }
}

CaffeBlob read_blob(std::string_view bytes, size_t index) {
  CaffeBlob blob;
  Dims legacy(4, 0);
  bool has_shape = false, has_legacy = false;
  WireReader r(bytes);
  while (!r.done()) {
    WireField f = r.next();
    if (f.number >= 1 && f.number <= 4 && f.type == WireType::Varint) {
      legacy[f.number - 1] = as_dim(f.varint);
      has_legacy = true;
    } else if (f.number == 5) {
      append_floats(f, blob.data);
    } else if (f.number == 8) {
      append_doubles(f, blob.data);
    } else if (f.number == 7 && f.type == WireType::Bytes) {
      blob.shape = read_blob_shape(f.bytes);
      has_shape = true;
    }
  }
  if (!has_shape) {
    blob.shape = has_legacy ? legacy : Dims{static_cast<int64_t>(blob.data.size())};
  }
  check_blob(blob, index);
  return blob;
}

CaffeLayerBlobs read_layer(std::string_view bytes, LayerFields fields) {
  CaffeLayerBlobs layer;
  WireReader r(bytes);
  while (!r.done()) {
    WireField f = r.next();
    if (f.type != WireType::Bytes) continue;
    if (f.number == fields.name) {
      layer.name = std::string(f.bytes);
    } else if (f.number == fields.blobs) {
      try {
        layer.blobs.push_back(read_blob(f.bytes, layer.blobs.size()));
      } catch (const Error& e) {
        const std::string who = layer.name.empty() ? "a layer" : "layer '" + layer.name + "'";
        throw bad_input(who + ": " + e.what());
      }
    }
  }
  return layer;
}

}  // namespace

std::vector<CaffeLayerBlobs> read_caffemodel(std::string_view bytes) {
  std::vector<CaffeLayerBlobs> layers;
  WireReader r(bytes);
  while (!r.done()) {
    WireField f = r.next();
    if (f.type != WireType::Bytes) continue;
    if (f.number == 100) layers.push_back(read_layer(f.bytes, kLayer));
    if (f.number == 2) layers.push_back(read_layer(f.bytes, kV1Layer));
  }
  return layers;
}

}  // namespace synergy::caffe
