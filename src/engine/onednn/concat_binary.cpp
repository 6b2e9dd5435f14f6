// Concat (any axis) and broadcasting add/multiply with a fused activation.
#include "engine/onednn/compiler.hpp"

namespace synergy::onednn {
namespace {

// `s` with leading 1s up to `rank`.
Shape expanded(const Shape& s, size_t rank) {
  Shape r;
  r.dims.assign(rank - s.rank(), 1);
  r.dims.insert(r.dims.end(), s.dims.begin(), s.dims.end());
  return r;
}

// Whether every input is in oneDNN's 16-channel blocked layout with whole blocks, so that the
// concat copies blocks and its output keeps that layout (Winograd convolutions write it).
bool whole_channel_blocks(Compiler& c, const Node& n) {
  for (ValueId v : n.inputs) {
    const Shape& shape = c.graph.shape(v);
    const dnnl::memory m = c.input(v);
    if (shape[1] % 16 != 0 || m.get_desc() != Dnnl::desc(dims_of(shape), type_of(m), Tag::aBcd16b))
      return false;
  }
  return true;
}

// The type every input of a concat is brought to: the compute type where any input has it.
Dnnl::data_type common_type(Compiler& c, const Node& n) {
  for (ValueId v : n.inputs) {
    if (type_of(c.input(v)) == c.compute) return c.compute;
  }
  return type_of(c.input(n.inputs[0]));
}

}  // namespace

// A 4-D concat writes channels-last unless its inputs are all in whole 16-channel blocks. Left
// to choose, oneDNN takes its reference concat for mixed layouts, or a padded blocked output
// when a part has a partial block (a DenseNet with growth 8 or 24); the batch norms after it
// then run 6-100x slower on their reference kernels. Inputs are brought to channels-last by a
// reorder each at most.
void build_concat(Compiler& c) {
  const Node& n = c.node();
  const Shape& os = c.graph.shape(n.outputs[0]);
  int axis = static_cast<int>(n.as<ConcatAttrs>().axis);
  if (axis < 0) axis += static_cast<int>(os.rank());
  const bool channels_last = os.rank() == 4 && !whole_channel_blocks(c, n);
  const Dnnl::data_type type = common_type(c, n);
  std::vector<Dnnl::desc> descs;
  std::unordered_map<int, dnnl::memory> args;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    const ValueId v = n.inputs[i];
    const dnnl::memory m = channels_last
                               ? c.input(v, Dnnl::desc(dims_of(c.graph.shape(v)), type, Tag::acdb))
                               : c.typed_input(v, type);
    descs.push_back(m.get_desc());
    args[DNNL_ARG_MULTIPLE_SRC + static_cast<int>(i)] = m;
  }
  const Dnnl::desc dst_any(dims_of(os), type, channels_last ? Tag::acdb : Tag::any);
  const dnnl::concat::primitive_desc pd(dst_any, axis, descs, c.engine);
  args[DNNL_ARG_DST] = c.output(n.outputs[0], pd.dst_desc());
  c.add(dnnl::concat(pd), std::move(args));
}

void build_binary(Compiler& c) {
  const Node& n = c.node();
  const ValueId out = c.fusion.output[c.current()];
  const Shape& os = c.graph.shape(n.outputs[0]);
  ValueId a = n.inputs[0], b = n.inputs[1];
  if (c.graph.shape(a) != os) std::swap(a, b);       // add and multiply commute
  if (c.graph.shape(a) != os) return build_loop(c);  // both inputs broadcast
  const dnnl::memory src0 = c.input(a);
  dnnl::memory src1;
  const Shape& bs = c.graph.shape(b);
  if (bs == os) {
    src1 = c.input(b, src0.get_desc());
  } else if (bs.rank() == os.rank()) {
    src1 = c.typed_input(b, type_of(src0));
  } else {
    const StoredMemory plain = c.stored(b, plain_desc(bs, type_of(src0)));
    src1 = c.pool.bind(plain_desc(expanded(bs, os.rank()), type_of(src0)), plain.storage, c.engine);
  }
  const auto alg = n.as<BinaryAttrs>().kind == BinaryKind::Add ? dnnl::algorithm::binary_add
                                                               : dnnl::algorithm::binary_mul;
  const Dnnl::desc desc = src0.get_desc();
  const dnnl::binary::primitive_desc pd({alg, desc, src1.get_desc(), desc},
                                        fused_activation_attr(c), c.engine);
  const dnnl::memory dst =
      c.may_overwrite(a) ? c.alias(out, c.storage_of(a), desc) : c.output(out, desc);
  c.add(dnnl::binary(pd), {{DNNL_ARG_SRC_0, src0}, {DNNL_ARG_SRC_1, src1}, {DNNL_ARG_DST, dst}});
}

}  // namespace synergy::onednn
