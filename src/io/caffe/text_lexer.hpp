// Tokenizer for the protobuf text format: identifiers, numbers, quoted strings, punctuation.
#pragma once

#include <string>
#include <string_view>

namespace synergy::caffe {

enum class TokenKind { End, Identifier, Number, String, Punct };

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;  // strings unescaped; punctuation is one character
  int line = 1;
};

class TextLexer {
 public:
  TextLexer(std::string_view text, const std::string& origin) : text_(text), origin_(origin) {}
  // The next token (End at the end of input); throws bad_input "<origin>:<line>: ...".
  Token next();
  [[noreturn]] void fail(int line, const std::string& what) const;

 private:
  void skip_space_and_comments();
  Token read_string(char quote);
  Token read_word(TokenKind kind);
  char read_escape(int line);

  std::string_view text_;
  const std::string& origin_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace synergy::caffe
