// Helpers for the Caffe importer tests: sample files, graph queries, a protobuf encoder.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/expect_costs.hpp"
#include "graph/cost.hpp"
#include "graph/graph.hpp"

namespace synergy::testing {

std::string caffe_sample_path(const std::string& name);  // tests/data/caffe/<name>
std::string read_file(const std::string& path);

const Node& node_named(const Graph& g, const std::string& name);
bool has_node(const Graph& g, const std::string& name);
int64_t conv_macs(const Graph& g);

// Minimal protobuf encoder for building .caffemodel files in tests.
namespace pb {
std::string varint(uint64_t v);
std::string varint_field(uint32_t field, uint64_t v);
std::string bytes_field(uint32_t field, const std::string& payload);
std::string packed_floats(uint32_t field, const std::vector<float>& values);
// BlobProto with a BlobShape.
std::string blob(const std::vector<int64_t>& shape, const std::vector<float>& data);
// BlobProto with the legacy num/channels/height/width fields and floats one per field.
std::string legacy_blob(const std::vector<int64_t>& nchw, const std::vector<float>& data);
// NetParameter.layer entry (field 100): name and blobs.
std::string layer(const std::string& name, const std::vector<std::string>& blobs);
// NetParameter.layers entry (legacy V1, field 2).
std::string v1_layer(const std::string& name, const std::vector<std::string>& blobs);
}  // namespace pb

}  // namespace synergy::testing
