// Malformed or unsupported ONNX input: one clear error naming the file (and node), never a crash.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/onnx/onnx.hpp"
#include "onnx_maker.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

using ::testing::AllOf;
using testing::attr;
using ::testing::HasSubstr;
using testing::OnnxMaker;

// The error's kind and message of importing `bytes` as "bad.onnx".
std::pair<ErrorKind, std::string> failure(const std::string& bytes) {
  try {
    import_onnx_bytes(bytes, "bad.onnx");
  } catch (const Error& e) {
    return {e.kind(), e.what()};
  }
  ADD_FAILURE() << "import succeeded";
  return {ErrorKind::Runtime, ""};
}

OnnxMaker small_conv() {
  OnnxMaker m;
  m.input("x", {1, 3, 8, 8}).floats("w", {4, 3, 3, 3});
  m.node("Conv", {"x", "w"}, {"y"}, "conv1");
  m.output("y");
  return m;
}

TEST(OnnxImportErrors, GarbageIsBadInputNamingTheFile) {
  auto [kind, what] = failure("this is not a protobuf \xff\xff\xff\xff");
  EXPECT_EQ(kind, ErrorKind::BadInput);
  EXPECT_THAT(what, AllOf(HasSubstr("bad.onnx"), HasSubstr("not an ONNX model")));
}

TEST(OnnxImportErrors, EmptyFile) {
  EXPECT_EQ(failure("").first, ErrorKind::BadInput);
}

TEST(OnnxImportErrors, EveryTruncationFailsCleanly) {
  const std::string full = small_conv().bytes();
  for (size_t n = 0; n < full.size(); ++n) {
    try {
      import_onnx_bytes(full.substr(0, n), "cut.onnx");
    } catch (const Error& e) {
      EXPECT_THAT(e.what(), HasSubstr("cut.onnx"));
    }
  }
}

TEST(OnnxImportErrors, UnsupportedOpListsTheSupportedOnes) {
  OnnxMaker m;
  m.input("x", {1, 4});
  m.node("Einsum", {"x"}, {"y"}, "mystery");
  m.output("y");
  auto [kind, what] = failure(m.bytes());
  EXPECT_EQ(kind, ErrorKind::Unsupported);
  EXPECT_THAT(what, AllOf(HasSubstr("bad.onnx"), HasSubstr("mystery"), HasSubstr("Einsum"),
                          HasSubstr("supported ops: "), HasSubstr("Conv"), HasSubstr("Gemm")));
}

TEST(OnnxImportErrors, OpsetOutsideNineToSeventeen) {
  for (int opset : {8, 18}) {
    OnnxMaker m(opset);
    m.input("x", {1, 4});
    m.node("Relu", {"x"}, {"y"});
    m.output("y");
    EXPECT_THAT(failure(m.bytes()).second, HasSubstr("opset " + std::to_string(opset)));
  }
}

TEST(OnnxImportErrors, WeightsThatDoNotMatchTheInputNameTheNode) {
  OnnxMaker m;
  m.input("x", {1, 5, 8, 8}).floats("w", {4, 3, 3, 3});  // 5 input channels, weights for 3
  m.node("Conv", {"x", "w"}, {"y"}, "conv1");
  m.output("y");
  auto [kind, what] = failure(m.bytes());
  EXPECT_EQ(kind, ErrorKind::BadInput);
  EXPECT_THAT(what, AllOf(HasSubstr("bad.onnx"), HasSubstr("conv1"), HasSubstr("weight")));
}

TEST(OnnxImportErrors, TruncatedInitializerData) {
  OnnxMaker m = small_conv();
  m.proto().mutable_graph()->mutable_initializer(0)->mutable_float_data()->RemoveLast();
  EXPECT_THAT(failure(m.bytes()).second, AllOf(HasSubstr("'w'"), HasSubstr("values")));
}

TEST(OnnxImportErrors, ExternalDataIsRefused) {
  OnnxMaker m = small_conv();
  auto* w = m.proto().mutable_graph()->mutable_initializer(0);
  w->clear_float_data();
  w->set_data_location(onnx::TensorProto::EXTERNAL);
  EXPECT_THAT(failure(m.bytes()).second, HasSubstr("external"));
}

TEST(OnnxImportErrors, MissingInputAndCycle) {
  OnnxMaker missing;
  missing.input("x", {1, 4});
  missing.node("Add", {"x", "ghost"}, {"y"}, "adder");
  missing.output("y");
  EXPECT_THAT(failure(missing.bytes()).second, AllOf(HasSubstr("adder"), HasSubstr("ghost")));
  OnnxMaker cycle;
  cycle.input("x", {1, 4});
  cycle.node("Add", {"x", "b"}, {"a"}, "first");
  cycle.node("Relu", {"a"}, {"b"}, "second");
  cycle.output("b");
  EXPECT_THAT(failure(cycle.bytes()).second, HasSubstr("cycle"));
}

TEST(OnnxImportErrors, AbsurdDimensions) {
  OnnxMaker negative;
  negative.input("x", {1, -3, 8, 8});
  negative.node("Relu", {"x"}, {"y"});
  negative.output("y");
  EXPECT_EQ(failure(negative.bytes()).first, ErrorKind::BadInput);
  OnnxMaker huge;  // 2^62 elements per image: batch 4 overflows 64 bits
  huge.input("x", {1, 1, int64_t{1} << 31, int64_t{1} << 31}).floats("w", {1, 1, 1, 1});
  huge.node("Conv", {"x", "w"}, {"y"});
  huge.output("y");
  Graph g = import_onnx_bytes(huge.bytes(), "huge.onnx");
  EXPECT_THROW(g.set_batch(4), Error);
}

TEST(OnnxImportErrors, ReshapeToAComputedTargetIsUnsupported) {
  OnnxMaker m;
  m.input("x", {1, 4}).input("t", {2});
  m.node("Reshape", {"x", "t"}, {"y"}, "reshape");
  m.output("y");
  auto [kind, what] = failure(m.bytes());
  EXPECT_EQ(kind, ErrorKind::Unsupported);
  EXPECT_THAT(what, AllOf(HasSubstr("reshape"), HasSubstr("constant")));
}

TEST(OnnxImportErrors, WrongAttributeType) {
  OnnxMaker m;
  m.input("x", {1, 4, 4, 4});
  attr(m.node("MaxPool", {"x"}, {"y"}, "pool"), "kernel_shape", 3.0f);
  m.output("y");
  EXPECT_THAT(failure(m.bytes()).second, AllOf(HasSubstr("pool"), HasSubstr("kernel_shape")));
}

TEST(OnnxImportErrors, MissingFile) {
  EXPECT_THROW(import_onnx_file("/nonexistent/model.onnx"), Error);
}

}  // namespace
}  // namespace synergy
