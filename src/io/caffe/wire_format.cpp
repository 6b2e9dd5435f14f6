#include "io/caffe/wire_format.hpp"

#include <bit>
#include <string>

#include "util/error.hpp"

namespace synergy::caffe {
namespace {

uint64_t little_endian(std::string_view b) {
  uint64_t v = 0;
  for (size_t i = b.size(); i-- > 0;) v = (v << 8) | static_cast<unsigned char>(b[i]);
  return v;
}

void require(const WireField& f, WireType scalar, const char* what) {
  if (f.type != scalar && f.type != WireType::Bytes) {
    throw bad_input("field " + std::to_string(f.number) + " should hold " + what +
                    " but has wire type " + std::to_string(static_cast<int>(f.type)));
  }
}

void packed_size(const WireField& f, size_t width, const char* what) {
  if (f.bytes.size() % width != 0) {
    throw bad_input("packed " + std::string(what) + " field " + std::to_string(f.number) + " has " +
                    std::to_string(f.bytes.size()) + " bytes, not a multiple of " +
                    std::to_string(width));
  }
}

// Decodes the varint at `pos` and moves `pos` past it.
uint64_t decode_varint(std::string_view data, size_t& pos) {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= data.size()) throw bad_input("truncated varint at byte " + std::to_string(pos));
    const auto byte = static_cast<unsigned char>(data[pos++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  throw bad_input("varint longer than 10 bytes at byte " + std::to_string(pos));
}

}  // namespace

uint64_t WireReader::read_varint() {
  return decode_varint(data_, pos_);
}

std::string_view WireReader::take(uint64_t n) {
  if (n > data_.size() - pos_) {
    throw bad_input("field of " + std::to_string(n) + " bytes runs past the end (byte " +
                    std::to_string(pos_) + " of " + std::to_string(data_.size()) + ")");
  }
  std::string_view out = data_.substr(pos_, static_cast<size_t>(n));
  pos_ += static_cast<size_t>(n);
  return out;
}

WireField WireReader::next() {
  const size_t at = pos_;
  const uint64_t key = read_varint();
  WireField f;
  if ((key >> 3) == 0 || (key >> 3) > 0x1fffffff) {
    throw bad_input("invalid field number at byte " + std::to_string(at));
  }
  f.number = static_cast<uint32_t>(key >> 3);
  switch (key & 7) {
    case 0:
      f.type = WireType::Varint;
      f.varint = read_varint();
      break;
    case 1:
      f.type = WireType::Fixed64;
      f.bytes = take(8);
      break;
    case 2:
      f.type = WireType::Bytes;
      f.bytes = take(read_varint());
      break;
    case 5:
      f.type = WireType::Fixed32;
      f.bytes = take(4);
      break;
    default:
      throw bad_input("unsupported wire type " + std::to_string(key & 7) + " at byte " +
                      std::to_string(at));
  }
  return f;
}

void append_floats(const WireField& f, std::vector<float>& out) {
  require(f, WireType::Fixed32, "floats");
  if (f.type == WireType::Bytes) packed_size(f, 4, "float");
  for (size_t i = 0; i + 4 <= f.bytes.size(); i += 4) {
    out.push_back(std::bit_cast<float>(static_cast<uint32_t>(little_endian(f.bytes.substr(i, 4)))));
  }
}

void append_doubles(const WireField& f, std::vector<float>& out) {
  require(f, WireType::Fixed64, "doubles");
  if (f.type == WireType::Bytes) packed_size(f, 8, "double");
  for (size_t i = 0; i + 8 <= f.bytes.size(); i += 8) {
    out.push_back(static_cast<float>(std::bit_cast<double>(little_endian(f.bytes.substr(i, 8)))));
  }
}

void append_varints(const WireField& f, std::vector<int64_t>& out) {
  require(f, WireType::Varint, "integers");
  if (f.type == WireType::Varint) {
    out.push_back(static_cast<int64_t>(f.varint));
    return;
  }
  for (size_t pos = 0; pos < f.bytes.size();) {
    out.push_back(static_cast<int64_t>(decode_varint(f.bytes, pos)));
  }
}

}  // namespace synergy::caffe
