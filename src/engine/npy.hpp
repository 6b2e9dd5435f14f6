// NumPy .npy files of float32 (little-endian, C order), versions 1.0, 2.0 and 3.0.
#pragma once

#include <string>
#include <string_view>

#include "engine/backend.hpp"

namespace synergy {

// Parses the bytes of a .npy file; `what` names it in errors. Throws bad_input on any other
// dtype, Fortran order, a malformed header or a size that does not match the shape.
Tensor parse_npy(std::string_view bytes, const std::string& what);
Tensor read_npy(const std::string& path);
// Writes version 1.0 ('<f4'). Throws bad_input when shape and data disagree, unavailable when
// the file cannot be written.
std::string format_npy(const Tensor& tensor);
void write_npy(const std::string& path, const Tensor& tensor);

}  // namespace synergy
