// Exported models pass ONNX's own checker with shape inference (python3-onnx), so other tools
// can load them; skipped when /usr/bin/python3 has no onnx module.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "io/onnx/onnx.hpp"
#include "roundtrip.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

namespace fs = std::filesystem;

bool python_has_onnx() {
  return std::system("/usr/bin/python3 -c 'import onnx' >/dev/null 2>&1") == 0;
}

int onnx_check(const fs::path& file) {
  const std::string cmd =
      "/usr/bin/python3 -c 'import onnx, sys; "
      "onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)' " +
      file.string();
  return std::system(cmd.c_str());
}

TEST(OnnxChecker, ExportedModelsPassTheOnnxChecker) {
  if (!python_has_onnx()) GTEST_SKIP() << "/usr/bin/python3 lacks the onnx module";
  const fs::path dir = fs::path(SYNERGY_BINARY_DIR) / "onnx_export_check";
  fs::create_directories(dir);
  std::vector<Graph> graphs;
  graphs.push_back(every_op());
  // The small zoo networks; the 60-140 M-parameter ones only make the files larger.
  for (const char* name : {"squeezenet", "googlenet", "mobilenet_v1", "mobilenet_v2",
                           "shufflenet_v2", "densenet121", "inception_v3", "resnet18", "nin"}) {
    graphs.push_back(build_zoo_network(name));
  }
  for (const Graph& g : graphs) {
    const fs::path file = dir / (g.name + ".onnx");
    export_onnx_file(g, file.string());
    EXPECT_EQ(onnx_check(file), 0) << g.name;
    fs::remove(file);
  }
}

}  // namespace
}  // namespace synergy
