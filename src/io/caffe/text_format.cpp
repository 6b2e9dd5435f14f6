// Recursive-descent parser for the protobuf text format into TextMessage trees.
#include "io/caffe/text_format.hpp"

#include "io/caffe/text_lexer.hpp"

namespace synergy::caffe {
namespace {

constexpr int kMaxDepth = 64;

class Parser {
 public:
  Parser(std::string_view text, const std::string& origin) : lexer_(text, origin) { advance(); }

  std::unique_ptr<TextMessage> parse_root() {
    auto root = std::make_unique<TextMessage>();
    parse_fields(*root, "", 0);
    return root;
  }

 private:
  void advance() { tok_ = lexer_.next(); }
  bool at(const char* punct) const { return tok_.kind == TokenKind::Punct && tok_.text == punct; }
  [[noreturn]] void fail(const std::string& what) const { lexer_.fail(tok_.line, what); }

  std::string describe() const {
    if (tok_.kind == TokenKind::End) return "end of input";
    if (tok_.kind == TokenKind::String) return "a string";
    return "'" + tok_.text + "'";
  }

  // Fields until `close` ("}" or ">"), or until the end of input for the root ("").
  void parse_fields(TextMessage& msg, const char* close, int depth) {
    while (true) {
      if (*close == '\0' && tok_.kind == TokenKind::End) return;
      if (*close != '\0' && at(close)) {
        advance();
        return;
      }
      if (tok_.kind == TokenKind::End) fail(std::string("missing '") + close + "'");
      if (at("[")) fail("extension fields ([...]) are not supported");
      if (tok_.kind != TokenKind::Identifier) fail("expected a field name, got " + describe());
      parse_field(msg, depth);
      if (at(",") || at(";")) advance();
    }
  }

  void parse_field(TextMessage& msg, int depth) {
    std::string name = tok_.text;
    const int line = tok_.line;
    advance();
    const bool colon = at(":");
    if (colon) advance();
    if (at("{") || at("<")) {
      add_message(msg, name, line, depth);
    } else if (!colon) {
      fail("expected ':' or '{' after field '" + name + "', got " + describe());
    } else if (at("[")) {
      parse_list(msg, name, depth);
    } else {
      msg.fields.push_back(parse_scalar(name));
    }
  }

  void add_message(TextMessage& msg, const std::string& name, int line, int depth) {
    if (depth + 1 > kMaxDepth) fail("messages nested deeper than " + std::to_string(kMaxDepth));
    const char* close = at("{") ? "}" : ">";
    advance();
    TextField f{name, line, TextKind::Message, {}, std::make_unique<TextMessage>()};
    parse_fields(*f.message, close, depth + 1);
    msg.fields.push_back(std::move(f));
  }

  // name: [v1, v2, ...] (scalars or messages).
  void parse_list(TextMessage& msg, const std::string& name, int depth) {
    advance();
    if (at("]")) {
      advance();
      return;
    }
    while (true) {
      if (at("{") || at("<")) {
        add_message(msg, name, tok_.line, depth);
      } else {
        msg.fields.push_back(parse_scalar(name));
      }
      if (at("]")) break;
      if (!at(",")) fail("expected ',' or ']' in the list of '" + name + "', got " + describe());
      advance();
    }
    advance();
  }

  TextField parse_scalar(const std::string& name) {
    TextField f{name, tok_.line, TextKind::Number, tok_.text, nullptr};
    switch (tok_.kind) {
      case TokenKind::Number:
        break;
      case TokenKind::Identifier:
        f.kind = TextKind::Identifier;
        break;
      case TokenKind::String:
        f.kind = TextKind::String;
        advance();
        while (tok_.kind == TokenKind::String) {  // adjacent strings concatenate
          f.text += tok_.text;
          advance();
        }
        return f;
      default:
        fail("expected a value for field '" + name + "', got " + describe());
    }
    advance();
    return f;
  }

  TextLexer lexer_;
  Token tok_;
};

}  // namespace

std::unique_ptr<TextMessage> parse_text_format(std::string_view text, const std::string& origin) {
  return Parser(text, origin).parse_root();
}

}  // namespace synergy::caffe
