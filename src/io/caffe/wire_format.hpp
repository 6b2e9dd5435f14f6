// Minimal protobuf wire-format reader: varints, fixed32/64, length-delimited fields, packed arrays.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace synergy::caffe {

enum class WireType { Varint = 0, Fixed64 = 1, Bytes = 2, Fixed32 = 5 };

struct WireField {
  uint32_t number = 0;
  WireType type = WireType::Varint;
  uint64_t varint = 0;     // Varint
  std::string_view bytes;  // Bytes, and the raw 4 or 8 bytes of Fixed32/Fixed64
};

// Reads the fields of one message in order. Throws bad_input on truncation, a bad varint, field
// number 0 or an unsupported wire type (groups).
class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}
  bool done() const { return pos_ >= data_.size(); }
  WireField next();

 private:
  uint64_t read_varint();
  std::string_view take(uint64_t n);

  std::string_view data_;
  size_t pos_ = 0;
};

// Repeated scalars, accepting both the packed (Bytes) and the one-per-field encodings.
void append_floats(const WireField& f, std::vector<float>& out);   // float: fixed32
void append_doubles(const WireField& f, std::vector<float>& out);  // double: fixed64, narrowed
void append_varints(const WireField& f, std::vector<int64_t>& out);

}  // namespace synergy::caffe
