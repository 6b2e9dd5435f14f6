// Layout and element-wise ops as copies or small kernels: reshape-like copies, concat, split,
// slice, transpose, broadcasting binary ops, pad and reduce-mean.
#include <algorithm>

#include "engine/cudnn/kernels.hpp"
#include "engine/cudnn/layers.hpp"
#include "engine/cudnn/views.hpp"
#include "util/error.hpp"

namespace synergy::cudnn {
namespace {

int64_t product(const Dims& dims, size_t from, size_t to) {
  int64_t n = 1;
  for (size_t d = from; d < to; ++d) n *= dims[d];
  return n;
}

size_t normalized_axis(int64_t axis, size_t rank) {
  return static_cast<size_t>(axis < 0 ? axis + static_cast<int64_t>(rank) : axis);
}

// A whole-tensor device-to-device copy (Dropout, Flatten, Reshape).
class Copy : public GpuLayer {
 public:
  explicit Copy(const LayerSetup& s)
      : handles_(s.handles), bytes_(size_t(s.in(0).numel()) * s.handles.element_bytes()) {}
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(cudaMemcpyAsync(out[0], in[0], bytes_, cudaMemcpyDeviceToDevice, handles_.stream()),
          "copy");
  }

 private:
  Handles& handles_;
  size_t bytes_;
};

// Concat and split: each part is a 2-D block (outer rows x part columns) of the whole.
struct Block {
  size_t part_row_bytes, whole_row_bytes, offset_bytes, rows;
};

std::vector<Block> blocks(const Shape& whole, const std::vector<Shape>& parts, size_t axis,
                          size_t element_bytes) {
  const auto rows = static_cast<size_t>(product(whole.dims, 0, axis));
  const auto inner = static_cast<size_t>(product(whole.dims, axis + 1, whole.rank()));
  std::vector<Block> b;
  size_t offset = 0;
  for (const Shape& p : parts) {
    const size_t row = static_cast<size_t>(p[axis]) * inner * element_bytes;
    b.push_back({row, static_cast<size_t>(whole[axis]) * inner * element_bytes, offset, rows});
    offset += row;
  }
  return b;
}

class Concat : public GpuLayer {
 public:
  explicit Concat(const LayerSetup& s) : handles_(s.handles) {
    std::vector<Shape> parts;
    for (size_t i = 0; i < s.node.inputs.size(); ++i) parts.push_back(s.in(i));
    blocks_ =
        blocks(s.out(0), parts, normalized_axis(s.node.as<ConcatAttrs>().axis, s.out(0).rank()),
               s.handles.element_bytes());
  }
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    for (size_t i = 0; i < blocks_.size(); ++i) {
      const Block& b = blocks_[i];
      if (b.part_row_bytes == 0 || b.rows == 0) continue;
      check(cudaMemcpy2DAsync(static_cast<char*>(out[0]) + b.offset_bytes, b.whole_row_bytes, in[i],
                              b.part_row_bytes, b.part_row_bytes, b.rows, cudaMemcpyDeviceToDevice,
                              handles_.stream()),
            "concat copy");
    }
  }

 private:
  Handles& handles_;
  std::vector<Block> blocks_;
};

class Split : public GpuLayer {
 public:
  explicit Split(const LayerSetup& s) : handles_(s.handles) {
    std::vector<Shape> parts;
    for (size_t i = 0; i < s.node.outputs.size(); ++i) parts.push_back(s.out(i));
    blocks_ = blocks(s.in(0), parts, normalized_axis(s.node.as<SplitAttrs>().axis, s.in(0).rank()),
                     s.handles.element_bytes());
  }
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    for (size_t i = 0; i < blocks_.size(); ++i) {
      const Block& b = blocks_[i];
      if (b.part_row_bytes == 0 || b.rows == 0) continue;
      check(
          cudaMemcpy2DAsync(out[i], b.part_row_bytes,
                            static_cast<const char*>(in[0]) + b.offset_bytes, b.whole_row_bytes,
                            b.part_row_bytes, b.rows, cudaMemcpyDeviceToDevice, handles_.stream()),
          "split copy");
    }
  }

 private:
  Handles& handles_;
  std::vector<Block> blocks_;
};

