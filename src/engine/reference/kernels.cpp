#include "engine/reference/kernels.hpp"

#include <cstring>

#include "engine/threads.hpp"
#include "graph/op.hpp"
#include "util/error.hpp"

namespace synergy {
namespace reference {

const float* Setup::param(const char* role) const {
  const Param* p = node.param(role);
  if (!p || p->data.empty()) {
    throw bad_input("layer '" + node.name + "': param '" + role + "' is not materialized");
  }
  return p->data.data();
}

int64_t span_size(const Shape& s, size_t from, size_t to) {
  int64_t n = 1;
  for (size_t i = from; i < to && i < s.rank(); ++i) n *= s[i];
  return n;
}

Dims strides_of(const Shape& s) {
  Dims st(s.rank(), 1);
  for (size_t i = s.rank(); i-- > 1;) st[i - 1] = st[i] * s[i];
  return st;
}

bool next_index(Dims& index, const Dims& dims) {
  for (size_t i = dims.size(); i-- > 0;) {
    if (++index[i] < dims[i]) return true;
    index[i] = 0;
  }
  return false;
}

bool next_row(Dims& index, const Dims& dims) {
  for (size_t i = dims.empty() ? 0 : dims.size() - 1; i-- > 0;) {
    if (++index[i] < dims[i]) return true;
    index[i] = 0;
  }
  return false;
}

namespace {

class CopyKernel : public Kernel {
 public:
  explicit CopyKernel(const Setup& s)
      : bytes_(static_cast<size_t>(s.in(0).numel()) * sizeof(float)) {}
  void run(std::span<const float* const> in, std::span<float* const> out) override {
    if (bytes_) std::memcpy(out[0], in[0], bytes_);
  }

 private:
  size_t bytes_;
};

}  // namespace

std::unique_ptr<Kernel> copy(const Setup& s) {
  return std::make_unique<CopyKernel>(s);
}

}  // namespace reference

std::unique_ptr<Kernel> make_reference_kernel(const Graph& graph, size_t index,
                                              const EngineContext& context) {
  const Node& node = graph.nodes.at(index);
  const reference::Setup s{graph, node, resolve_threads(context)};
  switch (node.kind()) {
    case OpKind::Conv:
      return reference::conv(s);
    case OpKind::Pool:
      return reference::pool(s);
    case OpKind::FullyConnected:
      return reference::fully_connected(s);
    case OpKind::BatchNorm:
      return reference::batch_norm(s);
    case OpKind::Scale:
      return reference::scale(s);
    case OpKind::Activation:
      return reference::activation(s);
    case OpKind::Lrn:
      return reference::lrn(s);
    case OpKind::Concat:
      return reference::concat(s);
    case OpKind::Binary:
      return reference::binary(s);
    case OpKind::Softmax:
      return reference::softmax(s);
    case OpKind::Split:
      return reference::split(s);
    case OpKind::Slice:
      return reference::slice(s);
    case OpKind::Transpose:
      return reference::transpose(s);
    case OpKind::Pad:
      return reference::pad(s);
    case OpKind::ReduceMean:
      return reference::reduce_mean(s);
    case OpKind::Dropout:
    case OpKind::Flatten:
    case OpKind::Reshape:
      return reference::copy(s);
    case OpKind::Count_:
      break;
  }
  throw unsupported("layer '" + node.name + "' (" + std::string(op_def(node).name) +
                    ") has no kernel");
}

}  // namespace synergy
