#include "engine/npy.hpp"

#include <cctype>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "util/checked.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

constexpr std::string_view kMagic{"\x93NUMPY", 6};

// The header is a Python dict literal; we accept exactly the three keys NumPy writes.
class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& what) : s_(text), what_(what) {}

  std::map<std::string, std::string> parse_dict() {
    std::map<std::string, std::string> out;
    expect('{');
    while (true) {
      skip_space();
      if (peek() == '}') break;
      const std::string key = parse_string();
      expect(':');
      skip_space();
      std::string value = peek() == '(' ? parse_tuple() : peek() == '\'' ? parse_string() : word();
      if (!out.emplace(key, std::move(value)).second) fail("key '" + key + "' repeats");
      skip_space();
      if (peek() == ',') ++i_;
    }
    expect('}');
    skip_space();
    if (i_ != s_.size()) fail("trailing text after the header dict");
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw bad_input(what_ + ": malformed .npy header (" + why + ")");
  }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  std::string parse_string() {
    expect('\'');
    const size_t end = s_.find('\'', i_);
    if (end == std::string_view::npos) fail("unterminated string");
    std::string v(s_.substr(i_, end - i_));
    i_ = end + 1;
    return v;
  }
  std::string parse_tuple() {
    const size_t end = s_.find(')', i_);
    if (end == std::string_view::npos) fail("unterminated shape tuple");
    std::string v(s_.substr(i_, end + 1 - i_));
    i_ = end + 1;
    return v;
  }
  std::string word() {
    const size_t start = i_;
    while (i_ < s_.size() && std::isalnum(static_cast<unsigned char>(s_[i_]))) ++i_;
    if (i_ == start) fail("expected a value");
    return std::string(s_.substr(start, i_ - start));
  }

  std::string_view s_;
  const std::string& what_;
  size_t i_ = 0;
};

// "(1, 3, 224, 224)", "(5,)" or "()".
Shape parse_shape(const std::string& tuple, const std::string& what) {
  Shape shape;
  std::string inner = tuple.substr(1, tuple.size() - 2);
  std::stringstream ss(inner);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const size_t a = item.find_first_not_of(" \t"), b = item.find_last_not_of(" \t");
    if (a == std::string::npos) {
      if (ss.eof()) break;  // trailing comma of a 1-tuple
      throw bad_input(what + ": malformed .npy shape " + tuple);
    }
    const std::string digits = item.substr(a, b + 1 - a);
    if (digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos) {
      throw bad_input(what + ": malformed .npy shape " + tuple);
    }
    shape.dims.push_back(std::stoll(digits));
  }
  return shape;
}

uint32_t read_le(std::string_view bytes, size_t at, size_t width) {
  uint32_t v = 0;
  for (size_t k = 0; k < width; ++k) {
    v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + k])) << (8 * k);
  }
  return v;
}

}  // namespace

Tensor parse_npy(std::string_view bytes, const std::string& what) {
  if (bytes.size() < 10 || bytes.substr(0, 6) != kMagic) {
    throw bad_input(what + ": not a .npy file (no \\x93NUMPY magic)");
  }
  const auto major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3) {
    throw bad_input(what + ": unsupported .npy version " + std::to_string(major));
  }
  const size_t len_width = major == 1 ? 2 : 4;
  if (bytes.size() < 8 + len_width) throw bad_input(what + ": truncated .npy header");
  const size_t header_len = read_le(bytes, 8, len_width);
  const size_t data_at = 8 + len_width + header_len;
  if (data_at > bytes.size()) throw bad_input(what + ": truncated .npy header");
  auto dict = HeaderParser(bytes.substr(8 + len_width, header_len), what).parse_dict();
  if (dict.size() != 3 || !dict.count("descr") || !dict.count("fortran_order") ||
      !dict.count("shape")) {
    throw bad_input(what + ": .npy header needs exactly descr, fortran_order and shape");
  }
  if (dict["descr"] != "<f4") {
    throw bad_input(what + ": dtype '" + dict["descr"] +
                    "' is not little-endian float32 ('<f4'); convert with "
                    "numpy: x.astype(numpy.float32)");
  }
  if (dict["fortran_order"] != "False") {
    throw bad_input(what +
                    ": Fortran-order arrays are not supported; save a C-order array "
                    "(numpy.ascontiguousarray)");
  }
  const std::string& tuple = dict["shape"];
  if (tuple.empty() || tuple.front() != '(') throw bad_input(what + ": malformed .npy shape");
  Tensor t;
  t.shape = parse_shape(tuple, what);
  const int64_t count = t.shape.numel();
  const int64_t expected = checked_mul(count, 4, "npy size");
  if (static_cast<int64_t>(bytes.size() - data_at) != expected) {
    throw bad_input(what + ": shape " + t.shape.str() + " needs " + std::to_string(expected) +
                    " data bytes, file has " + std::to_string(bytes.size() - data_at));
  }
  t.data.resize(static_cast<size_t>(count));
  if (expected > 0)
    std::memcpy(t.data.data(), bytes.data() + data_at, static_cast<size_t>(expected));
  return t;
}

Tensor read_npy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw bad_input("cannot open '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_npy(buffer.str(), path);
}

std::string format_npy(const Tensor& tensor) {
  if (static_cast<int64_t>(tensor.data.size()) != tensor.shape.numel()) {
    throw bad_input("tensor of shape " + tensor.shape.str() + " holds " +
                    std::to_string(tensor.data.size()) + " values");
  }
  std::string shape = "(";
  for (size_t i = 0; i < tensor.shape.rank(); ++i) {
    shape += std::to_string(tensor.shape[i]) + (tensor.shape.rank() == 1 ? "," : "");
    if (i + 1 < tensor.shape.rank()) shape += ", ";
  }
  shape += ")";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  if (header.size() > 65535) throw bad_input("tensor rank too large for a .npy v1 header");
  std::string out(kMagic);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(reinterpret_cast<const char*>(tensor.data.data()), tensor.data.size() * sizeof(float));
  return out;
}

void write_npy(const std::string& path, const Tensor& tensor) {
  const std::string bytes = format_npy(tensor);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw unavailable("cannot write '" + path + "'");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw unavailable("failed writing '" + path + "'");
}

}  // namespace synergy
