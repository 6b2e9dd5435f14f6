// Names of the execution precisions, and the settings a CPU backend refuses.
#include <array>

#include "engine/backend.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

constexpr std::array<Precision, 4> kPrecisions{Precision::fp32, Precision::tf32, Precision::fp16,
                                               Precision::bf16};

}  // namespace

std::string_view precision_name(Precision p) {
  switch (p) {
    case Precision::fp32:
      return "fp32";
    case Precision::tf32:
      return "tf32";
    case Precision::fp16:
      return "fp16";
    case Precision::bf16:
      return "bf16";
  }
  return "fp32";
}

Precision parse_precision(std::string_view name) {
  std::string known;
  for (Precision p : kPrecisions) {
    if (name == precision_name(p)) return p;
    known += known.empty() ? "" : ", ";
    known += precision_name(p);
  }
  throw bad_input("unknown precision '" + std::string(name) + "'; known: " + known);
}

void require_cpu_settings(const std::string& backend, const EngineContext& context,
                          bool takes_bf16) {
  const Precision p = context.precision;
  if (p != Precision::fp32 && !(takes_bf16 && p == Precision::bf16)) {
    throw unsupported("backend '" + backend + "' runs " + (takes_bf16 ? "fp32 and bf16" : "fp32") +
                      " only, not precision '" + std::string(precision_name(p)) +
                      "' (tf32 and fp16 need --backend cudnn; bf16 runs on onednn and cudnn)");
  }
  if (context.cuda_graph) {
    throw unsupported("backend '" + backend +
                      "' has no CUDA graphs (--cuda-graph needs --backend cudnn)");
  }
}

}  // namespace synergy
