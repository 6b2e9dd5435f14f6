// The oneDNN backend: the default CPU backend. The whole graph is compiled at once, so
// activations stay in the blocked layouts oneDNN prefers (nChw8c/nChw16c) from layer to layer
// and are reordered only where a layer needs another layout.
#pragma once

#include <memory>
#include <string>

#include "engine/backend.hpp"

namespace synergy {

struct OnednnOptions {
  // Runs an activation that follows a convolution, fully-connected or binary layer (its only
  // consumer) as a post-op of that layer's primitive. The activation layer stays observable:
  // it is reported right after its host layer with no kernel of its own (zero cost).
  bool fuse_activations = true;
  // Folds BatchNorm/Scale that follow a convolution (its only consumer) into the convolution's
  // weights and bias; reported like fused activations. A standalone chain of BatchNorm/Scale
  // layers runs as one batch-normalisation primitive.
  bool fold_batch_norm = true;
  // Runs a residual Add (and the activations after it) inside the convolution that produces one
  // of its inputs, as a sum post-op: the convolution accumulates into the other input, which was
  // produced before it (the later of the two convolutions of a ResNet block takes the Add).
  bool fuse_residual_add = true;
  // Runs 3x3 stride-1 dense convolutions with oneDNN's Winograd kernels where it has them (f32,
  // AVX-512): fewer multiplications than the MACs counted, the same outputs to float precision.
  bool winograd = true;
};

// Why a CPU whose oneDNN ISA is `isa` (a dnnl_cpu_isa_t value) cannot run --precision bf16, or
// "" when it can: bf16 convolutions need AVX-512 BF16 or AMX (oneDNN's slow emulation on plain
// AVX-512 would profile something no one deploys).
std::string onednn_bf16_refusal(int isa);
// The same for this CPU (as capped by DNNL_MAX_CPU_ISA).
std::string onednn_bf16_refusal();

// Whether this CPU (as capped by DNNL_MAX_CPU_ISA) has oneDNN's Winograd convolution kernels:
// x86 with AVX-512.
bool onednn_has_winograd();

// make_onednn_backend() (engine/backends.hpp) uses the default options.
std::unique_ptr<Backend> make_onednn_backend(const OnednnOptions& options);

}  // namespace synergy
