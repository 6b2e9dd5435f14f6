// Ops that only move data: Reshape, Flatten, Dropout and a Pad of zeros as views, Transpose as a
// view with permuted strides, Split and Slice as one reorder per output from a window of the
// input, and a constant Pad as a fill and one reorder into the window inside it. A Reshape that no
// strides can express (a channel shuffle's merge of the transposed axes) is one reorder into the
// layout its consumers want.
#include <algorithm>
#include <numeric>
#include <optional>

#include "engine/onednn/compiler.hpp"

namespace synergy::onednn {

using Dims = dnnl::memory::dims;

std::optional<Dims> strides_of(const dnnl::memory::desc& d) {
  const dnnl_memory_desc_t& c = d.data;
  if (c.format_kind != dnnl_blocked || c.format_desc.blocking.inner_nblks != 0 || c.offset0 != 0)
    return std::nullopt;
  return Dims(c.format_desc.blocking.strides, c.format_desc.blocking.strides + c.ndims);
}

Dims dense_like(const Dims& dims, const Dims& like) {
  std::vector<size_t> order(dims.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return like[a] > like[b] || (like[a] == like[b] && a < b); });
  Dims s(dims.size(), 1);
  int64_t step = 1;
  for (size_t k = order.size(); k-- > 0;) {
    s[order[k]] = step;
    step *= dims[order[k]];
  }
  return s;
}

namespace {

Dnnl::desc strided_desc(const Dims& dims, const Dims& strides, Dnnl::data_type type) {
  return {dims, type, strides};
}

// Strides that read a tensor of `dims`/`strides` as `to` without moving data, where the
// reshape only splits or merges runs of dimensions that are contiguous among themselves.
std::optional<Dims> view_strides(const Dims& dims, const Dims& strides, const Dims& to) {
  Dims od, os;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == 0) return std::nullopt;
    if (dims[i] != 1) {
      od.push_back(dims[i]);
      os.push_back(strides[i]);
    }
  }
  Dims ns(to.size(), 1);
  size_t ni = 0, oi = 0;
  while (ni < to.size() && oi < od.size()) {
    int64_t np = to[ni], op = od[oi];
    size_t nj = ni + 1, oj = oi + 1;
    while (np != op) {
      if (np < op) {
        if (nj == to.size()) return std::nullopt;
        np *= to[nj++];
      } else {
        if (oj == od.size()) return std::nullopt;
        op *= od[oj++];
      }
    }
    for (size_t k = oi; k + 1 < oj; ++k)
      if (os[k] != od[k + 1] * os[k + 1]) return std::nullopt;
    ns[nj - 1] = os[oj - 1];
    for (size_t k = nj - 1; k > ni; --k) ns[k - 1] = ns[k] * to[k];
    ni = nj;
    oi = oj;
  }
  if (oi != od.size()) return std::nullopt;
  for (; ni < to.size(); ++ni)
    if (to[ni] != 1) return std::nullopt;
  return ns;
}

// Value `v` as produced when its layout has strides, else in plain layout of the same type.
StoredMemory strided_input(Compiler& c, ValueId v) {
  const StoredMemory& produced = c.values[static_cast<size_t>(v)].produced;
  if (strides_of(produced.mem.get_desc())) return produced;
  return c.stored(v, plain_desc(c.graph.shape(v), type_of(produced.mem)));
}

// A loop writing the one element of `value` (f32 or bf16, as `mem`) into each of `mem`'s.
template <class T>
std::function<void()> fill_with(const dnnl::memory& mem, const dnnl::memory& value, size_t count) {
  return [mem, v = *static_cast<const T*>(value.get_data_handle()), count] {
    auto* y = static_cast<T*>(mem.get_data_handle());
    std::fill(y, y + count, v);
  };
}

// The layout a copied Reshape writes: channels-last where the input's innermost dimension
// becomes the channels of a 4-D output (what the convolutions after it read), else plain.
Dims reshape_target(const Dims& in_dims, const Dims& in_strides, const Dims& out_dims) {
  Dims plain(out_dims.size(), 1);
  for (size_t i = out_dims.size(); i-- > 1;) plain[i - 1] = plain[i] * out_dims[i];
  if (out_dims.size() != 4) return plain;
  const auto inner = static_cast<size_t>(std::min_element(in_strides.begin(), in_strides.end()) -
                                         in_strides.begin());
  int64_t before = 1;  // elements of the dimensions before the innermost one
  for (size_t i = 0; i < inner; ++i) before *= in_dims[i];
  const int64_t channel_from = out_dims[0], channel_to = out_dims[0] * out_dims[1];
  if (before < channel_from || before * in_dims[inner] > channel_to) return plain;
  return {out_dims[1] * out_dims[2] * out_dims[3], 1, out_dims[3] * out_dims[1], out_dims[1]};
}

}  // namespace

