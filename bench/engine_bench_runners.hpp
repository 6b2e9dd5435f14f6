// The runners compared by engine_vs_opencv: our engine (any backend, with or without a
// do-nothing observer) and OpenCV DNN, each timing one inference per call.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/backend.hpp"
#include "graph/graph.hpp"

namespace synergy::bench {

class Runner {
 public:
  virtual ~Runner() = default;
  // Milliseconds of one inference (the output is kept for the agreement check).
  virtual double run_ms() = 0;
  virtual const std::vector<float>& output() const = 0;
  // Engine runners: whether a do-nothing observer that wants every layer is set.
  virtual void observe(bool) {}
};

// Our engine on `backend` (observe() toggles a do-nothing observer, to measure its cost).
std::unique_ptr<Runner> make_engine_runner(const Graph& graph, const std::string& backend,
                                           int threads, const std::vector<float>& input);
// OpenCV DNN (readNetFromONNX, DNN_BACKEND_OPENCV, DNN_TARGET_CPU) at `threads`.
std::unique_ptr<Runner> make_opencv_runner(const std::string& onnx_path, const Shape& input_shape,
                                           int threads, const std::vector<float>& input);

}  // namespace synergy::bench
