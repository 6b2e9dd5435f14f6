// The explicit table of backends compiled into this build.
#include <functional>

#include "engine/backends.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

struct BackendEntry {
  const char* name;
  std::unique_ptr<Backend> (*make)();
};

// Preferred first: the CLI's default is the first entry that is not "reference".
const std::vector<BackendEntry>& entries() {
  static const std::vector<BackendEntry> table {
#if SYNERGY_ENGINE_HAS_ONEDNN
    {"onednn", make_onednn_backend},
#endif
#if SYNERGY_ENGINE_HAS_BLAS
        {"blas", make_blas_backend},
#endif
#if SYNERGY_ENGINE_HAS_CUDNN
        {"cudnn", make_cudnn_backend},
#endif
        {"reference", make_reference_backend},
  };
  return table;
}

}  // namespace

std::vector<std::string> backend_names() {
  std::vector<std::string> names;
  for (const auto& e : entries()) names.emplace_back(e.name);
  return names;
}

std::unique_ptr<Backend> make_backend(const std::string& name) {
  std::string known;
  for (const auto& e : entries()) {
    if (name == e.name) return e.make();
    known += known.empty() ? "" : ", ";
    known += e.name;
  }
  throw bad_input("unknown backend '" + name + "'; this build has: " + known);
}

}  // namespace synergy
