// Typed getters of TextMessage fields.
#include <cctype>
#include <charconv>
#include <cmath>

#include "io/caffe/text_format.hpp"
#include "util/error.hpp"

namespace synergy::caffe {
namespace {

[[noreturn]] void wrong(const TextField& f, const char* expected) {
  const std::string got = f.kind == TextKind::Message ? "a message" : "'" + f.text + "'";
  throw bad_input("line " + std::to_string(f.line) + ": field '" + f.name + "': expected " +
                  expected + ", got " + got);
}

void require_scalar(const TextField& f, const char* expected) {
  if (f.kind == TextKind::Message || f.kind == TextKind::String) wrong(f, expected);
}

}  // namespace

int64_t to_int(const TextField& f) {
  require_scalar(f, "an integer");
  std::string_view s = f.text;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative || (!s.empty() && s[0] == '+')) s.remove_prefix(1);
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  uint64_t magnitude = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) wrong(f, "an integer");
  if (magnitude > (negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1)) {
    wrong(f, "an integer in the 64-bit range");
  }
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

double to_float(const TextField& f) {
  require_scalar(f, "a number");
  std::string_view s = f.text;
  if (f.kind == TextKind::Identifier) {
    if (s == "inf" || s == "infinity") return HUGE_VAL;
    if (s == "nan") return std::nan("");
    wrong(f, "a number");
  }
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  const bool float_suffix =
      s.size() > 1 && (s.back() == 'f' || s.back() == 'F') &&
      (std::isdigit(static_cast<unsigned char>(s[s.size() - 2])) || s[s.size() - 2] == '.');
  if (float_suffix) {
    s.remove_suffix(1);
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) wrong(f, "a number");
  return value;
}

bool to_bool(const TextField& f) {
  require_scalar(f, "true or false");
  const std::string& s = f.text;
  if (s == "true" || s == "True" || s == "t" || s == "1") return true;
  if (s == "false" || s == "False" || s == "f" || s == "0") return false;
  wrong(f, "true or false");
}

const TextField* TextMessage::last(std::string_view name) const {
  for (auto it = fields.rbegin(); it != fields.rend(); ++it)
    if (it->name == name) return &*it;
  return nullptr;
}

std::vector<const TextField*> TextMessage::all(std::string_view name) const {
  std::vector<const TextField*> out;
  for (const auto& f : fields)
    if (f.name == name) out.push_back(&f);
  return out;
}

const TextMessage* TextMessage::message(std::string_view name) const {
  const TextField* f = last(name);
  if (!f) return nullptr;
  if (f->kind != TextKind::Message) wrong(*f, "a message { ... }");
  return f->message.get();
}

std::vector<const TextMessage*> TextMessage::messages(std::string_view name) const {
  std::vector<const TextMessage*> out;
  for (const TextField* f : all(name)) {
    if (f->kind != TextKind::Message) wrong(*f, "a message { ... }");
    out.push_back(f->message.get());
  }
  return out;
}

int64_t TextMessage::get_int(std::string_view name, int64_t fallback) const {
  const TextField* f = last(name);
  return f ? to_int(*f) : fallback;
}

std::vector<int64_t> TextMessage::ints(std::string_view name) const {
  std::vector<int64_t> out;
  for (const TextField* f : all(name)) out.push_back(to_int(*f));
  return out;
}

double TextMessage::get_float(std::string_view name, double fallback) const {
  const TextField* f = last(name);
  return f ? to_float(*f) : fallback;
}

std::vector<double> TextMessage::floats(std::string_view name) const {
  std::vector<double> out;
  for (const TextField* f : all(name)) out.push_back(to_float(*f));
  return out;
}

bool TextMessage::get_bool(std::string_view name, bool fallback) const {
  const TextField* f = last(name);
  return f ? to_bool(*f) : fallback;
}

std::string TextMessage::get_string(std::string_view name, const std::string& fallback) const {
  const TextField* f = last(name);
  if (!f) return fallback;
  if (f->kind != TextKind::String) wrong(*f, "a quoted string");
  return f->text;
}

std::vector<std::string> TextMessage::strings(std::string_view name) const {
  std::vector<std::string> out;
  for (const TextField* f : all(name)) {
    if (f->kind != TextKind::String) wrong(*f, "a quoted string");
    out.push_back(f->text);
  }
  return out;
}

std::string TextMessage::get_enum(std::string_view name, const std::string& fallback) const {
  const TextField* f = last(name);
  if (!f) return fallback;
  if (f->kind == TextKind::Message || f->kind == TextKind::String) wrong(*f, "an enum value");
  return f->text;
}

}  // namespace synergy::caffe
