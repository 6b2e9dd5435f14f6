#include "engine/cudnn/program.hpp"

#include <nvtx3/nvToolsExt.h>

#include "engine/cudnn/kernels.hpp"
#include "engine/engine.hpp"

namespace synergy::cudnn {
namespace {

size_t bytes_of(const Shape& s, Storage storage) {
  return static_cast<size_t>(s.numel()) * element_bytes(storage);
}

// An NVTX range for the lifetime of the object when enabled.
class NvtxRange {
 public:
  NvtxRange(bool on, const char* name) : on_(on) {
    if (on_) nvtxRangePushA(name);
  }
  ~NvtxRange() {
    if (on_) nvtxRangePop();
  }
  NvtxRange(const NvtxRange&) = delete;
  NvtxRange& operator=(const NvtxRange&) = delete;

 private:
  bool on_;
};

}  // namespace

CudnnProgram::CudnnProgram(const Graph& graph, const CudnnOptions& options,
                           const EngineContext& context)
    : graph_(graph),
      options_(options),
      cuda_graph_(context.cuda_graph),
      handles_(options, context.precision) {
  const Storage storage = handles_.storage();
  for (const Value& v : graph.values) values_.emplace_back(bytes_of(v.shape, storage));
  if (converts()) {
    for (ValueId v : graph.inputs)
      input_staging_.emplace_back(bytes_of(graph.shape(v), Storage::f32));
    for (ValueId v : graph.outputs)
      output_staging_.emplace_back(bytes_of(graph.shape(v), Storage::f32));
  }
  for (const Node& node : graph.nodes) {
    layers_.push_back(make_layer(LayerSetup{graph, node, handles_}));
    std::vector<const void*> in;
    for (ValueId v : node.inputs) in.push_back(values_[size_t(v)].raw());
    std::vector<void*> out;
    for (ValueId v : node.outputs) out.push_back(values_[size_t(v)].raw());
    layer_inputs_.push_back(std::move(in));
    layer_outputs_.push_back(std::move(out));
  }
  slot_of_layer_.assign(graph.nodes.size(), -1);
  check(cudaStreamSynchronize(handles_.stream()), "plan");
}

CudnnProgram::~CudnnProgram() {
  drop_capture();
}

void CudnnProgram::set_observer(LayerObserver* observer) {
  observer_ = observer;
  device_observer_ = dynamic_cast<DeviceTimeObserver*>(observer);
  std::vector<size_t> observed;
  slot_of_layer_.assign(graph_.nodes.size(), -1);
  for (size_t i = 0; observer && i < graph_.nodes.size(); ++i) {
    if (!observer->wants(graph_, i)) continue;
    slot_of_layer_[i] = static_cast<int>(observed.size());
    observed.push_back(i);
  }
  timeline_.reset(observed);
  drop_capture();  // the captured graph holds the old event records
}

void CudnnProgram::enqueue_layer(size_t index, bool captured) {
  const int slot = slot_of_layer_[index];
  const bool host_calls = slot >= 0 && !captured;
  NvtxRange range(options_.nvtx && !captured, graph_.nodes[index].name.c_str());
  if (host_calls) observer_->before_layer(index);
  if (slot >= 0) timeline_.record_start(size_t(slot), handles_.stream(), captured);
  layers_[index]->enqueue(layer_inputs_[index], layer_outputs_[index]);
  if (slot >= 0) timeline_.record_end(size_t(slot), handles_.stream(), captured);
  if (host_calls) observer_->after_layer(index);
}

void CudnnProgram::enqueue_layers(bool captured) {
  for (size_t i = 0; i < layers_.size(); ++i) enqueue_layer(i, captured);
}

void CudnnProgram::capture() {
  check(cudaStreamBeginCapture(handles_.stream(), cudaStreamCaptureModeThreadLocal),
        "cudaStreamBeginCapture");
  try {
    enqueue_layers(true);
  } catch (...) {
    cudaGraph_t partial = nullptr;
    cudaStreamEndCapture(handles_.stream(), &partial);
    if (partial) cudaGraphDestroy(partial);
    throw;
  }
  check(cudaStreamEndCapture(handles_.stream(), &graph_capture_), "cudaStreamEndCapture");
  check(cudaGraphInstantiate(&graph_exec_, graph_capture_, 0), "cudaGraphInstantiate");
}

void CudnnProgram::drop_capture() {
  if (graph_exec_) cudaGraphExecDestroy(graph_exec_);
  if (graph_capture_) cudaGraphDestroy(graph_capture_);
  graph_exec_ = nullptr;
  graph_capture_ = nullptr;
}

// With a replayed graph the host sees no layer boundary: observed layers are reported in order
// at launch, their device times come from the events inside the graph.
void CudnnProgram::notify_replayed_layers() {
  if (!observer_) return;
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (slot_of_layer_[i] < 0) continue;
    observer_->before_layer(i);
    observer_->after_layer(i);
  }
}

// float32 host data into the input values, through a staging buffer and one conversion kernel
// when the storage is narrower.
void CudnnProgram::upload_inputs(std::span<const Tensor> inputs) {
  const cudaStream_t stream = handles_.stream();
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& t = inputs[i];
    const DeviceBuffer& value = values_[size_t(graph_.inputs[i])];
    void* target = converts() ? input_staging_[i].raw() : value.raw();
    check(cudaMemcpyAsync(target, t.data.data(), t.data.size() * sizeof(float),
                          cudaMemcpyHostToDevice, stream),
          "input upload");
    if (!converts()) continue;
    check(launch_convert(target, Storage::f32, value.raw(), handles_.storage(),
                         static_cast<int64_t>(t.data.size()), stream),
          "input conversion kernel");
  }
}

void CudnnProgram::download_outputs(std::span<Tensor> outputs) {
  const cudaStream_t stream = handles_.stream();
  for (size_t i = 0; i < outputs.size() && i < graph_.outputs.size(); ++i) {
    const ValueId v = graph_.outputs[i];
    outputs[i].shape = graph_.shape(v);
    outputs[i].data.resize(static_cast<size_t>(outputs[i].shape.numel()));
    const void* source = values_[size_t(v)].raw();
    if (converts()) {
      check(launch_convert(source, handles_.storage(), output_staging_[i].raw(), Storage::f32,
                           outputs[i].shape.numel(), stream),
            "output conversion kernel");
      source = output_staging_[i].raw();
    }
    check(cudaMemcpyAsync(outputs[i].data.data(), source, outputs[i].data.size() * sizeof(float),
                          cudaMemcpyDeviceToHost, stream),
          "output download");
  }
}

void CudnnProgram::run(std::span<const Tensor> inputs, std::span<Tensor> outputs) {
  check_inputs(graph_, inputs);
  NvtxRange range(options_.nvtx, "inference");
  if (observer_) observer_->before_run();
  const cudaStream_t stream = handles_.stream();
  timeline_.mark_origin(stream);
  upload_inputs(inputs);
  if (cuda_graph_) {
    if (!graph_exec_) capture();
    notify_replayed_layers();
    check(cudaGraphLaunch(graph_exec_, stream), "cudaGraphLaunch");
  } else {
    enqueue_layers(false);
  }
  download_outputs(outputs);
  check(cudaStreamSynchronize(stream), "inference");
  if (device_observer_ && !timeline_.empty()) device_observer_->device_spans(timeline_.spans());
  if (observer_) observer_->after_run();
}

}  // namespace synergy::cudnn
