// ONNX import: parse -> normalise -> lower (fold constants, one mapping rule per op) -> finish.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/onnx/fold_batch_norm.hpp"
#include "io/onnx/lower.hpp"
#include "io/onnx/normalize.hpp"
#include "io/onnx/onnx.hpp"
#include "util/error.hpp"

namespace synergy {

Graph import_onnx_bytes(std::string_view bytes, const std::string& origin, int64_t batch) {
  return import_onnx_bytes(bytes, origin, OnnxImportOptions{batch, false});
}

Graph import_onnx_bytes(std::string_view bytes, const std::string& origin,
                        const OnnxImportOptions& options) {
  try {
    if (options.batch < 1 || options.batch > 1'000'000) {
      throw bad_input("batch size must be in 1..1000000, got " + std::to_string(options.batch));
    }
    onnx_io::OnnxModel model = onnx_io::parse_model(bytes);
    onnx_io::normalize(model);
    Graph g = onnx_io::lower(model, options.batch);
    g.name = std::filesystem::path(origin).stem().string();
    if (g.name.empty()) g.name = model.graph_name;
    g.source = "ONNX file " + origin + " (opset " + std::to_string(model.opset) + ")";
    g.sort_topologically();
    g.infer_shapes();
    if (options.fold_batch_norm) onnx_io::fold_batch_norms(g);
    if (g.batch() != options.batch) g.set_batch(options.batch);
    return g;
  } catch (const Error& e) {
    throw Error(e.kind(), origin + ": " + e.what());
  }
}

Graph import_onnx_file(const std::string& path, int64_t batch) {
  return import_onnx_file(path, OnnxImportOptions{batch, false});
}

Graph import_onnx_file(const std::string& path, const OnnxImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw bad_input(path + ": cannot open the file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw bad_input(path + ": read error");
  return import_onnx_bytes(bytes.str(), path, options);
}

}  // namespace synergy
