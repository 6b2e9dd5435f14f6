// Execution precision as an engine setting: names parse and print, and the CPU backends, which
// run float32 only, refuse the other precisions and CUDA graphs at compile time (exit 2).
#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "helpers.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

constexpr Precision kAll[] = {Precision::fp32, Precision::tf32, Precision::fp16, Precision::bf16};

TEST(PrecisionNames, ParseInvertsPrint) {
  for (Precision p : kAll) EXPECT_EQ(parse_precision(precision_name(p)), p);
  EXPECT_EQ(precision_name(Precision::fp16), "fp16");
  EXPECT_EQ(parse_precision("bf16"), Precision::bf16);
}

TEST(PrecisionNames, UnknownNameIsBadInputListingTheKnown) {
  for (const char* bad : {"fp8", "FP16", "", "float16", "fp32 "}) {
    try {
      parse_precision(bad);
      FAIL() << "'" << bad << "' must not parse";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadInput);
      const std::string what = e.what();
      for (Precision p : kAll) EXPECT_NE(what.find(precision_name(p)), std::string::npos) << what;
    }
  }
}

TEST(PrecisionDefaults, ContextIsFloat32WithoutGraphs) {
  const EngineContext c;
  EXPECT_EQ(c.precision, Precision::fp32);
  EXPECT_FALSE(c.cuda_graph);
}

std::vector<std::string> cpu_backends() {
  std::vector<std::string> v;
  for (const auto& n : backend_names())
    if (n != "cudnn") v.push_back(n);
  return v;
}

Graph relu() {
  return test::single_op(ActivationAttrs{}, {Shape{1, 3, 4, 4}});
}

// The refusal names the backend and the setting; the error is a usage error (exit 2).
void expect_refused(const std::string& backend, const EngineContext& context,
                    const std::string& names) {
  try {
    Engine engine(relu(), backend, context);
    FAIL() << backend << " must refuse " << names;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Unsupported) << e.what();
    EXPECT_EQ(exit_code_for(e.kind()), 2);
    const std::string what = e.what();
    EXPECT_NE(what.find("'" + backend + "'"), std::string::npos) << what;
    EXPECT_NE(what.find(names), std::string::npos) << what;
  }
}

// onednn also runs bf16 (tests/engine_onednn/bf16_test.cpp); the others run fp32 only.
TEST(CpuBackends, RefuseEveryPrecisionTheyDoNotRun) {
  ASSERT_FALSE(cpu_backends().empty());
  for (const auto& backend : cpu_backends()) {
    for (Precision p : {Precision::tf32, Precision::fp16, Precision::bf16}) {
      if (backend == "onednn" && p == Precision::bf16) continue;
      EngineContext c{1, 1};
      c.precision = p;
      expect_refused(backend, c, std::string(precision_name(p)));
    }
  }
}

TEST(CpuBackends, RefuseCudaGraphs) {
  for (const auto& backend : cpu_backends()) {
    EngineContext c{1, 1};
    c.cuda_graph = true;
    expect_refused(backend, c, "CUDA graph");
  }
}

TEST(CpuBackends, RunFloat32AsBefore) {
  for (const auto& backend : cpu_backends()) {
    EngineContext c{1, 1};
    c.precision = Precision::fp32;
    Engine engine(relu(), backend, c);
    auto out = engine.make_outputs();
    engine.run(engine.random_inputs(3), out);
    for (float x : out.at(0).data) EXPECT_GE(x, 0.0f) << backend;
  }
}

}  // namespace
}  // namespace synergy
