// Compile-time state of the oneDNN backend: values' memories, storages, and the steps of every
// layer. Each op's builder (conv.cpp, pool.cpp, ...) adds the steps of one node.
#pragma once

#include <functional>
#include <oneapi/dnnl/dnnl.hpp>
#include <optional>
#include <unordered_map>
#include <vector>

#include "engine/backend.hpp"
#include "engine/onednn/fusion.hpp"
#include "engine/onednn/storage.hpp"

namespace synergy::onednn {

using Dnnl = dnnl::memory;
using Tag = dnnl::memory::format_tag;

// One primitive execution, or a plain loop.
struct Step {
  dnnl::primitive primitive;
  std::unordered_map<int, dnnl::memory> args;
  std::function<void()> loop;
  // `args` as the C API takes them, built once: the C++ execute() would build this array on
  // every call (a heap allocation per primitive and inference).
  std::vector<dnnl_exec_arg_t> c_args;
  std::string kernel;  // oneDNN's name of the implementation, "loop" for a plain loop
};

// A primitive step with its argument array.
Step primitive_step(const dnnl::primitive& primitive, std::unordered_map<int, dnnl::memory> args);

// The steps run for one graph node; fused nodes have none.
struct Layer {
  size_t node = 0;
  std::vector<Step> steps;
  bool observed = false;
  std::string algorithm;  // see Program::algorithm
};

// Where a value lives once produced.
struct StoredMemory {
  dnnl::memory mem;
  int storage = -1;
};
struct ValueMemory {
  StoredMemory produced;             // as the producer wrote it (any layout)
  std::vector<StoredMemory> copies;  // reordered copies made for consumers
};

class Compiler {
 public:
  Compiler(const Graph& graph, const OnednnOptions& options, const EngineContext& context,
           dnnl::engine engine);

  // Builds every layer in graph order.
  void build();

  const Graph& graph;
  const OnednnOptions options;
  const EngineContext context;  // for the reference kernels of plain loops
  // What convolutions and inner products compute in (f32, or bf16 for --precision bf16); the
  // ops after them keep their input's type, plain loops read and write f32.
  const Dnnl::data_type compute;
  dnnl::engine engine;
  dnnl::stream stream;  // for compile-time weight reorders
  FusionPlan fusion;
  StoragePool pool;
  std::vector<ValueMemory> values;
  std::vector<Layer> layers;
  std::vector<int> input_storage;  // per graph input

  const Node& node() const { return graph.nodes[current_]; }
  size_t current() const { return current_; }

  // Value `v` in layout `desc` (a reorder step is added when it is stored otherwise).
  dnnl::memory input(ValueId v, const dnnl::memory::desc& desc);
  // Value `v` as produced.
  dnnl::memory input(ValueId v) { return values[static_cast<size_t>(v)].produced.mem; }
  // Value `v` in layout `desc` with the storage holding it.
  StoredMemory stored(ValueId v, const dnnl::memory::desc& desc);
  // Value `v` in plain row-major layout of data type `type`.
  dnnl::memory plain_input(ValueId v, Dnnl::data_type type = Dnnl::data_type::f32);
  // Value `v` as produced, converted to data type `type` where it is stored in another.
  dnnl::memory typed_input(ValueId v, Dnnl::data_type type);
  // A new memory for value `v` produced by the current node.
  dnnl::memory output(ValueId v, const dnnl::memory::desc& desc);
  // The memory the current node's primitive writes value `v` into, holding `residual` in layout
  // `desc` before it runs (a sum post-op accumulates into it): `residual`'s own storage where it
  // has that layout and nothing reads it after this node but the fused Add, else a copy made by
  // a reorder step.
  dnnl::memory accumulator(ValueId v, ValueId residual, const dnnl::memory::desc& desc);
  // Value `v` stored in the storage of `from` (a view, or an in-place result).
  dnnl::memory alias(ValueId v, int storage, const dnnl::memory::desc& desc);
  // The storage value `v` was produced in.
  int storage_of(ValueId v) const { return values[static_cast<size_t>(v)].produced.storage; }
  // Whether the current node may overwrite value `v` (its storage dies here).
  bool may_overwrite(ValueId v) const;
  // Constant data (weights) reordered now into `desc` from a plain buffer of layout `plain`.
  dnnl::memory constant(const dnnl::memory::desc& plain, const float* data,
                        const dnnl::memory::desc& desc);

  void add(const dnnl::primitive& primitive, std::unordered_map<int, dnnl::memory> args);
  void add_loop(std::function<void()> loop);

 private:
  size_t last_use(ValueId v) const;
  // Whether node `reader` runs (in its host's primitive when fused) after the current node.
  bool runs_later(size_t reader) const;
  // Whether only the current node's fused Add reads `residual` (or anything else in its
  // storage) from the current node on, so the current node may write over it.
  bool only_fused_add_reads(ValueId residual) const;
  void build_node(size_t index);
  void build_with_fallback(size_t index);

  size_t current_ = 0;
  std::vector<size_t> last_use_;
};

// Plain row-major descriptor of a shape.
dnnl::memory::desc plain_desc(const Shape& shape, Dnnl::data_type type = Dnnl::data_type::f32);
// `desc` with the same layout holding data type `type`.
dnnl::memory::desc retyped(const dnnl::memory::desc& desc, Dnnl::data_type type);
// A memory's data type.
Dnnl::data_type type_of(const dnnl::memory& m);
dnnl::memory::dims dims_of(const Shape& shape);
// The strides of a layout without inner blocks (plain, channels-last, any permutation or view).
std::optional<dnnl::memory::dims> strides_of(const dnnl::memory::desc& desc);
// Dense strides for `dims` ordering the dimensions as `like` does (largest stride outermost).
dnnl::memory::dims dense_like(const dnnl::memory::dims& dims, const dnnl::memory::dims& like);

// The op builders (one file each).
void build_conv(Compiler& c);
void build_pool(Compiler& c);
void build_inner_product(Compiler& c);
void build_affine(Compiler& c);  // BatchNorm, Scale
void build_activation(Compiler& c);
void build_lrn(Compiler& c);
void build_softmax(Compiler& c);
void build_concat(Compiler& c);
void build_binary(Compiler& c);
void build_view(Compiler& c);       // Dropout, Flatten, Reshape, a Pad of zeros
void build_transpose(Compiler& c);  // a view with permuted strides
void build_split(Compiler& c);      // Split, Slice
void build_pad(Compiler& c);        // constant, in the input's layout
void build_reduce_mean(Compiler& c);
void build_loop(Compiler& c);  // reflect/edge Pad, strided Slice, cases oneDNN cannot express

// Adds the post-ops of the current node: the sum of a fused residual Add, then the activations.
dnnl::primitive_attr fused_activation_attr(const Compiler& c);
// Per-channel y = x * mul + add of the current node's folded BatchNorm/Scale nodes.
struct Affine {
  std::vector<float> mul, add;
};
Affine folded_affine(const Compiler& c, const std::vector<size_t>& nodes, int64_t channels);

}  // namespace synergy::onednn
