#include "engine/kernel_program.hpp"

#include <algorithm>
#include <cstring>

#include "engine/engine.hpp"
#include "engine/memory_plan.hpp"
#include "util/error.hpp"

namespace synergy {

bool is_view_node(const Node& node) {
  switch (node.kind()) {
    case OpKind::Reshape:
    case OpKind::Flatten:
    case OpKind::Dropout:
      return true;
    case OpKind::Pad: {  // PyTorch exports AvgPool2d(count_include_pad) with a Pad of zeros
      const Dims& pads = node.as<PadAttrs>().pads;
      return std::all_of(pads.begin(), pads.end(), [](int64_t p) { return p == 0; });
    }
    default:
      return false;
  }
}

namespace {

// One node in execution order, with its buffers resolved at plan time where possible.
struct Step {
  size_t node = 0;
  std::unique_ptr<Kernel> kernel;  // null for views
  std::vector<ValueId> inputs;
  std::vector<ValueId> outputs;
  std::vector<const float*> input_ptrs;  // refreshed from the value table before each run
  std::vector<float*> output_ptrs;       // fixed: arena
  bool observed = false;
};

// Arena memory, 64-byte aligned, zeroed once.
struct Arena {
  std::unique_ptr<float[]> storage;
  float* base = nullptr;
  explicit Arena(int64_t floats) {
    storage = std::make_unique<float[]>(static_cast<size_t>(floats) + 16);
    auto addr = reinterpret_cast<uintptr_t>(storage.get());
    base = storage.get() + ((64 - addr % 64) % 64) / sizeof(float);
  }
};

class KernelProgram : public Program {
 public:
  KernelProgram(const Graph& graph, const EngineContext& context, const KernelFactory& factory)
      : graph_(graph), plan_(plan_memory(graph)), arena_(plan_.arena_floats) {
    value_ptr_.assign(graph.values.size(), nullptr);
    for (size_t v = 0; v < graph.values.size(); ++v) {
      if (plan_.offset[v] != MemoryPlan::kNoBuffer) value_ptr_[v] = buffer(static_cast<ValueId>(v));
    }
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      const Node& n = graph.nodes[i];
      Step s;
      s.node = i;
      s.inputs = n.inputs;
      s.outputs = n.outputs;
      s.input_ptrs.assign(n.inputs.size(), nullptr);
      for (ValueId v : n.outputs) s.output_ptrs.push_back(buffer(v));
      if (!is_view_node(n)) s.kernel = factory(graph, i, context);
      steps_.push_back(std::move(s));
    }
  }

  void set_observer(LayerObserver* observer) override {
    observer_ = observer;
    for (auto& s : steps_) s.observed = observer && observer->wants(graph_, s.node);
  }

  bool is_view(size_t layer) const override { return is_view_node(graph_.nodes.at(layer)); }

  void run(std::span<const Tensor> inputs, std::span<Tensor> outputs) override {
    check_inputs(graph_, inputs);
    if (outputs.size() != graph_.outputs.size()) {
      throw bad_input("expected " + std::to_string(graph_.outputs.size()) +
                      " output tensors, got " + std::to_string(outputs.size()));
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
      value_ptr_[static_cast<size_t>(graph_.inputs[i])] = inputs[i].data.data();
    }
    if (observer_) observer_->before_run();
    for (auto& s : steps_) run_step(s);
    if (observer_) observer_->after_run();
    copy_outputs(outputs);
  }

 private:
  float* buffer(ValueId v) {
    const int64_t offset = plan_.offset[static_cast<size_t>(v)];
    return offset == MemoryPlan::kNoBuffer ? nullptr : arena_.base + offset;
  }

  void run_step(Step& s) {
    for (size_t k = 0; k < s.inputs.size(); ++k) {
      s.input_ptrs[k] = value_ptr_[static_cast<size_t>(s.inputs[k])];
    }
    if (s.observed) observer_->before_layer(s.node);
    if (s.kernel) {
      s.kernel->run(s.input_ptrs, s.output_ptrs);
    } else {
      value_ptr_[static_cast<size_t>(s.outputs[0])] = s.input_ptrs[0];
    }
    if (s.observed) observer_->after_layer(s.node);
  }

  void copy_outputs(std::span<Tensor> outputs) {
    for (size_t i = 0; i < outputs.size(); ++i) {
      const ValueId v = graph_.outputs[i];
      const Shape& shape = graph_.shape(v);
      const auto count = static_cast<size_t>(shape.numel());
      Tensor& out = outputs[i];
      if (out.shape != shape) out.shape = shape;
      if (out.data.size() != count) out.data.resize(count);
      std::memcpy(out.data.data(), value_ptr_[static_cast<size_t>(v)], count * sizeof(float));
    }
  }

  const Graph& graph_;
  MemoryPlan plan_;
  Arena arena_;
  std::vector<const float*> value_ptr_;  // current buffer of every value
  std::vector<Step> steps_;
  LayerObserver* observer_ = nullptr;
};

}  // namespace

std::unique_ptr<Program> make_kernel_program(const Graph& graph, const EngineContext& context,
                                             const KernelFactory& factory) {
  return std::make_unique<KernelProgram>(graph, context, factory);
}

}  // namespace synergy
