#include "io/caffe/text_writer.hpp"

#include <charconv>

namespace synergy::caffe {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte == 0x7f) {
      const char digits[] = {'\\', static_cast<char>('0' + (byte >> 6)),
                             static_cast<char>('0' + ((byte >> 3) & 7)),
                             static_cast<char>('0' + (byte & 7)), '\0'};
      out += digits;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

void TextWriter::line(const std::string& s) {
  out_.append(static_cast<size_t>(depth_) * 2, ' ');
  out_ += s;
  out_ += '\n';
}

void TextWriter::open(const std::string& name) {
  line(name + " {");
  ++depth_;
}

void TextWriter::close() {
  --depth_;
  line("}");
}

void TextWriter::int_field(const std::string& name, int64_t value) {
  line(name + ": " + std::to_string(value));
}

void TextWriter::float_field(const std::string& name, double value) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, static_cast<float>(value));
  line(name + ": " + std::string(buf, res.ptr));
}

void TextWriter::bool_field(const std::string& name, bool value) {
  line(name + ": " + (value ? "true" : "false"));
}

void TextWriter::string_field(const std::string& name, const std::string& value) {
  line(name + ": " + quote(value));
}

void TextWriter::enum_field(const std::string& name, const std::string& value) {
  line(name + ": " + value);
}

}  // namespace synergy::caffe
