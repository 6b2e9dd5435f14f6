#include "engine/onednn/compiler.hpp"

#include <algorithm>

#include "engine/kernel_program.hpp"
#include "util/error.hpp"

namespace synergy::onednn {

dnnl::memory::dims dims_of(const Shape& shape) {
  return dnnl::memory::dims(shape.dims.begin(), shape.dims.end());
}

dnnl::memory::desc plain_desc(const Shape& shape) {
  const dnnl::memory::dims dims = dims_of(shape);
  dnnl::memory::dims strides(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return {dims, Dnnl::data_type::f32, strides};
}

Compiler::Compiler(const Graph& g, const OnednnOptions& opts, const EngineContext& ctx,
                   dnnl::engine eng)
    : graph(g),
      options(opts),
      context(ctx),
      engine(std::move(eng)),
      stream(engine),
      fusion(plan_fusion(g, opts)) {
  values.resize(g.values.size());
  last_use_.assign(g.values.size(), 0);
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    for (ValueId v : g.nodes[i].inputs) last_use_[static_cast<size_t>(v)] = i;
  }
  for (ValueId v : g.outputs) last_use_[static_cast<size_t>(v)] = StoragePool::kForever;
  for (ValueId v : g.inputs) {
    const int s = pool.external();
    input_storage.push_back(s);
    values[static_cast<size_t>(v)].produced = {pool.bind(plain_desc(g.shape(v)), s, engine), s};
  }
}

size_t Compiler::last_use(ValueId v) const {
  return std::max(last_use_[static_cast<size_t>(v)], current_);
}

void Compiler::build() {
  for (current_ = 0; current_ < graph.nodes.size(); ++current_) {
    layers.push_back({current_, {}, false});
    if (fusion.host[current_] == FusionPlan::kNotFused) build_with_fallback(current_);
    pool.release_through(current_);
  }
  stream.wait();
}

StoredMemory Compiler::stored(ValueId v, const dnnl::memory::desc& desc) {
  ValueMemory& vm = values[static_cast<size_t>(v)];
  if (!vm.produced.mem) {
    throw Error(ErrorKind::Runtime, "value '" + graph.values[static_cast<size_t>(v)].name +
                                        "' is used before it is produced");
  }
  if (vm.produced.mem.get_desc() == desc) return vm.produced;
  for (const StoredMemory& c : vm.copies) {
    if (c.mem.get_desc() == desc) return c;
  }
  const int s = pool.acquire(desc.get_size(), last_use(v));
  StoredMemory copy{pool.bind(desc, s, engine), s};
  add(dnnl::reorder(vm.produced.mem, copy.mem),
      {{DNNL_ARG_FROM, vm.produced.mem}, {DNNL_ARG_TO, copy.mem}});
  vm.copies.push_back(copy);
  return copy;
}

dnnl::memory Compiler::input(ValueId v, const dnnl::memory::desc& desc) {
  return stored(v, desc).mem;
}

dnnl::memory Compiler::plain_input(ValueId v) {
  return input(v, plain_desc(graph.shape(v)));
}

dnnl::memory Compiler::output(ValueId v, const dnnl::memory::desc& desc) {
  const int s = pool.acquire(desc.get_size(), last_use(v));
  values[static_cast<size_t>(v)].produced = {pool.bind(desc, s, engine), s};
  return values[static_cast<size_t>(v)].produced.mem;
}

dnnl::memory Compiler::alias(ValueId v, int storage, const dnnl::memory::desc& desc) {
  pool.extend(storage, last_use(v));
  values[static_cast<size_t>(v)].produced = {pool.bind(desc, storage, engine), storage};
  return values[static_cast<size_t>(v)].produced.mem;
}

bool Compiler::may_overwrite(ValueId v) const {
  const int s = storage_of(v);
  return s >= 0 && !pool.is_external(s) && pool.last_use(s) == current_;
}

dnnl::memory Compiler::constant(const dnnl::memory::desc& plain, const float* data,
                                const dnnl::memory::desc& desc) {
  dnnl::memory src(plain, engine, const_cast<float*>(data));
  dnnl::memory dst(desc, engine);
  dnnl::reorder(src, dst).execute(stream, src, dst);
  stream.wait();
  return dst;
}

Step primitive_step(const dnnl::primitive& primitive, std::unordered_map<int, dnnl::memory> args) {
  Step s{primitive, std::move(args), {}, {}};
  s.c_args.reserve(s.args.size());
  for (const auto& [arg, mem] : s.args) s.c_args.push_back({arg, mem.get()});
  return s;
}

void Compiler::add(const dnnl::primitive& primitive, std::unordered_map<int, dnnl::memory> args) {
  layers.back().steps.push_back(primitive_step(primitive, std::move(args)));
}

void Compiler::add_loop(std::function<void()> loop) {
  layers.back().steps.push_back({{}, {}, std::move(loop), {}});
}

void Compiler::build_with_fallback(size_t index) {
  const Node& n = graph.nodes[index];
  std::vector<size_t> copies;
  for (ValueId v : n.inputs) copies.push_back(values[static_cast<size_t>(v)].copies.size());
  try {
    build_node(index);
  } catch (const dnnl::error&) {
    // oneDNN has no primitive for these attributes: undo this node's steps and reordered copies,
    // and run it as a plain loop.
    layers.back().steps.clear();
    for (size_t i = 0; i < n.inputs.size(); ++i) {
      values[static_cast<size_t>(n.inputs[i])].copies.resize(copies[i]);
    }
    build_loop(*this);
  }
}

void Compiler::build_node(size_t index) {
  switch (graph.nodes[index].kind()) {
    case OpKind::Conv:
      return build_conv(*this);
    case OpKind::Pool:
      return build_pool(*this);
    case OpKind::FullyConnected:
      return build_inner_product(*this);
    case OpKind::BatchNorm:
    case OpKind::Scale:
      return build_affine(*this);
    case OpKind::Activation:
      return build_activation(*this);
    case OpKind::Lrn:
      return build_lrn(*this);
    case OpKind::Softmax:
      return build_softmax(*this);
    case OpKind::Concat:
      return build_concat(*this);
    case OpKind::Binary:
      return build_binary(*this);
    case OpKind::Dropout:
    case OpKind::Flatten:
    case OpKind::Reshape:
      return build_view(*this);
    case OpKind::Pad:
      return is_view_node(graph.nodes[index]) ? build_view(*this) : build_pad(*this);
    case OpKind::ReduceMean:
      return build_reduce_mean(*this);
    case OpKind::Split:
    case OpKind::Slice:
      return build_split(*this);
    case OpKind::Transpose:
      return build_transpose(*this);
    case OpKind::Count_:
      break;
  }
  throw unsupported("onednn: no builder for layer '" + graph.nodes[index].name + "'");
}

}  // namespace synergy::onednn