void build_view(Compiler& c) {
  const Node& n = c.node();
  const ValueId in = n.inputs[0], out = n.outputs[0];
  if (n.kind() == OpKind::Dropout || n.kind() == OpKind::Pad) {  // same shape: any layout
    c.alias(out, c.storage_of(in), c.input(in).get_desc());
    return;
  }
  const StoredMemory src = strided_input(c, in);
  const Dims in_dims = dims_of(c.graph.shape(in)), out_dims = dims_of(c.graph.shape(out));
  const Dims in_strides = *strides_of(src.mem.get_desc());
  if (const auto view = view_strides(in_dims, in_strides, out_dims)) {
    c.alias(out, src.storage, strided_desc(out_dims, *view, type_of(src.mem)));
    return;
  }
  Dims target = reshape_target(in_dims, in_strides, out_dims);
  auto written = view_strides(out_dims, target, in_dims);
  if (!written) {  // channels-last does not split into the input's dimensions
    target = *strides_of(plain_desc(c.graph.shape(out)));
    written = view_strides(out_dims, target, in_dims);
  }
  c.output(out, strided_desc(out_dims, target, type_of(src.mem)));
  const dnnl::memory dst =
      c.pool.bind(strided_desc(in_dims, *written, type_of(src.mem)), c.storage_of(out), c.engine);
  c.add(dnnl::reorder(src.mem, dst), {{DNNL_ARG_FROM, src.mem}, {DNNL_ARG_TO, dst}});
}

void build_transpose(Compiler& c) {
  const Node& n = c.node();
  const Dims& perm = n.as<TransposeAttrs>().perm;
  const StoredMemory src = strided_input(c, n.inputs[0]);
  const Dims in_strides = *strides_of(src.mem.get_desc());
  const Dims in_dims = dims_of(c.graph.shape(n.inputs[0]));
  Dims dims, strides;
  for (int64_t p : perm) {
    dims.push_back(in_dims.at(static_cast<size_t>(p)));
    strides.push_back(in_strides.at(static_cast<size_t>(p)));
  }
  c.alias(n.outputs[0], src.storage, strided_desc(dims, strides, type_of(src.mem)));
}

// Split and Slice with unit steps: each output a window of the input, copied by one reorder
// into a dense layout ordered like the input's.
void build_split(Compiler& c) {
  const Node& n = c.node();
  const Shape& is = c.graph.shape(n.inputs[0]);
  const auto rank = static_cast<int64_t>(is.rank());
  std::vector<Dims> offsets;
  if (n.kind() == OpKind::Split) {
    const auto& a = n.as<SplitAttrs>();
    const auto axis = static_cast<size_t>(a.axis < 0 ? a.axis + rank : a.axis);
    int64_t at = 0;
    for (ValueId v : n.outputs) {
      offsets.emplace_back(is.rank(), 0);
      offsets.back()[axis] = at;
      at += c.graph.shape(v)[axis];
    }
  } else {
    const auto& a = n.as<SliceAttrs>();
    Dims from(is.rank(), 0);
    for (size_t k = 0; k < a.axes.size(); ++k) {
      if (!a.steps.empty() && a.steps[k] != 1) return build_loop(c);
      const auto axis = static_cast<size_t>(a.axes[k] < 0 ? a.axes[k] + rank : a.axes[k]);
      const int64_t dim = is[axis];
      const int64_t s = a.starts[k] < 0 ? a.starts[k] + dim : a.starts[k];
      from[axis] = std::clamp<int64_t>(s, 0, dim);
    }
    offsets.push_back(from);
  }
  const StoredMemory src = strided_input(c, n.inputs[0]);
  const Dims in_strides = *strides_of(src.mem.get_desc());
  for (size_t i = 0; i < n.outputs.size(); ++i) {
    const Dims dims = dims_of(c.graph.shape(n.outputs[i]));
    const dnnl::memory window =
        c.pool.bind(src.mem.get_desc().submemory_desc(dims, offsets[i]), src.storage, c.engine);
    const dnnl::memory dst =
        c.output(n.outputs[i], strided_desc(dims, dense_like(dims, in_strides), type_of(src.mem)));
    c.add(dnnl::reorder(window, dst), {{DNNL_ARG_FROM, window}, {DNNL_ARG_TO, dst}});
  }
}

// A constant Pad (no cropping) in the input's layout: the output filled with the value, then the
// input reordered into its window.
void build_pad(Compiler& c) {
  const Node& n = c.node();
  const auto& a = n.as<PadAttrs>();
  const size_t rank = c.graph.shape(n.inputs[0]).rank();
  if (a.mode != PadMode::Constant || a.pads.size() != 2 * rank ||
      std::any_of(a.pads.begin(), a.pads.end(), [](int64_t p) { return p < 0; }))
    return build_loop(c);
  const StoredMemory src = strided_input(c, n.inputs[0]);
  const Dims in_strides = *strides_of(src.mem.get_desc());
  const Dims dims = dims_of(c.graph.shape(n.outputs[0]));
  const dnnl::memory dst =
      c.output(n.outputs[0], strided_desc(dims, dense_like(dims, in_strides), type_of(src.mem)));
  const Dims from(a.pads.begin(), a.pads.begin() + static_cast<std::ptrdiff_t>(rank));
  const dnnl::memory window =
      c.pool.bind(dst.get_desc().submemory_desc(dims_of(c.graph.shape(n.inputs[0])), from),
                  c.storage_of(n.outputs[0]), c.engine);
  // The value in the output's type, converted by oneDNN as the data is.
  const dnnl::memory value =
      c.constant(plain_desc(Shape{1}), &a.value, plain_desc(Shape{1}, type_of(dst)));
  const auto count = static_cast<size_t>(c.graph.shape(n.outputs[0]).numel());
  c.add_loop(type_of(dst) == Dnnl::data_type::bf16 ? fill_with<uint16_t>(dst, value, count)
                                                   : fill_with<float>(dst, value, count));
  c.add(dnnl::reorder(src.mem, window), {{DNNL_ARG_FROM, src.mem}, {DNNL_ARG_TO, window}});
}

}  // namespace synergy::onednn
