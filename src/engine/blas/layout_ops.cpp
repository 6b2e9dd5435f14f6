// Data movement: copy (views), concat, split, slice, transpose, pad, reduce mean.
#include <algorithm>
#include <cstring>

#include "engine/blas/index.hpp"
#include "engine/blas/kernels.hpp"

namespace synergy::blas {
namespace {

size_t axis_of(int64_t axis, size_t rank) {
  return static_cast<size_t>(axis < 0 ? axis + static_cast<int64_t>(rank) : axis);
}

int64_t product(const Shape& s, size_t from, size_t to) {
  int64_t p = 1;
  for (size_t i = from; i < to; ++i) p *= s[i];
  return p;
}

}  // namespace

void copy(KernelArgs& args) {
  if (args.out[0] != args.in[0]) {
    std::memcpy(args.out[0], args.in[0],
                static_cast<size_t>(args.in_shapes[0].numel()) * sizeof(float));
  }
}

void concat(KernelArgs& args) {
  const Shape& os = args.out_shapes[0];
  const size_t axis = axis_of(args.node->as<ConcatAttrs>().axis, os.rank());
  const int64_t outer = product(os, 0, axis), out_chunk = product(os, axis, os.rank());
  int64_t at = 0;
  for (size_t k = 0; k < args.in.size(); ++k) {
    const int64_t chunk = product(args.in_shapes[k], axis, os.rank());
    for (int64_t o = 0; o < outer; ++o) {
      std::copy_n(args.in[k] + o * chunk, chunk, args.out[0] + o * out_chunk + at);
    }
    at += chunk;
  }
}

void split(KernelArgs& args) {
  const Shape& is = args.in_shapes[0];
  const size_t axis = axis_of(args.node->as<SplitAttrs>().axis, is.rank());
  const int64_t outer = product(is, 0, axis), in_chunk = product(is, axis, is.rank());
  int64_t at = 0;
  for (size_t k = 0; k < args.out.size(); ++k) {
    const int64_t chunk = product(args.out_shapes[k], axis, is.rank());
    for (int64_t o = 0; o < outer; ++o) {
      std::copy_n(args.in[0] + o * in_chunk + at, chunk, args.out[k] + o * chunk);
    }
    at += chunk;
  }
}

void slice(KernelArgs& args) {
  const Dims& st = args.prepared.strides[0];
  const float* x = args.in[0] + args.prepared.base;
  for_each_index(args.out_shapes[0], args.prepared.index,
                 [&](const Dims& idx, int64_t flat) { args.out[0][flat] = x[offset_of(idx, st)]; });
}

void transpose(KernelArgs& args) {
  const Dims& moved = args.prepared.strides[0];
  for_each_index(args.out_shapes[0], args.prepared.index, [&](const Dims& idx, int64_t flat) {
    args.out[0][flat] = args.in[0][offset_of(idx, moved)];
  });
}

void pad(KernelArgs& args) {
  const auto& a = args.node->as<PadAttrs>();
  const Shape& is = args.in_shapes[0];
  const size_t r = is.rank();
  const Dims& st = args.prepared.strides[0];
  for_each_index(args.out_shapes[0], args.prepared.index, [&](const Dims& idx, int64_t flat) {
    int64_t off = 0;
    for (size_t d = 0; d < r; ++d) {
      int64_t i = idx[d] - a.pads[d];
      if (i < 0 || i >= is[d]) {
        if (a.mode == PadMode::Constant) {
          off = -1;
          break;
        }
        if (a.mode == PadMode::Edge) {
          i = std::clamp<int64_t>(i, 0, is[d] - 1);
        } else {
          i = i < 0 ? -i : 2 * (is[d] - 1) - i;
        }
      }
      off += i * st[d];
    }
    args.out[0][flat] = off < 0 ? a.value : args.in[0][off];
  });
}

void reduce_mean(KernelArgs& args) {
  const Shape& is = args.in_shapes[0];
  const Dims& to_out = args.prepared.strides[0];
  const int64_t n_out = args.out_shapes[0].numel();
  std::fill(args.out[0], args.out[0] + n_out, 0.0f);
  for_each_index(is, args.prepared.index, [&](const Dims& idx, int64_t flat) {
    args.out[0][offset_of(idx, to_out)] += args.in[0][flat];
  });
  const float count = static_cast<float>(is.numel() / std::max<int64_t>(n_out, 1));
  for (int64_t i = 0; i < n_out; ++i) args.out[0][i] /= count;
}

void prepare_slice(KernelArgs& args) {
  const auto& a = args.node->as<SliceAttrs>();
  const Shape& is = args.in_shapes[0];
  Dims start(is.rank(), 0), step(is.rank(), 1);
  for (size_t i = 0; i < a.starts.size(); ++i) {
    const size_t ax = axis_of(a.axes.empty() ? static_cast<int64_t>(i) : a.axes[i], is.rank());
    step[ax] = a.steps.empty() ? 1 : a.steps[i];
    int64_t s = a.starts[i] < 0 ? a.starts[i] + is[ax] : a.starts[i];
    start[ax] =
        step[ax] > 0 ? std::clamp<int64_t>(s, 0, is[ax]) : std::clamp<int64_t>(s, -1, is[ax] - 1);
  }
  // Output element idx reads input element start + idx * step.
  Dims st = strides_of(is);
  args.prepared.base = offset_of(start, st);
  for (size_t d = 0; d < st.size(); ++d) st[d] *= step[d];
  args.prepared.strides = {st};
}

void prepare_transpose(KernelArgs& args) {
  const Dims& perm = args.node->as<TransposeAttrs>().perm;
  const Shape& is = args.in_shapes[0];
  const Dims st = strides_of(is);
  Dims moved(perm.size());
  for (size_t i = 0; i < perm.size(); ++i) moved[i] = st[axis_of(perm[i], is.rank())];
  args.prepared.strides = {moved};
}

void prepare_pad(KernelArgs& args) {
  args.prepared.strides = {strides_of(args.in_shapes[0])};
}

void prepare_reduce_mean(KernelArgs& args) {
  const auto& a = args.node->as<ReduceMeanAttrs>();
  const Shape& is = args.in_shapes[0];
  // Output seen with the input's rank (reduced axes of size 1), so broadcast strides map it.
  Shape kept = is;
  std::vector<bool> reduce(is.rank(), a.axes.empty());
  for (int64_t ax : a.axes) reduce[axis_of(ax, is.rank())] = true;
  for (size_t d = 0; d < is.rank(); ++d) {
    if (reduce[d]) kept[d] = 1;
  }
  args.prepared.strides = {broadcast_strides(kept, is)};
}

}  // namespace synergy::blas
