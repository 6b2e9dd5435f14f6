#include "profile/gpu_counters_phase.hpp"

#include <cstdio>

#include "engine/engine.hpp"
#include "measure/gpu_counters/gpu_counter_session.hpp"
#include "profile/layer_counter_merge.hpp"
#include "profile/session.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {

GpuCounterResult collect_on(Engine& engine, GpuCounterSession& session, uint64_t seed) {
  const std::vector<Tensor> inputs = engine.random_inputs(seed);
  std::vector<Tensor> outputs = engine.make_outputs();
  engine.set_observer(&session);
  try {
    GpuCounterResult r = session.collect([&] { engine.run(inputs, outputs); });
    engine.set_observer(nullptr);
    return r;
  } catch (...) {
    engine.set_observer(nullptr);
    throw;
  }
}

void note(ProfileOutcome& outcome, const std::string& text) {
  std::fprintf(stderr, "synergy profile: %s\n", text.c_str());
  outcome.warnings.push_back(text);
}

}  // namespace

GpuMetricRequest gpu_counter_request(const std::string& presets, const std::string& backend) {
  if (backend != "cudnn")
    throw bad_input("--gpu-counters needs --backend cudnn (got '" +
                    (backend.empty() ? std::string("the default") : backend) + "')");
  const GpuPresetCatalog catalog = load_gpu_presets(default_gpu_preset_dir());
  return catalog.request_of(presets.empty() ? "default" : presets);
}

std::string add_gpu_counters(Engine& engine, const GpuMetricRequest& request, uint64_t seed,
                             ProfileOutcome& outcome) {
  GpuCounterResult result;
  if (engine.context().cuda_graph) {
    result.unavailable = "CUDA-graph replay hides the layer boundaries; run without --cuda-graph";
  } else {
    GpuCounterRequest r;
    r.layer_names = outcome.layer_names;
    r.metrics = request;
    GpuCounterSession session(std::move(r));
    result.unavailable = session.unavailable_reason();
    if (result.unavailable.empty()) result = collect_on(engine, session, seed);
  }
  if (!result.unavailable.empty()) {
    note(outcome, "GPU counters unavailable: " + result.unavailable);
    return "";
  }
  add_layer_counters(outcome, result.metrics, result.metric_unavailable, result.layers,
                     result.provenance());
  if (!result.unmatched_ranges.empty())
    note(outcome, std::to_string(result.unmatched_ranges.size()) +
                      " GPU counter range(s) matched no layer, e.g. '" +
                      result.unmatched_ranges.front() + "'");
  if (result.dropped_ranges > 0)
    note(outcome, "CUPTI dropped " + std::to_string(result.dropped_ranges) +
                      " GPU counter range(s): those layers have no GPU counters");
  std::fprintf(stderr, "synergy profile: GPU counters: %s\n", result.provenance().c_str());
  return result.provenance();
}

}  // namespace synergy
