// The blas backend's own kernels, Caffe's way on NCHW buffers: convolution as im2col + OpenBLAS
// sgemm, fully-connected as one sgemm. Every other op runs the reference backend's kernel.
#pragma once

#include <memory>

#include "engine/reference/kernels.hpp"

namespace synergy::blas {

std::unique_ptr<Kernel> conv(const reference::Setup& s);
std::unique_ptr<Kernel> fully_connected(const reference::Setup& s);

}  // namespace synergy::blas
