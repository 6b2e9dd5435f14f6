// The CLI contract of `synergy export`: arguments -> exit code -> output (skipped when the
// binary is not built in this tree).
#include <gtest/gtest.h>

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "cli/run_binary.hpp"

namespace synergy::testing {
namespace {

namespace fs = std::filesystem;

class ExportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(synergy_binary())) GTEST_SKIP() << "synergy binary not built";
    dir_ = fs::path(SYNERGY_BINARY_DIR) / "export_cli_test";
    fs::create_directories(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

// The "total" row of `synergy inspect`'s table.
std::string total_row(const std::string& table) {
  std::smatch m;
  std::regex_search(table, m, std::regex(R"(\ntotal\s+[^\n]*)"));
  return m.str();
}

TEST_F(ExportCli, OnnxExportInspectsLikeTheZooNetwork) {
  const RunResult e = run_synergy("export squeezenet -o " + path("sq.onnx"));
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_TRUE(e.out.empty());
  EXPECT_NE(e.err.find("wrote"), std::string::npos);
  const RunResult zoo = run_synergy("inspect squeezenet");
  const RunResult file = run_synergy("inspect " + path("sq.onnx"));
  ASSERT_EQ(file.exit_code, 0) << file.err;
  EXPECT_FALSE(total_row(zoo.out).empty());
  EXPECT_EQ(total_row(zoo.out), total_row(file.out));
}

TEST_F(ExportCli, PrototxtToStandardOutput) {
  const RunResult r = run_synergy("export mobilenet_v1 --format prototxt -o -");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("type: \"Convolution\""), std::string::npos);
}

TEST_F(ExportCli, BatchIsWrittenIntoTheInput) {
  ASSERT_EQ(run_synergy("export resnet18 --batch 3 -o " + path("r3.onnx")).exit_code, 0);
  std::ifstream in(path("r3.onnx"), std::ios::binary);
  onnx::ModelProto m;
  ASSERT_TRUE(m.ParseFromIstream(&in));
  EXPECT_EQ(m.graph().input(0).type().tensor_type().shape().dim(0).dim_value(), 3);
}

TEST_F(ExportCli, BadArgumentsExitTwoAndWriteNothing) {
  const struct {
    std::string args, pattern;
  } cases[] = {
      {"export squeezenet -o " + path("x.bin"), "--format"},
      {"export no_such_net -o " + path("x.onnx"), "no_such_net"},
      {"export squeezenet --format xml -o " + path("x.onnx"), "xml"},
      {"export squeezenet", "output"},
      {"export squeezenet -o /nonexistent/dir/x.onnx", "/nonexistent/dir/x.onnx"},
  };
  for (const auto& c : cases) {
    const RunResult r = run_synergy(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.pattern), std::string::npos) << c.args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << c.args;
  }
  EXPECT_FALSE(fs::exists(path("x.onnx")));
  EXPECT_FALSE(fs::exists(path("x.bin")));
}

}  // namespace
}  // namespace synergy::testing
