// The compiled oneDNN program: layers in graph order, observer calls only around wanted layers.
#include <omp.h>

#include "engine/engine.hpp"
#include "engine/onednn/compiler.hpp"
#include "engine/onednn/program.hpp"
#include "util/error.hpp"

namespace synergy::onednn {
namespace {

class OnednnProgram : public Program {
 public:
  OnednnProgram(std::unique_ptr<Compiler> compiled, int threads)
      : c_(std::move(compiled)), threads_(threads), stream_(c_->engine) {
    for (int s : c_->input_storage) inputs_.push_back(c_->pool.bound_to(s));
    for (ValueId v : c_->graph.outputs) {
      const dnnl::memory src = c_->values[static_cast<size_t>(v)].produced.mem;
      const dnnl::memory dst(plain_desc(c_->graph.shape(v)), c_->engine, DNNL_MEMORY_NONE);
      outputs_.push_back(
          primitive_step(dnnl::reorder(src, dst), {{DNNL_ARG_FROM, src}, {DNNL_ARG_TO, dst}}));
    }
  }

  void set_observer(LayerObserver* observer) override {
    observer_ = observer;
    for (Layer& l : c_->layers) l.observed = observer && observer->wants(c_->graph, l.node);
  }

  int fused_into(size_t layer) const override { return c_->fusion.host.at(layer); }
  std::string algorithm(size_t layer) const override { return c_->layers.at(layer).algorithm; }
  std::vector<std::string> kernels(size_t layer) const override {
    std::vector<std::string> names;
    for (const Step& s : c_->layers.at(layer).steps) names.push_back(s.kernel);
    return names;
  }
  // An unfused layer with no step: its output aliases its input's storage.
  bool is_view(size_t layer) const override {
    return fused_into(layer) < 0 && c_->layers.at(layer).steps.empty();
  }

  void run(std::span<const Tensor> inputs, std::span<Tensor> outputs) override {
    const Graph& g = c_->graph;
    check_inputs(g, inputs);
    if (outputs.size() != g.outputs.size()) {
      throw bad_input("expected " + std::to_string(g.outputs.size()) + " output tensors, got " +
                      std::to_string(outputs.size()));
    }
    omp_set_num_threads(threads_);
    for (size_t i = 0; i < inputs.size(); ++i) {
      for (dnnl::memory& m : inputs_[i]) {
        m.set_data_handle(const_cast<float*>(inputs[i].data.data()));
      }
    }
    if (observer_) observer_->before_run();
    for (Layer& l : c_->layers) {
      if (l.observed) observer_->before_layer(l.node);
      for (Step& s : l.steps) execute(s);
      if (l.observed) observer_->after_layer(l.node);
    }
    write_outputs(outputs);
    stream_.wait();
    if (observer_) observer_->after_run();
  }

 private:
  void execute(Step& s) {
    if (s.loop) {
      s.loop();
    } else {
      const dnnl_status_t status = dnnl_primitive_execute(
          s.primitive.get(), stream_.get(), static_cast<int>(s.c_args.size()), s.c_args.data());
      if (status != dnnl_success) {
        throw Error(ErrorKind::Runtime, "oneDNN primitive failed (status " +
                                            std::to_string(static_cast<int>(status)) + ")");
      }
    }
  }

  void write_outputs(std::span<Tensor> outputs) {
    for (size_t i = 0; i < outputs.size(); ++i) {
      const Shape& shape = c_->graph.shape(c_->graph.outputs[i]);
      Tensor& out = outputs[i];
      if (out.shape != shape) out.shape = shape;
      const auto count = static_cast<size_t>(shape.numel());
      if (out.data.size() != count) out.data.resize(count);
      outputs_[i].args.at(DNNL_ARG_TO).set_data_handle(out.data.data());
      execute(outputs_[i]);
    }
  }

  std::unique_ptr<Compiler> c_;
  int threads_;
  dnnl::stream stream_;
  std::vector<std::vector<dnnl::memory>> inputs_;  // memories bound to each graph input
  std::vector<Step> outputs_;                      // reorders to plain output tensors
  LayerObserver* observer_ = nullptr;
};

}  // namespace

std::unique_ptr<Program> make_program(std::unique_ptr<Compiler> compiled, int threads) {
  return std::make_unique<OnednnProgram>(std::move(compiled), threads);
}

}  // namespace synergy::onednn
