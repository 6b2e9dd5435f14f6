#include "engine_bench_runners.hpp"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "engine/engine.hpp"
#include "util/clock.hpp"

namespace synergy::bench {
namespace {

class NullObserver : public LayerObserver {
 public:
  bool wants(const Graph&, size_t) const override { return true; }
  void before_layer(size_t) override {}
  void after_layer(size_t) override {}
};

class EngineRunner : public Runner {
 public:
  EngineRunner(const Graph& graph, const std::string& backend, int threads,
               const std::vector<float>& input)
      : engine_(graph, backend, EngineContext{threads, 1}) {
    inputs_ = engine_.random_inputs(1);
    inputs_.at(0).data = input;
    outputs_ = engine_.make_outputs();
  }

  void observe(bool on) override { engine_.set_observer(on ? &observer_ : nullptr); }

  double run_ms() override {
    const int64_t t0 = now_ns();
    engine_.run(inputs_, outputs_);
    return static_cast<double>(now_ns() - t0) * 1e-6;
  }
  const std::vector<float>& output() const override { return outputs_.at(0).data; }

 private:
  NullObserver observer_;
  Engine engine_;
  std::vector<Tensor> inputs_, outputs_;
};

class OpencvRunner : public Runner {
 public:
  OpencvRunner(const std::string& path, const Shape& shape, int threads,
               const std::vector<float>& input)
      : threads_(threads), net_(cv::dnn::readNetFromONNX(path)) {
    net_.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net_.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    std::vector<int> dims(shape.dims.begin(), shape.dims.end());
    blob_ = cv::Mat(static_cast<int>(dims.size()), dims.data(), CV_32F);
    std::copy(input.begin(), input.end(), blob_.ptr<float>());
  }

  double run_ms() override {
    cv::setNumThreads(threads_);
    const int64_t t0 = now_ns();
    net_.setInput(blob_);
    cv::Mat out = net_.forward();
    const double ms = static_cast<double>(now_ns() - t0) * 1e-6;
    output_.assign(out.ptr<float>(), out.ptr<float>() + out.total());
    return ms;
  }
  const std::vector<float>& output() const override { return output_; }

 private:
  int threads_;
  cv::dnn::Net net_;
  cv::Mat blob_;
  std::vector<float> output_;
};

}  // namespace

std::unique_ptr<Runner> make_engine_runner(const Graph& graph, const std::string& backend,
                                           int threads, const std::vector<float>& input) {
  return std::make_unique<EngineRunner>(graph, backend, threads, input);
}

std::unique_ptr<Runner> make_opencv_runner(const std::string& onnx_path, const Shape& input_shape,
                                           int threads, const std::vector<float>& input) {
  return std::make_unique<OpencvRunner>(onnx_path, input_shape, threads, input);
}

}  // namespace synergy::bench
