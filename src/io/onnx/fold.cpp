#include "io/onnx/fold.hpp"

#include <algorithm>
#include <unordered_map>

#include "io/onnx/attributes.hpp"
#include "util/checked.hpp"
#include "util/error.hpp"

namespace synergy::onnx_io {
namespace {

using Tensors = std::vector<ConstTensor>;

const ConstTensor& arg(const FoldArgs& a, size_t i) {
  if (i >= a.inputs.size() || !a.inputs[i]) {
    throw bad_input("input " + std::to_string(i) + " is required");
  }
  return *a.inputs[i];
}

int64_t axis_in(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank) {
    throw bad_input("axis " + std::to_string(axis) + " out of range for rank " +
                    std::to_string(rank));
  }
  return axis < 0 ? axis + rank : axis;
}

int64_t checked_count(const Dims& dims) {
  const int64_t n = element_count(dims);
  if (n > kMaxFoldedElements)
    throw bad_input("constant of " + std::to_string(n) + " elements is too large to fold");
  return n;
}

// Multi-index of flat position `flat` in `dims` (row-major).
Dims unflatten(int64_t flat, const Dims& dims) {
  Dims idx(dims.size());
  for (size_t i = dims.size(); i-- > 0;) {
    idx[i] = dims[i] ? flat % dims[i] : 0;
    flat = dims[i] ? flat / dims[i] : 0;
  }
  return idx;
}

int64_t flatten(const Dims& idx, const Dims& dims) {
  int64_t flat = 0;
  for (size_t i = 0; i < dims.size(); ++i) flat = flat * dims[i] + idx[i];
  return flat;
}

// A tensor of `dims` whose element i is src's element source(i).
template <class Source>
ConstTensor gather_elements(const ConstTensor& src, Dims dims, Source source) {
  const int64_t n = checked_count(dims);
  ConstTensor out;
  out.is_float = src.is_float;
  out.dims = std::move(dims);
  for (int64_t i = 0; i < n; ++i) {
    const auto s = static_cast<size_t>(source(i));
    if (src.is_float) {
      out.floats.push_back(src.floats.at(s));
    } else {
      out.ints.push_back(src.ints.at(s));
    }
  }
  return out;
}

Tensors identity(const FoldArgs& a) {
  return {arg(a, 0)};
}

Tensors cast(const FoldArgs& a) {
  const ConstTensor& x = arg(a, 0);
  const int64_t to = attr_int(a.node, "to", 1);
  const bool to_float = to == 1 || to == 10 || to == 11 || to == 16;
  if (to_float) return {ConstTensor::of_floats(x.dims, x.to_floats())};
  std::vector<int64_t> v = x.to_ints();
  if (to == 9) {
    for (auto& e : v) e = e != 0;
  }
  return {ConstTensor::of_ints(x.dims, std::move(v))};
}

Tensors shape_of_constant(const FoldArgs& a) {
  return {fold_shape(a.node, arg(a, 0).dims)};
}

Tensors gather(const FoldArgs& a) {
  const ConstTensor& data = arg(a, 0);
  const ConstTensor& idx = arg(a, 1);
  const auto rank = static_cast<int64_t>(data.dims.size());
  if (rank == 0) throw bad_input("Gather of a scalar");
  const auto axis = static_cast<size_t>(axis_in(attr_int(a.node, "axis", 0), rank));
  Dims dims(data.dims.begin(), data.dims.begin() + static_cast<std::ptrdiff_t>(axis));
  dims.insert(dims.end(), idx.dims.begin(), idx.dims.end());
  dims.insert(dims.end(), data.dims.begin() + static_cast<std::ptrdiff_t>(axis) + 1,
              data.dims.end());
  const std::vector<int64_t> indices = idx.to_ints();
  const int64_t extent = data.dims[axis];
  return {gather_elements(data, dims, [&](int64_t flat) {
    Dims out = unflatten(flat, dims);
    Dims src(data.dims.size());
    for (size_t i = 0; i < axis; ++i) src[i] = out[i];
    const Dims at(out.begin() + static_cast<std::ptrdiff_t>(axis),
                  out.begin() + static_cast<std::ptrdiff_t>(axis + idx.dims.size()));
    int64_t k = indices.at(static_cast<size_t>(flatten(at, idx.dims)));
    if (k < -extent || k >= extent)
      throw bad_input("Gather index " + std::to_string(k) + " out of range");
    src[axis] = k < 0 ? k + extent : k;
    for (size_t i = axis + 1; i < data.dims.size(); ++i) src[i] = out[i - 1 + idx.dims.size()];
    return flatten(src, data.dims);
  })};
}

std::vector<int64_t> axes_of(const FoldArgs& a, size_t input) {
  if (a.opset >= 13 && input < a.inputs.size() && a.inputs[input])
    return a.inputs[input]->to_ints();
  return attr_ints(a.node, "axes").value_or(std::vector<int64_t>{});
}

Tensors unsqueeze(const FoldArgs& a) {
  const ConstTensor& x = arg(a, 0);
  std::vector<int64_t> axes = axes_of(a, 1);
  const auto rank = static_cast<int64_t>(x.dims.size() + axes.size());
  std::vector<bool> inserted(static_cast<size_t>(rank), false);
  for (int64_t ax : axes) {
    auto slot = inserted[static_cast<size_t>(axis_in(ax, rank))];
    if (slot) throw bad_input("Unsqueeze repeats an axis");
    slot = true;
  }
  ConstTensor out = x;
  out.dims.clear();
  size_t next = 0;
  for (int64_t i = 0; i < rank; ++i)
    out.dims.push_back(inserted[static_cast<size_t>(i)] ? 1 : x.dims.at(next++));
  return {out};
}

Tensors squeeze(const FoldArgs& a) {
  const ConstTensor& x = arg(a, 0);
  std::vector<int64_t> axes = axes_of(a, 1);
  const auto rank = static_cast<int64_t>(x.dims.size());
  std::vector<bool> drop(x.dims.size(), axes.empty());
  for (int64_t ax : axes) drop[static_cast<size_t>(axis_in(ax, rank))] = true;
  ConstTensor out = x;
  out.dims.clear();
  for (size_t i = 0; i < x.dims.size(); ++i) {
    if (drop[i] && x.dims[i] != 1 && !axes.empty())
      throw bad_input("Squeeze of an axis that is not 1");
    if (!(drop[i] && x.dims[i] == 1)) out.dims.push_back(x.dims[i]);
  }
  return {out};
}

Tensors concat(const FoldArgs& a) {
  if (a.inputs.empty()) throw bad_input("Concat without inputs");
  const ConstTensor& first = arg(a, 0);
  const auto rank = static_cast<int64_t>(first.dims.size());
  if (rank == 0) throw bad_input("Concat of scalars");
  const auto axis = static_cast<size_t>(axis_in(attr_int(a.node, "axis", 0), rank));
  ConstTensor out;
  out.is_float = first.is_float;
  out.dims = first.dims;
  out.dims[axis] = 0;
  for (size_t i = 0; i < a.inputs.size(); ++i) {
    const ConstTensor& t = arg(a, i);
    if (t.dims.size() != first.dims.size()) throw bad_input("Concat inputs differ in rank");
    for (size_t d = 0; d < t.dims.size(); ++d) {
      if (d != axis && t.dims[d] != first.dims[d]) throw bad_input("Concat inputs differ in shape");
    }
    out.dims[axis] = checked_add(out.dims[axis], t.dims[axis]);
  }
  checked_count(out.dims);
  int64_t outer = 1;
  for (size_t d = 0; d < axis; ++d) outer *= first.dims[d];
  std::vector<ConstTensor> parts;
  for (size_t i = 0; i < a.inputs.size(); ++i) {
    const ConstTensor& t = arg(a, i);
    parts.push_back(first.is_float ? ConstTensor::of_floats(t.dims, t.to_floats())
                                   : ConstTensor::of_ints(t.dims, t.to_ints()));
  }
  for (int64_t o = 0; o < outer; ++o) {
    for (const ConstTensor& t : parts) {
      const int64_t block = t.size() / outer;
      for (int64_t k = 0; k < block; ++k) {
        const auto s = static_cast<size_t>(o * block + k);
        if (out.is_float) {
          out.floats.push_back(t.floats[s]);
        } else {
          out.ints.push_back(t.ints[s]);
        }
      }
    }
  }
  return {out};
}

Tensors reshape(const FoldArgs& a) {
  const ConstTensor& x = arg(a, 0);
  const std::vector<int64_t> target = arg(a, 1).to_ints();
  Dims dims;
  int64_t known = 1, infer_at = -1;
  for (size_t i = 0; i < target.size(); ++i) {
    int64_t d = target[i];
    if (d == 0) {
      if (i >= x.dims.size()) throw bad_input("Reshape 0 beyond the input's rank");
      d = x.dims[i];
    }
    if (d == -1) {
      if (infer_at >= 0) throw bad_input("Reshape has more than one -1");
      infer_at = static_cast<int64_t>(i);
      dims.push_back(1);
      continue;
    }
    if (d < 0) throw bad_input("Reshape to a negative dimension");
    known = checked_mul(known, d);
    dims.push_back(d);
  }
  if (infer_at >= 0) {
    if (known == 0 || x.size() % known) throw bad_input("Reshape size mismatch");
    dims[static_cast<size_t>(infer_at)] = x.size() / known;
  }
  if (element_count(dims) != x.size()) throw bad_input("Reshape size mismatch");
  ConstTensor out = x;
  out.dims = dims;
  return {out};
}

Tensors transpose(const FoldArgs& a) {
  const ConstTensor& x = arg(a, 0);
  const size_t rank = x.dims.size();
  std::vector<int64_t> perm = attr_ints(a.node, "perm").value_or(std::vector<int64_t>{});
  if (perm.empty()) {
    for (size_t i = rank; i-- > 0;) perm.push_back(static_cast<int64_t>(i));
  }
  if (perm.size() != rank) throw bad_input("Transpose perm length differs from rank");
  Dims dims(rank);
  std::vector<bool> seen(rank, false);
  for (size_t i = 0; i < rank; ++i) {
    const auto p = static_cast<size_t>(axis_in(perm[i], static_cast<int64_t>(rank)));
    if (seen[p]) throw bad_input("Transpose perm repeats an axis");
    seen[p] = true;
    perm[i] = static_cast<int64_t>(p);
    dims[i] = x.dims[p];
  }
  return {gather_elements(x, dims, [&](int64_t flat) {
    const Dims out = unflatten(flat, dims);
    Dims src(rank);
    for (size_t i = 0; i < rank; ++i) src[static_cast<size_t>(perm[i])] = out[i];
    return flatten(src, x.dims);
  })};
}

struct AxisRange {
  int64_t start = 0, step = 1, count = 0;
};

AxisRange slice_range(int64_t dim, int64_t start, int64_t end, int64_t step) {
  if (step == 0) throw bad_input("Slice step is 0");
  step = std::clamp(step, -dim - 1, dim + 1);  // a larger stride selects the same elements
  auto clamp = [&](int64_t v, int64_t lo, int64_t hi) {
    if (v < 0) v = v < -dim ? lo : v + dim;
    return std::clamp(v, lo, hi);
  };
  AxisRange r{0, step, 0};
  if (step > 0) {
    r.start = clamp(start, 0, dim);
    const int64_t e = clamp(end, 0, dim);
    r.count = e > r.start ? (e - r.start - 1) / step + 1 : 0;
  } else {
    r.start = clamp(start, -1, dim - 1);
    const int64_t e = clamp(end, -1, dim - 1);
    r.count = r.start > e ? (r.start - e - 1) / -step + 1 : 0;
  }
  return r;
}

Tensors slice(const FoldArgs& a) {
  const ConstTensor& x = arg(a, 0);
  const auto rank = static_cast<int64_t>(x.dims.size());
  std::vector<int64_t> starts, ends, axes, steps;
  if (a.opset >= 10) {
    starts = arg(a, 1).to_ints();
    ends = arg(a, 2).to_ints();
    if (a.inputs.size() > 3 && a.inputs[3]) axes = a.inputs[3]->to_ints();
    if (a.inputs.size() > 4 && a.inputs[4]) steps = a.inputs[4]->to_ints();
  } else {
    starts = attr_ints(a.node, "starts").value_or(std::vector<int64_t>{});
    ends = attr_ints(a.node, "ends").value_or(std::vector<int64_t>{});
    axes = attr_ints(a.node, "axes").value_or(std::vector<int64_t>{});
  }
  if (ends.size() != starts.size() || (!axes.empty() && axes.size() != starts.size()) ||
      (!steps.empty() && steps.size() != starts.size())) {
    throw bad_input("Slice starts, ends, axes and steps differ in length");
  }
  std::vector<AxisRange> ranges;
  for (int64_t d : x.dims) ranges.push_back({0, 1, d});
  for (size_t i = 0; i < starts.size(); ++i) {
    const auto ax =
        static_cast<size_t>(axis_in(axes.empty() ? static_cast<int64_t>(i) : axes[i], rank));
    ranges[ax] = slice_range(x.dims[ax], starts[i], ends[i], steps.empty() ? 1 : steps[i]);
  }
  Dims dims;
  for (const auto& r : ranges) dims.push_back(r.count);
  return {gather_elements(x, dims, [&](int64_t flat) {
    Dims idx = unflatten(flat, dims);
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = ranges[i].start + idx[i] * ranges[i].step;
    return flatten(idx, x.dims);
  })};
}

Tensors constant_of_shape(const FoldArgs& a) {
  const Dims dims = arg(a, 0).to_ints();
  const int64_t n = checked_count(dims);
  const auto value = attr_tensor(a.node, "value");
  if (value && value->size() != 1) throw bad_input("ConstantOfShape value must have one element");
  const auto count = static_cast<size_t>(n);
  if (!value) return {ConstTensor::of_floats(dims, std::vector<float>(count, 0.0f))};
  if (value->is_float)
    return {ConstTensor::of_floats(dims, std::vector<float>(count, value->floats[0]))};
  return {ConstTensor::of_ints(dims, std::vector<int64_t>(count, value->ints[0]))};
}

enum class Arith { Add, Sub, Mul, Div };

int64_t apply_int(Arith op, int64_t x, int64_t y) {
  switch (op) {
    case Arith::Add:
      return checked_add(x, y);
    case Arith::Sub:
      if (y == INT64_MIN) throw bad_input("integer overflow in Sub");
      return checked_add(x, -y);
    case Arith::Mul:
      return checked_mul(x, y);
    case Arith::Div:
      if (y == 0) throw bad_input("integer division by zero");
      if (x == INT64_MIN && y == -1) throw bad_input("integer overflow in Div");
      return x / y;
  }
  return 0;
}

float apply_float(Arith op, float x, float y) {
  switch (op) {
    case Arith::Add:
      return x + y;
    case Arith::Sub:
      return x - y;
    case Arith::Mul:
      return x * y;
    case Arith::Div:
      return x / y;
  }
  return 0;
}

// Numpy broadcasting of two constants.
Tensors arith(const FoldArgs& a, Arith op) {
  const ConstTensor& x = arg(a, 0);
  const ConstTensor& y = arg(a, 1);
  const size_t rank = std::max(x.dims.size(), y.dims.size());
  auto padded = [&](const Dims& d) {
    Dims p(rank - d.size(), 1);
    p.insert(p.end(), d.begin(), d.end());
    return p;
  };
  const Dims px = padded(x.dims), py = padded(y.dims);
  Dims dims(rank);
  for (size_t i = 0; i < rank; ++i) {
    if (px[i] != py[i] && px[i] != 1 && py[i] != 1) throw bad_input("shapes do not broadcast");
    dims[i] = px[i] == 1 ? py[i] : px[i];
  }
  const int64_t n = checked_count(dims);
  auto source = [&](const Dims& in, int64_t flat) {
    Dims idx = unflatten(flat, dims);
    for (size_t i = 0; i < rank; ++i)
      if (in[i] == 1) idx[i] = 0;
    return flatten(idx, in);
  };
  const bool as_float = x.is_float || y.is_float;
  ConstTensor out;
  out.is_float = as_float;
  out.dims = dims;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t ix = source(px, i), iy = source(py, i);
    if (as_float) {
      out.floats.push_back(apply_float(op, x.float_at(ix), y.float_at(iy)));
    } else {
      out.ints.push_back(
          apply_int(op, x.ints[static_cast<size_t>(ix)], y.ints[static_cast<size_t>(iy)]));
    }
  }
  return {out};
}

