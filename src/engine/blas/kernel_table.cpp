// The kernel of every op.
#include <algorithm>

#include "engine/blas/kernels.hpp"

namespace synergy::blas {

Kernel kernel_for(OpKind kind) {
  switch (kind) {
    case OpKind::Conv:
      return conv_im2col;
    case OpKind::Pool:
      return pool;
    case OpKind::FullyConnected:
      return fully_connected;
    case OpKind::BatchNorm:
      return batch_norm;
    case OpKind::Scale:
      return scale;
    case OpKind::Activation:
      return activation;
    case OpKind::Lrn:
      return lrn;
    case OpKind::Concat:
      return concat;
    case OpKind::Binary:
      return binary;
    case OpKind::Softmax:
      return softmax;
    case OpKind::Dropout:
    case OpKind::Flatten:
    case OpKind::Reshape:
      return copy;
    case OpKind::Split:
      return split;
    case OpKind::Slice:
      return slice;
    case OpKind::Transpose:
      return transpose;
    case OpKind::Pad:
      return pad;
    case OpKind::ReduceMean:
      return reduce_mean;
    case OpKind::Count_:
      break;
  }
  return nullptr;
}

void prepare(KernelArgs& args) {
  size_t rank = 0;
  for (const Shape& s : args.in_shapes) rank = std::max(rank, s.rank());
  for (const Shape& s : args.out_shapes) rank = std::max(rank, s.rank());
  args.prepared.index.assign(rank, 0);
  switch (args.node->kind()) {
    case OpKind::BatchNorm:
      return prepare_batch_norm(args);
    case OpKind::Scale:
      return prepare_scale(args);
    case OpKind::Binary:
      return prepare_binary(args);
    case OpKind::Slice:
      return prepare_slice(args);
    case OpKind::Transpose:
      return prepare_transpose(args);
    case OpKind::Pad:
      return prepare_pad(args);
    case OpKind::ReduceMean:
      return prepare_reduce_mean(args);
    default:
      return;
  }
}

}  // namespace synergy::blas
