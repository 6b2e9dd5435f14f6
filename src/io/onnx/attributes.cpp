#include "io/onnx/attributes.hpp"

#include <onnx/onnx_pb.h>

#include "util/error.hpp"

namespace synergy::onnx_io {
namespace {

using onnx::AttributeProto;

const AttributeProto* find(const OnnxNode& node, const std::string& name,
                           AttributeProto::AttributeType type) {
  for (const auto& a : node.proto->attribute()) {
    if (a.name() != name) continue;
    // Old files leave the type unset; accept them when the expected field is present.
    if (a.type() != type && a.type() != AttributeProto::UNDEFINED) {
      throw bad_input("attribute '" + name + "' has type " + std::to_string(a.type()) +
                      ", expected " + std::to_string(type));
    }
    return &a;
  }
  return nullptr;
}

}  // namespace

bool has_attr(const OnnxNode& node, const std::string& name) {
  for (const auto& a : node.proto->attribute())
    if (a.name() == name) return true;
  return false;
}

int64_t attr_int(const OnnxNode& node, const std::string& name, int64_t fallback) {
  const AttributeProto* a = find(node, name, AttributeProto::INT);
  return a ? a->i() : fallback;
}

float attr_float(const OnnxNode& node, const std::string& name, float fallback) {
  const AttributeProto* a = find(node, name, AttributeProto::FLOAT);
  return a ? a->f() : fallback;
}

std::string attr_string(const OnnxNode& node, const std::string& name,
                        const std::string& fallback) {
  const AttributeProto* a = find(node, name, AttributeProto::STRING);
  return a ? a->s() : fallback;
}

std::optional<std::vector<int64_t>> attr_ints(const OnnxNode& node, const std::string& name) {
  const AttributeProto* a = find(node, name, AttributeProto::INTS);
  if (!a) return std::nullopt;
  return std::vector<int64_t>(a->ints().begin(), a->ints().end());
}

std::optional<std::vector<float>> attr_floats(const OnnxNode& node, const std::string& name) {
  const AttributeProto* a = find(node, name, AttributeProto::FLOATS);
  if (!a) return std::nullopt;
  return std::vector<float>(a->floats().begin(), a->floats().end());
}

std::optional<ConstTensor> attr_tensor(const OnnxNode& node, const std::string& name) {
  const AttributeProto* a = find(node, name, AttributeProto::TENSOR);
  if (!a) return std::nullopt;
  return decode_tensor(a->t());
}

}  // namespace synergy::onnx_io
