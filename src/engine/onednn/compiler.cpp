#include "engine/onednn/compiler.hpp"

#include <algorithm>

#include "engine/kernel_program.hpp"
#include "util/error.hpp"

namespace synergy::onednn {

dnnl::memory::dims dims_of(const Shape& shape) {
  return dnnl::memory::dims(shape.dims.begin(), shape.dims.end());
}

dnnl::memory::desc plain_desc(const Shape& shape, Dnnl::data_type type) {
  const dnnl::memory::dims dims = dims_of(shape);
  dnnl::memory::dims strides(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return {dims, type, strides};
}

dnnl::memory::desc retyped(const dnnl::memory::desc& desc, Dnnl::data_type type) {
  dnnl::memory::desc d = desc;
  d.data.data_type = static_cast<dnnl_data_type_t>(type);
  return d;
}

Dnnl::data_type type_of(const dnnl::memory& m) {
  return m.get_desc().data_type();
}

Compiler::Compiler(const Graph& g, const OnednnOptions& opts, const EngineContext& ctx,
                   dnnl::engine eng)
    : graph(g),
      options(opts),
      context(ctx),
      compute(ctx.precision == Precision::bf16 ? Dnnl::data_type::bf16 : Dnnl::data_type::f32),
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
    layers.push_back({current_, {}, false, {}});
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

dnnl::memory Compiler::plain_input(ValueId v, Dnnl::data_type type) {
  return input(v, plain_desc(graph.shape(v), type));
}

dnnl::memory Compiler::typed_input(ValueId v, Dnnl::data_type type) {
  const dnnl::memory& produced = input(v);
  return type_of(produced) == type ? produced : input(v, retyped(produced.get_desc(), type));
}

dnnl::memory Compiler::output(ValueId v, const dnnl::memory::desc& desc) {
  const int s = pool.acquire(desc.get_size(), last_use(v));
  values[static_cast<size_t>(v)].produced = {pool.bind(desc, s, engine), s};
  return values[static_cast<size_t>(v)].produced.mem;
}

bool Compiler::runs_later(size_t reader) const {
  const int host = fusion.host[reader];
  return (host == FusionPlan::kNotFused ? reader : static_cast<size_t>(host)) >= current_;
}

bool Compiler::only_fused_add_reads(ValueId residual) const {
  const int storage = storage_of(residual);
  const auto add = static_cast<size_t>(fusion.residual_add[current_]);
  if (storage < 0 || pool.is_external(storage) || pool.last_use(storage) > add) return false;
  for (size_t j = 0; j < graph.nodes.size(); ++j) {
    if (j == add || !runs_later(j)) continue;
    for (ValueId v : graph.nodes[j].inputs) {
      if (v == residual || values[static_cast<size_t>(v)].produced.storage == storage) return false;
    }
  }
  return true;
}

dnnl::memory Compiler::accumulator(ValueId v, ValueId residual, const dnnl::memory::desc& desc) {
  const dnnl::memory r = input(residual);
  if (r.get_desc() == desc && only_fused_add_reads(residual)) {
    return alias(v, storage_of(residual), desc);
  }
  const dnnl::memory dst = output(v, desc);
  add(dnnl::reorder(r, dst), {{DNNL_ARG_FROM, r}, {DNNL_ARG_TO, dst}});
  return dst;
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

namespace {

std::string implementation_of(const dnnl::primitive& primitive) {
  const char* name = nullptr;
  const dnnl_status_t status =
      dnnl_primitive_desc_query(primitive.get_primitive_desc(), dnnl_query_impl_info_str, 0, &name);
  return status == dnnl_success && name ? name : "";
}

}  // namespace

Step primitive_step(const dnnl::primitive& primitive, std::unordered_map<int, dnnl::memory> args) {
  Step s{primitive, std::move(args), {}, {}, implementation_of(primitive)};
  s.c_args.reserve(s.args.size());
  for (const auto& [arg, mem] : s.args) s.c_args.push_back({arg, mem.get()});
  return s;
}

void Compiler::add(const dnnl::primitive& primitive, std::unordered_map<int, dnnl::memory> args) {
  layers.back().steps.push_back(primitive_step(primitive, std::move(args)));
}

void Compiler::add_loop(std::function<void()> loop) {
  layers.back().steps.push_back({{}, {}, std::move(loop), {}, "loop"});
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
