// Shared helpers of the cudnn tests: skipping without a device, running a graph on the GPU
// backend with options, and the tolerances per precision (docs/gpu.md).
#pragma once

#include <string>
#include <vector>

#include "engine/cudnn/cudnn_backend.hpp"

namespace synergy::test {

// float32: cuDNN may pick FFT or Winograd algorithms, whose rounding differs from direct sums.
constexpr double kFloat32Tolerance = 1e-4;
// TF32 keeps 10 mantissa bits in the products.
constexpr double kTf32Tolerance = 1e-2;

// Why the GPU tests cannot run here (empty when they can).
std::string gpu_skip_reason();

std::vector<Tensor> run_cudnn(Graph graph, const std::vector<Tensor>& inputs,
                              const CudnnOptions& options, uint64_t seed = 7);

}  // namespace synergy::test

#define SKIP_WITHOUT_GPU()                                                      \
  do {                                                                          \
    const std::string why = ::synergy::test::gpu_skip_reason();                 \
    if (!why.empty()) GTEST_SKIP() << "cudnn backend cannot run here: " << why; \
  } while (0)
