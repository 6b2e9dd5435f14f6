#include "io/onnx/tensor.hpp"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstring>

#include "util/checked.hpp"
#include "util/error.hpp"

namespace synergy::onnx_io {
namespace {

using onnx::TensorProto;

template <class T>
std::vector<T> from_raw(const std::string& raw, int64_t n, const std::string& name) {
  if (static_cast<int64_t>(raw.size()) != checked_mul(n, sizeof(T), "tensor bytes")) {
    throw bad_input("tensor '" + name + "' has " + std::to_string(raw.size()) +
                    " data bytes, its shape needs " + std::to_string(n * sizeof(T)));
  }
  std::vector<T> out(static_cast<size_t>(n));
  if (n > 0) std::memcpy(out.data(), raw.data(), raw.size());
  return out;
}

template <class Field>
void require_count(const Field& field, int64_t n, const std::string& name) {
  if (field.size() != n) {
    throw bad_input("tensor '" + name + "' has " + std::to_string(field.size()) +
                    " values, its shape needs " + std::to_string(n));
  }
}

float narrow(double d) {
  if (std::isnan(d)) return NAN;
  if (d > 3.4e38) return INFINITY;
  if (d < -3.4e38) return -INFINITY;
  return static_cast<float>(d);
}

ConstTensor decode_float(const TensorProto& p, Dims dims, int64_t n) {
  if (p.has_raw_data())
    return ConstTensor::of_floats(dims, from_raw<float>(p.raw_data(), n, p.name()));
  require_count(p.float_data(), n, p.name());
  return ConstTensor::of_floats(dims, {p.float_data().begin(), p.float_data().end()});
}

ConstTensor decode_double(const TensorProto& p, Dims dims, int64_t n) {
  std::vector<double> d;
  if (p.has_raw_data()) {
    d = from_raw<double>(p.raw_data(), n, p.name());
  } else {
    require_count(p.double_data(), n, p.name());
    d.assign(p.double_data().begin(), p.double_data().end());
  }
  std::vector<float> f(d.size());
  for (size_t i = 0; i < d.size(); ++i) f[i] = narrow(d[i]);
  return ConstTensor::of_floats(dims, std::move(f));
}

ConstTensor decode_int64(const TensorProto& p, Dims dims, int64_t n) {
  if (p.has_raw_data())
    return ConstTensor::of_ints(dims, from_raw<int64_t>(p.raw_data(), n, p.name()));
  require_count(p.int64_data(), n, p.name());
  return ConstTensor::of_ints(dims, {p.int64_data().begin(), p.int64_data().end()});
}

ConstTensor decode_int32(const TensorProto& p, Dims dims, int64_t n) {
  std::vector<int64_t> v;
  if (p.has_raw_data()) {
    for (int32_t x : from_raw<int32_t>(p.raw_data(), n, p.name())) v.push_back(x);
  } else {
    require_count(p.int32_data(), n, p.name());
    v.assign(p.int32_data().begin(), p.int32_data().end());
  }
  return ConstTensor::of_ints(dims, std::move(v));
}

ConstTensor decode_bool(const TensorProto& p, Dims dims, int64_t n) {
  std::vector<int64_t> v;
  if (p.has_raw_data()) {
    for (uint8_t x : from_raw<uint8_t>(p.raw_data(), n, p.name())) v.push_back(x != 0);
  } else {
    require_count(p.int32_data(), n, p.name());
    for (int32_t x : p.int32_data()) v.push_back(x != 0);
  }
  return ConstTensor::of_ints(dims, std::move(v));
}

}  // namespace

int64_t element_count(const Dims& dims) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0) throw bad_input("negative dimension " + std::to_string(d));
    n = checked_mul(n, d, "tensor size");
  }
  return n;
}

int64_t ConstTensor::int_at(int64_t i) const {
  if (!is_float) return ints[static_cast<size_t>(i)];
  const float f = floats[static_cast<size_t>(i)];
  if (!std::isfinite(f) || std::fabs(f) > 9.0e18f) {
    throw bad_input("value " + std::to_string(f) + " is not a usable integer");
  }
  return static_cast<int64_t>(f);
}

float ConstTensor::float_at(int64_t i) const {
  return is_float ? floats[static_cast<size_t>(i)]
                  : static_cast<float>(ints[static_cast<size_t>(i)]);
}

std::vector<int64_t> ConstTensor::to_ints() const {
  std::vector<int64_t> v(static_cast<size_t>(size()));
  for (int64_t i = 0; i < size(); ++i) v[static_cast<size_t>(i)] = int_at(i);
  return v;
}

std::vector<float> ConstTensor::to_floats() const {
  std::vector<float> v(static_cast<size_t>(size()));
  for (int64_t i = 0; i < size(); ++i) v[static_cast<size_t>(i)] = float_at(i);
  return v;
}

ConstTensor ConstTensor::of_ints(Dims dims, std::vector<int64_t> values) {
  ConstTensor t;
  t.is_float = false;
  t.dims = std::move(dims);
  t.ints = std::move(values);
  return t;
}

ConstTensor ConstTensor::of_floats(Dims dims, std::vector<float> values) {
  ConstTensor t;
  t.dims = std::move(dims);
  t.floats = std::move(values);
  return t;
}

ConstTensor decode_tensor(const TensorProto& p) {
  const std::string& name = p.name();
  if (p.data_location() == TensorProto::EXTERNAL) {
    throw bad_input("tensor '" + name + "' is stored in an external data file (not supported)");
  }
  if (p.has_segment()) throw bad_input("tensor '" + name + "' is segmented (not supported)");
  Dims dims(p.dims().begin(), p.dims().end());
  int64_t n = 0;
  try {
    n = element_count(dims);
  } catch (const Error& e) {
    throw bad_input("tensor '" + name + "': " + e.what());
  }
  switch (p.data_type()) {
    case TensorProto::FLOAT:
      return decode_float(p, std::move(dims), n);
    case TensorProto::DOUBLE:
      return decode_double(p, std::move(dims), n);
    case TensorProto::INT64:
      return decode_int64(p, std::move(dims), n);
    case TensorProto::INT32:
      return decode_int32(p, std::move(dims), n);
    case TensorProto::BOOL:
      return decode_bool(p, std::move(dims), n);
    default:
      throw bad_input("tensor '" + name + "' has data type " + std::to_string(p.data_type()) +
                      " (supported: float, double, int32, int64, bool)");
  }
}

void encode_floats(TensorProto& proto, const std::string& name, const Dims& dims,
                   std::span<const float> values) {
  proto.set_name(name);
  proto.set_data_type(TensorProto::FLOAT);
  for (int64_t d : dims) proto.add_dims(d);
  proto.set_raw_data(
      std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)));
}

void encode_ints(TensorProto& proto, const std::string& name, const Dims& dims,
                 std::span<const int64_t> values) {
  proto.set_name(name);
  proto.set_data_type(TensorProto::INT64);
  for (int64_t d : dims) proto.add_dims(d);
  proto.set_raw_data(
      std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(int64_t)));
}

}  // namespace synergy::onnx_io
