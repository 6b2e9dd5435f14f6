#include <gtest/gtest.h>

#include <cmath>

#include "io/caffe/text_format.hpp"
#include "util/error.hpp"

namespace synergy::caffe {
namespace {

std::unique_ptr<TextMessage> parse(const std::string& text) {
  return parse_text_format(text, "t.prototxt");
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    return e.what();
  }
  return "no error";
}

TEST(TextFormat, ScalarsMessagesAndRepeatedFields) {
  auto m = parse(R"(name: "net"  # a comment
    dim: 1 dim: 3
    layer { name: 'a' param { x: -2.5e-1 } flag: true }
    layer < name: "b" >
    mode: MAX)");
  EXPECT_EQ(m->get_string("name", ""), "net");
  EXPECT_EQ(m->ints("dim"), (std::vector<int64_t>{1, 3}));
  const auto layers = m->messages("layer");
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[0]->get_string("name", ""), "a");
  EXPECT_DOUBLE_EQ(layers[0]->message("param")->get_float("x", 0), -0.25);
  EXPECT_TRUE(layers[0]->get_bool("flag", false));
  EXPECT_EQ(layers[1]->get_string("name", ""), "b");
  EXPECT_EQ(m->get_enum("mode", ""), "MAX");
  EXPECT_EQ(m->get_int("absent", 7), 7);
}

TEST(TextFormat, ColonBeforeMessageListsAndSeparators) {
  auto m = parse("shape: { dim: [1, 3, 8, 8] }; v: 0x10, w: 1.5f s: \"ab\" 'cd'");
  EXPECT_EQ(m->message("shape")->ints("dim"), (std::vector<int64_t>{1, 3, 8, 8}));
  EXPECT_EQ(m->get_int("v", 0), 16);
  EXPECT_DOUBLE_EQ(m->get_float("w", 0), 1.5);
  EXPECT_EQ(m->get_string("s", ""), "abcd");
}

TEST(TextFormat, StringEscapes) {
  auto m = parse(R"(s: "a\"b\\c\n\x41\101\'")");
  EXPECT_EQ(m->get_string("s", ""), "a\"b\\c\nAA'");
}

TEST(TextFormat, LastOccurrenceWinsForSingleFields) {
  auto m = parse("k: 1 k: 2");
  EXPECT_EQ(m->get_int("k", 0), 2);
}

TEST(TextFormat, ErrorsNameOriginAndLine) {
  EXPECT_EQ(error_of("a: 1\nb {\n c: 2\n"), "t.prototxt:4: missing '}'");
  EXPECT_NE(error_of("a: \"open\n").find("t.prototxt:1: newline inside a string"),
            std::string::npos);
  EXPECT_NE(error_of("a 1").find("expected ':' or '{'"), std::string::npos);
  EXPECT_NE(error_of("}").find("expected a field name"), std::string::npos);
  EXPECT_NE(error_of("a: @").find("unexpected character '@'"), std::string::npos);
  EXPECT_NE(error_of("[ext]: 1").find("extension"), std::string::npos);
  EXPECT_NE(error_of("a: \"\\q\"").find("unknown escape"), std::string::npos);
  EXPECT_NE(error_of(std::string("a: \x01")).find("code 1"), std::string::npos);
}

TEST(TextFormat, DeepNestingIsAnErrorNotACrash) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "a {";
  EXPECT_NE(error_of(deep).find("nested deeper than 64"), std::string::npos);
}

TEST(TextFormat, TypedGettersRejectWrongKinds) {
  auto m = parse("i: abc f: \"1\" b: 2 s: 5 n: 99999999999999999999 msg { }");
  EXPECT_THROW(m->get_int("i", 0), Error);
  EXPECT_THROW(m->get_float("f", 0), Error);
  EXPECT_THROW(m->get_bool("b", false), Error);
  EXPECT_THROW(m->get_string("s", ""), Error);
  EXPECT_THROW(m->get_int("n", 0), Error);
  EXPECT_THROW(m->get_int("msg", 0), Error);
  EXPECT_THROW(m->message("i"), Error);
  try {
    m->get_int("i", 0);
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "line 1: field 'i': expected an integer, got 'abc'");
  }
}

TEST(TextFormat, NumbersAtTheEdges) {
  auto m = parse("a: -9223372036854775808 b: 9223372036854775807 c: -inf d: 1e-05");
  EXPECT_EQ(m->get_int("a", 0), INT64_MIN);
  EXPECT_EQ(m->get_int("b", 0), INT64_MAX);
  EXPECT_TRUE(std::isinf(m->get_float("c", 0)));
  EXPECT_FLOAT_EQ(static_cast<float>(m->get_float("d", 0)), 1e-5f);
}

}  // namespace
}  // namespace synergy::caffe
