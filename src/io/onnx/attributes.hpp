// Typed access to the attributes of an ONNX node; wrong types are bad_input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/onnx/model.hpp"

namespace synergy::onnx_io {

bool has_attr(const OnnxNode& node, const std::string& name);
int64_t attr_int(const OnnxNode& node, const std::string& name, int64_t fallback);
float attr_float(const OnnxNode& node, const std::string& name, float fallback);
std::string attr_string(const OnnxNode& node, const std::string& name, const std::string& fallback);
std::optional<std::vector<int64_t>> attr_ints(const OnnxNode& node, const std::string& name);
std::optional<std::vector<float>> attr_floats(const OnnxNode& node, const std::string& name);
std::optional<ConstTensor> attr_tensor(const OnnxNode& node, const std::string& name);

}  // namespace synergy::onnx_io
