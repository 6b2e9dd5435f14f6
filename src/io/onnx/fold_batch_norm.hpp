// Graph pass: BatchNorm folded into the convolution that feeds it.
#pragma once

#include "graph/graph.hpp"

namespace synergy::onnx_io {

// Folds every BatchNorm whose input comes from a Conv read by nothing else; the Conv gains a
// bias if it had none. Shapes must be inferred and params loaded. Returns the number folded.
int fold_batch_norms(Graph& graph);

}  // namespace synergy::onnx_io
