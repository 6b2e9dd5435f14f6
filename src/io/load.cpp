#include "io/load.hpp"

#include "io/caffe/caffe.hpp"
#include "io/onnx/onnx.hpp"
#include "util/error.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Graph load_network(const std::string& spec, const LoadOptions& options) {
  if (ends_with(spec, ".onnx")) return import_onnx_file(spec, options.batch);
  if (ends_with(spec, ".prototxt")) {
    return import_caffe_files(spec, options.weights_path, options.batch);
  }
  if (spec.find_first_of("./") != std::string::npos) {
    throw bad_input("'" + spec + "': not a model file synergy reads (.onnx, Caffe .prototxt) " +
                    "nor a zoo name (synergy zoo)");
  }
  if (!options.weights_path.empty()) {
    throw bad_input("--weights applies to a .prototxt network, not '" + spec + "'");
  }
  Graph g = build_zoo_network(spec);
  if (options.batch != 1) g.set_batch(options.batch);
  return g;
}

}  // namespace synergy
