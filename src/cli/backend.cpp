#include "cli/backend.hpp"

#include <algorithm>

#include "engine/backend.hpp"
#include "engine/cudnn/cudnn_backend.hpp"
#include "util/error.hpp"

namespace synergy::cli {

std::string resolve_backend(const std::string& requested) {
  const auto names = backend_names();
  auto built = [&names](const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  if (requested.empty()) return built("onednn") ? "onednn" : "reference";
  if (requested == "cudnn" && built("cudnn")) {
    // The backend itself reports a missing device only when it compiles, as unsupported; on
    // the command line a missing GPU is hardware unavailable.
    if (const std::string why = cuda_unavailable_reason(); !why.empty())
      throw unavailable(cannot_run_message(why));
  }
  return requested;
}

}  // namespace synergy::cli
