#include "test_util.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <fstream>
#include <sstream>

namespace synergy::testing {

std::string caffe_sample_path(const std::string& name) {
  return std::string(SYNERGY_SOURCE_DIR) + "/tests/data/caffe/" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const Node& node_named(const Graph& g, const std::string& name) {
  for (const auto& n : g.nodes)
    if (n.name == name) return n;
  ADD_FAILURE() << "no node '" << name << "'";
  return g.nodes.at(0);
}

bool has_node(const Graph& g, const std::string& name) {
  for (const auto& n : g.nodes)
    if (n.name == name) return true;
  return false;
}

int64_t conv_macs(const Graph& g) {
  int64_t total = 0;
  for (const auto& row : analyze(g).layers)
    if (row.type == "Conv") total += row.cost.macs;
  return total;
}

namespace pb {

std::string varint(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
  return out;
}

std::string varint_field(uint32_t field, uint64_t v) {
  return varint(uint64_t{field} << 3) + varint(v);
}

std::string bytes_field(uint32_t field, const std::string& payload) {
  return varint((uint64_t{field} << 3) | 2) + varint(payload.size()) + payload;
}

namespace {

std::string fixed32(float f) {
  const auto bits = std::bit_cast<uint32_t>(f);
  std::string out;
  for (int i = 0; i < 4; ++i) out += static_cast<char>((bits >> (8 * i)) & 0xff);
  return out;
}

}  // namespace

std::string packed_floats(uint32_t field, const std::vector<float>& values) {
  std::string payload;
  for (float f : values) payload += fixed32(f);
  return bytes_field(field, payload);
}

std::string blob(const std::vector<int64_t>& shape, const std::vector<float>& data) {
  std::string dims;
  for (int64_t d : shape) dims += varint(static_cast<uint64_t>(d));
  return bytes_field(7, bytes_field(1, dims)) + packed_floats(5, data);
}

std::string legacy_blob(const std::vector<int64_t>& nchw, const std::vector<float>& data) {
  std::string out;
  for (size_t i = 0; i < nchw.size(); ++i) {
    out += varint_field(static_cast<uint32_t>(i + 1), static_cast<uint64_t>(nchw[i]));
  }
  for (float f : data) out += varint((5 << 3) | 5) + fixed32(f);
  return out;
}

std::string layer(const std::string& name, const std::vector<std::string>& blobs) {
  std::string body = bytes_field(1, name) + bytes_field(2, "Whatever");
  for (const auto& b : blobs) body += bytes_field(7, b);
  return bytes_field(100, body);
}

std::string v1_layer(const std::string& name, const std::vector<std::string>& blobs) {
  std::string body = bytes_field(4, name) + varint_field(5, 4);
  for (const auto& b : blobs) body += bytes_field(6, b);
  return bytes_field(2, body);
}

}  // namespace pb
}  // namespace synergy::testing
