// An ONNX model parsed into the form the import passes work on.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/shape.hpp"
#include "io/onnx/tensor.hpp"

namespace onnx {
class ModelProto;
class NodeProto;
}  // namespace onnx

namespace synergy::onnx_io {

struct OnnxNode {
  std::string name;  // unique (generated from the op type when the file has none)
  std::string op;
  std::vector<std::string> inputs;  // "" = optional input left out
  std::vector<std::string> outputs;
  const onnx::NodeProto* proto = nullptr;  // attributes
};

struct OnnxInput {
  std::string name;
  Dims dims;  // dim 0 may be -1: a symbolic batch
};

struct OnnxModel {
  std::shared_ptr<onnx::ModelProto> proto;  // owns what the nodes point into
  std::string graph_name;
  int opset = 0;
  std::vector<OnnxInput> inputs;  // data inputs (not initializers)
  std::vector<std::string> outputs;
  std::vector<OnnxNode> nodes;
  std::unordered_map<std::string, ConstTensor> constants;  // initializers (+ folded later)
};

inline constexpr int kMinOpset = 9;
inline constexpr int kMaxOpset = 17;

// Parses serialized ModelProto bytes: default-domain opset 9..17, float inputs with fixed
// shapes (a symbolic dim 0 is the batch), initializers decoded. Throws bad_input.
OnnxModel parse_model(std::string_view bytes);

}  // namespace synergy::onnx_io
