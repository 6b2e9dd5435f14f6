// The oneDNN backend: the default CPU backend. The whole graph is compiled at once, so
// activations stay in the blocked layouts oneDNN prefers (nChw8c/nChw16c) from layer to layer
// and are reordered only where a layer needs another layout.
#pragma once

#include <memory>

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
};

// make_onednn_backend() (engine/backends.hpp) uses the default options.
std::unique_ptr<Backend> make_onednn_backend(const OnednnOptions& options);

}  // namespace synergy
