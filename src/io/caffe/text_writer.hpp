// Writes protobuf text format with two-space indentation.
#pragma once

#include <cstdint>
#include <string>

namespace synergy::caffe {

class TextWriter {
 public:
  void open(const std::string& name);  // name {
  void close();                        // }
  void int_field(const std::string& name, int64_t value);
  void float_field(const std::string& name, double value);  // shortest text that reads back
  void bool_field(const std::string& name, bool value);
  void string_field(const std::string& name, const std::string& value);  // quoted, escaped
  void enum_field(const std::string& name, const std::string& value);    // bare identifier
  const std::string& text() const { return out_; }

 private:
  void line(const std::string& s);

  std::string out_;
  int depth_ = 0;
};

}  // namespace synergy::caffe
