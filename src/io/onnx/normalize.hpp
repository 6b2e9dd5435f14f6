// Pass 2: graph-level clean-up before lowering.
#pragma once

#include "io/onnx/model.hpp"

namespace synergy::onnx_io {

// Constant nodes become constants; nodes are put in topological order (throws naming the
// node on a cycle or an input that nothing produces).
void normalize(OnnxModel& model);

}  // namespace synergy::onnx_io
