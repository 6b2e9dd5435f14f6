#include "io/load.hpp"

#include <optional>
#include <regex>

#include "io/caffe/caffe.hpp"
#include "io/onnx/onnx.hpp"
#include "util/error.hpp"
#include "zoo/spaces/spaces.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A network drawn by `synergy sample` is named "<space>_s<seed>_<index>" and is a pure function
// of those three, so a stored run's name is enough to rebuild it (without its file's weights).
std::optional<Graph> sampled_network(const std::string& spec) {
  static const std::regex name(R"(([a-z]+)_s([0-9]{1,19})_([0-9]{1,9}))");
  std::smatch m;
  if (!std::regex_match(spec, m, name)) return std::nullopt;
  for (const auto& space : zoo::design_spaces())
    if (space.name == m[1].str())
      return zoo::sample_network(space.name, std::stoull(m[2].str()), std::stoll(m[3].str()));
  return std::nullopt;
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
  std::optional<Graph> sampled = sampled_network(spec);
  Graph g = sampled ? std::move(*sampled) : build_zoo_network(spec);
  if (options.batch != 1) g.set_batch(options.batch);
  return g;
}

}  // namespace synergy
