// Factories of the built-in backends. make_backend() (registry.cpp) lists those compiled in.
#pragma once

#include <memory>

#include "engine/backend.hpp"

namespace synergy {

std::unique_ptr<Backend> make_reference_backend();
// Defined only when the backend's folder is built (see src/engine/CMakeLists.txt).
std::unique_ptr<Backend> make_onednn_backend();
std::unique_ptr<Backend> make_blas_backend();
std::unique_ptr<Backend> make_cudnn_backend();

}  // namespace synergy
