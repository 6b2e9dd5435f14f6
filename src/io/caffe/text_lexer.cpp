#include "io/caffe/text_lexer.hpp"

#include "util/error.hpp"

namespace synergy::caffe {
namespace {

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word_char(char c) {
  return is_ident_start(c) || is_digit(c);
}
// Characters a number token may hold: 1e-4, -0.5, 0x1F, 1.5f, -inf.
bool is_number_char(char c) {
  return is_word_char(c) || c == '.' || c == '-' || c == '+';
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void TextLexer::fail(int line, const std::string& what) const {
  throw bad_input(origin_ + ":" + std::to_string(line) + ": " + what);
}

void TextLexer::skip_space_and_comments() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '\n') {
      ++line_;
      ++pos_;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
    } else if (c == '#') {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else {
      return;
    }
  }
}

Token TextLexer::next() {
  skip_space_and_comments();
  if (pos_ >= text_.size()) return {TokenKind::End, "", line_};
  const char c = text_[pos_];
  if (c == '"' || c == '\'') return read_string(c);
  if (is_ident_start(c)) return read_word(TokenKind::Identifier);
  if (is_digit(c) || c == '-' || c == '+' || c == '.') return read_word(TokenKind::Number);
  if (std::string_view("{}<>[]:,;").find(c) != std::string_view::npos) {
    ++pos_;
    return {TokenKind::Punct, std::string(1, c), line_};
  }
  const auto byte = static_cast<unsigned char>(c);
  std::string what = "unexpected character ";
  if (byte >= 0x20 && byte < 0x7f) {
    what.append(1, '\'').append(1, c).append(1, '\'');
  } else {
    what += "with code " + std::to_string(byte);
  }
  fail(line_, what);
}

Token TextLexer::read_word(TokenKind kind) {
  const size_t start = pos_;
  auto accepts = kind == TokenKind::Identifier ? is_word_char : is_number_char;
  while (pos_ < text_.size() && accepts(text_[pos_])) ++pos_;
  return {kind, std::string(text_.substr(start, pos_ - start)), line_};
}

char TextLexer::read_escape(int line) {
  if (pos_ >= text_.size()) fail(line, "unterminated string");
  const char c = text_[pos_++];
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'a':
      return '\a';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    case '\\':
    case '\'':
    case '"':
    case '?':
      return c;
    case 'x': {
      int value = 0, digits = 0;
      while (digits < 2 && pos_ < text_.size() && hex_value(text_[pos_]) >= 0) {
        value = value * 16 + hex_value(text_[pos_++]);
        ++digits;
      }
      if (digits == 0) fail(line, "\\x escape without hex digits");
      return static_cast<char>(value);
    }
    default:
      break;
  }
  if (c >= '0' && c <= '7') {
    int value = c - '0', digits = 1;
    while (digits < 3 && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7') {
      value = value * 8 + (text_[pos_++] - '0');
      ++digits;
    }
    return static_cast<char>(value & 0xff);
  }
  std::string what = "unknown escape sequence \\";
  what.append(1, c);
  fail(line, what);
}

Token TextLexer::read_string(char quote) {
  const int line = line_;
  ++pos_;
  std::string out;
  while (true) {
    if (pos_ >= text_.size()) fail(line, "unterminated string");
    const char c = text_[pos_++];
    if (c == quote) break;
    if (c == '\n') fail(line, "newline inside a string");
    out += c == '\\' ? read_escape(line) : c;
  }
  return {TokenKind::String, std::move(out), line};
}

}  // namespace synergy::caffe