// out[i] = in[view(i)]: slice and transpose.
class Gather : public GpuLayer {
 public:
  Gather(const LayerSetup& s, const StridedView& view)
      : handles_(s.handles), view_(view), count_(s.out(0).numel()) {}
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(launch_gather(handles_.storage(), in[0], out[0], count_, view_, handles_.stream()),
          "gather kernel");
  }

 private:
  Handles& handles_;
  StridedView view_;
  int64_t count_;
};

class Binary : public GpuLayer {
 public:
  explicit Binary(const LayerSetup& s)
      : handles_(s.handles),
        op_(s.node.as<BinaryAttrs>().kind == BinaryKind::Add ? BinaryOp::Add : BinaryOp::Mul),
        views_(binary_views(s.in(0), s.in(1), s.out(0))),
        count_(s.out(0).numel()) {}
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(launch_binary(handles_.storage(), op_, in[0], views_.a, in[1], views_.b, out[0], count_,
                        handles_.stream()),
          "binary kernel");
  }

 private:
  Handles& handles_;
  BinaryOp op_;
  BinaryViews views_;
  int64_t count_;
};

class Pad : public GpuLayer {
 public:
  explicit Pad(const LayerSetup& s)
      : handles_(s.handles),
        a_(s.node.as<PadAttrs>()),
        count_(s.out(0).numel()),
        view_(pad_view(s.in(0), s.out(0), a_)) {}
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(launch_pad(handles_.storage(), in[0], out[0], count_, view_, static_cast<int>(a_.mode),
                     a_.value, handles_.stream()),
          "pad kernel");
  }

 private:
  Handles& handles_;
  PadAttrs a_;
  int64_t count_;
  PadView view_;
};

class ReduceMean : public GpuLayer {
 public:
  explicit ReduceMean(const LayerSetup& s)
      : handles_(s.handles),
        count_(s.out(0).numel()),
        views_(reduce_mean_views(s.in(0), s.node.as<ReduceMeanAttrs>())) {}
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(launch_reduce_mean(handles_.storage(), in[0], out[0], count_, views_.kept, views_.reduced,
                             views_.reduced_count, handles_.stream()),
          "reduce-mean kernel");
  }

 private:
  Handles& handles_;
  int64_t count_;
  ReduceViews views_;
};

}  // namespace

std::unique_ptr<GpuLayer> make_copy(const LayerSetup& s) {
  return std::make_unique<Copy>(s);
}

std::unique_ptr<GpuLayer> make_concat(const LayerSetup& s) {
  return std::make_unique<Concat>(s);
}

std::unique_ptr<GpuLayer> make_split(const LayerSetup& s) {
  return std::make_unique<Split>(s);
}

std::unique_ptr<GpuLayer> make_slice(const LayerSetup& s) {
  return std::make_unique<Gather>(s, slice_view(s.in(0), s.out(0), s.node.as<SliceAttrs>()));
}

std::unique_ptr<GpuLayer> make_transpose(const LayerSetup& s) {
  return std::make_unique<Gather>(s,
                                  transpose_view(s.in(0), s.out(0), s.node.as<TransposeAttrs>()));
}

std::unique_ptr<GpuLayer> make_binary(const LayerSetup& s) {
  return std::make_unique<Binary>(s);
}

std::unique_ptr<GpuLayer> make_pad(const LayerSetup& s) {
  return std::make_unique<Pad>(s);
}

std::unique_ptr<GpuLayer> make_reduce_mean(const LayerSetup& s) {
  return std::make_unique<ReduceMean>(s);
}

}  // namespace synergy::cudnn
