// Tensor shapes (NCHW for 4-D activations).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace synergy {

using Dims = std::vector<int64_t>;

struct Shape {
  Dims dims;

  Shape() = default;
  Shape(std::initializer_list<int64_t> d) : dims(d) {}
  explicit Shape(Dims d) : dims(std::move(d)) {}

  size_t rank() const { return dims.size(); }
  int64_t operator[](size_t i) const { return dims[i]; }
  int64_t& operator[](size_t i) { return dims[i]; }
  // Number of elements; throws on overflow or on a negative dimension.
  int64_t numel() const;
  // "1x3x224x224"
  std::string str() const;
  bool operator==(const Shape& o) const { return dims == o.dims; }
  bool operator!=(const Shape& o) const { return dims != o.dims; }
};

}  // namespace synergy
