// Shared helpers of the cudnn tests: skipping without a device, running a graph on the GPU
// backend in a precision, and the tolerances per precision (docs/gpu.md).
#pragma once

#include <string>
#include <vector>

#include "common/skip.hpp"
#include "engine/cudnn/cudnn_backend.hpp"

namespace synergy::test {

// Per-op checks: max abs error / max abs reference output.
// float32: cuDNN may pick FFT or Winograd algorithms, whose rounding differs from direct sums.
constexpr double kFloat32Tolerance = 1e-4;
// TF32 keeps 10 mantissa bits in the products.
constexpr double kTf32Tolerance = 1e-2;
// float16 storage: 11-bit significands (inputs, weights and every output rounded, relative
// step 2^-11 ~ 4.9e-4), float32 sums; a few roundings per op.
constexpr double kFloat16Tolerance = 1e-2;
// bfloat16 storage: 8-bit significands (relative step 2^-8 ~ 3.9e-3), float32 sums.
constexpr double kBfloat16Tolerance = 5e-2;

// Whole networks: relative L2 error of the outputs against the reference. In float32 the
// fastest algorithm cudnnFind measures may be an FFT or Winograd one, whose rounding differs from
// a direct sum's: on an H200, AlexNet at batch 3 came out at 3.5e-4 in one process and under
// 1e-4 in another, as the choice changed.
constexpr double kNetworkL2Float32 = 5e-4;
constexpr double kNetworkL2Tf32 = 1e-2;
constexpr double kNetworkL2Float16 = 1e-2;
constexpr double kNetworkL2Bfloat16 = 5e-2;

double op_tolerance(Precision p);
double network_l2_tolerance(Precision p);

// Why the GPU tests cannot run here (empty when they can).
std::string gpu_skip_reason();

std::vector<Tensor> run_cudnn(Graph graph, const std::vector<Tensor>& inputs,
                              Precision precision = Precision::fp32, bool cuda_graph = false,
                              uint64_t seed = 7);

}  // namespace synergy::test

#define SKIP_WITHOUT_GPU()                                                                         \
  do {                                                                                             \
    const std::string why = ::synergy::test::gpu_skip_reason();                                    \
    if (!why.empty())                                                                              \
      GTEST_SKIP() << ::synergy::test::skip::kNoGpu << ": cudnn backend cannot run here: " << why; \
  } while (0)