Tensors add(const FoldArgs& a) {
  return arith(a, Arith::Add);
}
Tensors sub(const FoldArgs& a) {
  return arith(a, Arith::Sub);
}
Tensors mul(const FoldArgs& a) {
  return arith(a, Arith::Mul);
}
Tensors div(const FoldArgs& a) {
  return arith(a, Arith::Div);
}

}  // namespace

ConstTensor fold_shape(const OnnxNode& node, const Dims& dims) {
  const auto rank = static_cast<int64_t>(dims.size());
  auto clamp_axis = [&](int64_t v) { return std::clamp(v < 0 ? v + rank : v, int64_t{0}, rank); };
  const int64_t start = clamp_axis(attr_int(node, "start", 0));
  const int64_t end = clamp_axis(attr_int(node, "end", rank));
  Dims v;
  for (int64_t i = start; i < end; ++i) v.push_back(dims[static_cast<size_t>(i)]);
  const auto n = static_cast<int64_t>(v.size());
  return ConstTensor::of_ints({n}, std::move(v));
}

FoldRule fold_rule(std::string_view op) {
  static const std::unordered_map<std::string_view, FoldRule> rules{
      {"Identity", identity},
      {"Cast", cast},
      {"Shape", shape_of_constant},
      {"Gather", gather},
      {"Unsqueeze", unsqueeze},
      {"Squeeze", squeeze},
      {"Concat", concat},
      {"Reshape", reshape},
      {"Transpose", transpose},
      {"Slice", slice},
      {"ConstantOfShape", constant_of_shape},
      {"Add", add},
      {"Sub", sub},
      {"Mul", mul},
      {"Div", div},
  };
  auto it = rules.find(op);
  return it == rules.end() ? nullptr : it->second;
}

}  // namespace synergy::onnx_io
