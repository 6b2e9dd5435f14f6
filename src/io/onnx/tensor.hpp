// Constant tensors of an ONNX model (initializers, Constant nodes, folded shape arithmetic).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "graph/shape.hpp"

namespace onnx {
class TensorProto;
}

namespace synergy::onnx_io {

// A small dense tensor: floats for weights, integers for shapes and indices.
struct ConstTensor {
  bool is_float = true;
  Dims dims;
  std::vector<float> floats;  // when is_float
  std::vector<int64_t> ints;  // otherwise

  int64_t size() const {
    return is_float ? static_cast<int64_t>(floats.size()) : static_cast<int64_t>(ints.size());
  }
  // Element i as an integer (floats must be finite and integral-valued in range).
  int64_t int_at(int64_t i) const;
  float float_at(int64_t i) const;
  std::vector<int64_t> to_ints() const;
  std::vector<float> to_floats() const;

  static ConstTensor of_ints(Dims dims, std::vector<int64_t> values);
  static ConstTensor of_floats(Dims dims, std::vector<float> values);
};

// Most elements a folded (computed) constant may have; shape arithmetic stays far below.
inline constexpr int64_t kMaxFoldedElements = int64_t{1} << 22;

// Decodes an initializer or attribute tensor; throws bad_input naming the tensor when the
// data is missing, truncated, external or of a type other than float/double/int32/int64/bool.
ConstTensor decode_tensor(const onnx::TensorProto& proto);
// Element count of dims; throws on negative or overflowing dims.
int64_t element_count(const Dims& dims);

void encode_floats(onnx::TensorProto& proto, const std::string& name, const Dims& dims,
                   std::span<const float> values);
void encode_ints(onnx::TensorProto& proto, const std::string& name, const Dims& dims,
                 std::span<const int64_t> values);

}  // namespace synergy::onnx_io
