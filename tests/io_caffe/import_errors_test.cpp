#include <gtest/gtest.h>

#include "io/caffe/caffe.hpp"
#include "test_util.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

const std::string kInput = "input: \"data\" input_shape { dim: 1 dim: 4 dim: 8 dim: 8 }\n";

// The error an import raises (kind and message); fails the test when there is none.
Error import_error(const std::string& text, const std::string& weights = {}) {
  try {
    import_caffe(text, "net.prototxt", weights);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return Error(ErrorKind::Runtime, "");
}

void expect_error(const std::string& text, ErrorKind kind, const std::string& part) {
  const Error e = import_error(text);
  EXPECT_EQ(e.kind(), kind) << e.what();
  EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  EXPECT_EQ(std::string(e.what()).rfind("net.prototxt", 0), 0u) << e.what();
}

TEST(CaffeImportErrors, UnknownLayerTypeListsTheSupportedOnes) {
  const Error e = import_error(kInput + R"(layer { name: "shuffle" type: "ShuffleChannel"
      bottom: "data" top: "s" })");
  EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
  const std::string what = e.what();
  EXPECT_NE(what.find("layer 'shuffle' (ShuffleChannel)"), std::string::npos) << what;
  for (const char* t :
       {"Convolution", "Pooling", "InnerProduct", "Eltwise", "BatchNorm", "Input"}) {
    EXPECT_NE(what.find(t), std::string::npos) << t;
  }
}

TEST(CaffeImportErrors, UnsupportedVariantsOfSupportedLayers) {
  const std::string elt = R"(layer { name: "e" type: "Eltwise" bottom: "data" bottom: "data"
      top: "e" eltwise_param { )";
  expect_error(kInput + elt + "coeff: 1 coeff: -1 } }", ErrorKind::Unsupported,
               "layer 'e' (Eltwise): Eltwise coefficients other than 1");
  expect_error(kInput + elt + "operation: MAX } }", ErrorKind::Unsupported, "MAX");
  expect_error(kInput + R"(layer { name: "p" type: "Pooling" bottom: "data" top: "p"
      pooling_param { pool: STOCHASTIC kernel_size: 2 } })",
               ErrorKind::Unsupported, "STOCHASTIC");
  expect_error(kInput + R"(layer { name: "bn" type: "BatchNorm" bottom: "data" top: "bn"
      batch_norm_param { use_global_stats: false } })",
               ErrorKind::Unsupported, "use_global_stats");
  expect_error(kInput + R"(layer { name: "c" type: "Convolution" bottom: "data" top: "c"
      convolution_param { num_output: 2 kernel_size: 3 kernel_size: 3 kernel_size: 3 } })",
               ErrorKind::Unsupported, "only 2-D");
}

TEST(CaffeImportErrors, StructuralProblemsNameTheLayer) {
  expect_error(kInput + R"(layer { name: "r" type: "ReLU" bottom: "nothing" top: "r" })",
               ErrorKind::BadInput, "layer 'r' (ReLU): bottom 'nothing' is not an input");
  expect_error(R"(layer { name: "r" type: "ReLU" bottom: "x" top: "r" })", ErrorKind::BadInput,
               "no input");
  expect_error(kInput + R"(layer { name: "c" type: "Convolution" bottom: "data" top: "c"
      convolution_param { num_output: 3 kernel_size: 1 group: 2 } })",
               ErrorKind::BadInput, "layer 'c' (Convolution): groups 2 must divide");
  expect_error(kInput + R"(layer { name: "c" type: "Convolution" bottom: "data" top: "c"
      convolution_param { num_output: 3 } })",
               ErrorKind::BadInput, "no kernel_size");
  expect_error(kInput + R"(layer { name: "c" type: "Convolution" bottom: "data" top: "c"
      convolution_param { num_output: 3 kernel_size: 9 } })",
               ErrorKind::BadInput, "larger than the padded input");
  expect_error(kInput + R"(layer { name: "e" type: "Eltwise" bottom: "data" bottom: "p" top: "e" }
      )",
               ErrorKind::BadInput, "bottom 'p'");
  expect_error(kInput + R"(layer { name: "p" type: "Pooling" bottom: "data" top: "p"
      pooling_param { kernel_size: 2 stride: 2 } }
      layer { name: "e" type: "Eltwise" bottom: "data" bottom: "p" top: "e" })",
               ErrorKind::BadInput, "Eltwise needs equal shapes");
  expect_error(kInput + R"(layer { name: "s" type: "Slice" bottom: "data" top: "a" top: "b"
      slice_param { slice_point: 5 } })",
               ErrorKind::BadInput, "slice_point");
  expect_error(kInput + R"(layer { type: "ReLU" bottom: "data" })", ErrorKind::BadInput,
               "layer 'ReLU_0' (ReLU)");
  expect_error(kInput + R"(layer { name: "a" type: "ReLU" bottom: "data" top: "a" }
      layer { name: "a" type: "ReLU" bottom: "a" top: "b" })",
               ErrorKind::BadInput, "'a' is used twice");
}

TEST(CaffeImportErrors, BadInputsAndAbsurdShapes) {
  expect_error("input: 'data' input_dim: 1 input_dim: 3", ErrorKind::BadInput,
               "need 4 input_dim values");
  expect_error("input: 'data' input_shape { dim: 1 dim: -3 dim: 8 dim: 8 }", ErrorKind::BadInput,
               "dimension -3");
  expect_error(
      "input: 'data' input_shape { dim: 1 dim: 4000000000 dim: 4000000000 dim: "
      "4000000000 }\nlayer { name: 'r' type: 'ReLU' bottom: 'data' top: 'r' }",
      ErrorKind::BadInput, "overflows");
  expect_error("input: 'data' input: 'data' input_shape { dim: 1 } input_shape { dim: 1 }",
               ErrorKind::BadInput, "declared twice");
  expect_error(kInput +
                   "layer { name: 'c' type: 'Convolution' bottom: 'data' top: 'c' "
                   "convolution_param { num_output: 2 kernel_size: x } }",
               ErrorKind::BadInput, "field 'kernel_size': expected an integer, got 'x'");
  expect_error("layer {", ErrorKind::BadInput, "net.prototxt:1: missing '}'");
  expect_error(std::string("\x89PNG\r\n\x1a\n\0\0", 10), ErrorKind::BadInput,
               "unexpected character");
  EXPECT_THROW(import_caffe(kInput, "net.prototxt", {}, 0), Error);
}

TEST(CaffeImportErrors, EveryTruncationOfAlexNetFailsCleanlyOrImports) {
  const std::string text = testing::read_file(testing::caffe_sample_path("alexnet.prototxt"));
  int errors = 0;
  for (size_t n = 0; n < text.size(); n += 7) {
    try {
      import_caffe(std::string_view(text).substr(0, n), "cut.prototxt");
    } catch (const Error& e) {
      ++errors;
      EXPECT_EQ(std::string(e.what()).rfind("cut.prototxt", 0), 0u) << e.what();
    }
  }
  EXPECT_GT(errors, 0);
}

}  // namespace
}  // namespace synergy
