// Protobuf text format (the syntax of .prototxt files) parsed into a generic message tree.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace synergy::caffe {

class TextMessage;

enum class TextKind { Number, Identifier, String, Message };

struct TextField {
  std::string name;
  int line = 0;
  TextKind kind = TextKind::Number;
  std::string text;                      // scalar value (strings unescaped)
  std::unique_ptr<TextMessage> message;  // kind == Message
};

// A message: its fields in file order. Getters take the last occurrence of a non-repeated field
// and throw bad_input ("line N: field 'x': ...") on a value of the wrong kind.
class TextMessage {
 public:
  std::vector<TextField> fields;

  bool has(std::string_view name) const { return last(name) != nullptr; }
  const TextField* last(std::string_view name) const;
  std::vector<const TextField*> all(std::string_view name) const;

  const TextMessage* message(std::string_view name) const;  // nullptr when absent
  std::vector<const TextMessage*> messages(std::string_view name) const;
  int64_t get_int(std::string_view name, int64_t fallback) const;
  std::vector<int64_t> ints(std::string_view name) const;
  double get_float(std::string_view name, double fallback) const;
  std::vector<double> floats(std::string_view name) const;
  bool get_bool(std::string_view name, bool fallback) const;
  std::string get_string(std::string_view name, const std::string& fallback) const;
  std::vector<std::string> strings(std::string_view name) const;
  // An enum value as written: its identifier ("MAX") or its number ("0").
  std::string get_enum(std::string_view name, const std::string& fallback) const;
};

// Converters for one scalar field (throw bad_input naming the field and line).
int64_t to_int(const TextField& f);
double to_float(const TextField& f);
bool to_bool(const TextField& f);

// Parses `text`; errors are bad_input "<origin>:<line>: <what>". Nesting deeper than 64 is an
// error.
std::unique_ptr<TextMessage> parse_text_format(std::string_view text, const std::string& origin);

}  // namespace synergy::caffe
