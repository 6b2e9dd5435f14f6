#include "graph/shape.hpp"

#include "util/checked.hpp"

namespace synergy {

int64_t Shape::numel() const {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0) throw bad_input("negative dimension in shape " + str());
    n = checked_mul(n, d, "tensor size");
  }
  return n;
}

std::string Shape::str() const {
  std::string s;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += 'x';
    s += std::to_string(dims[i]);
  }
  return s.empty() ? "scalar" : s;
}

}  // namespace synergy
