// The kernel of every op.
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

}  // namespace synergy::blas
