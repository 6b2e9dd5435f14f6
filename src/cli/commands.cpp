#include "cli/commands.hpp"

#include <array>

namespace synergy::cli {

std::span<const Command> commands() {
  static const std::array<Command, 15> table{{
      {"profile", "per-layer energy, time and counters of a network (the main job)", run_profile},
      {"run", "run a network and time it, optionally per layer", run_run},
      {"inspect", "per-layer shapes and analytic costs of a network", run_inspect},
      {"zoo", "list the built-in networks", run_zoo},
      {"export", "write a network as ONNX or Caffe prototxt", run_export},
      {"sample", "draw networks from a design space and write them as ONNX", run_sample},
      {"collect", "profile every network of a folder into the store, resumably", run_collect},
      {"sensors", "list energy sources and counter presets, or watch power", run_sensors},
      {"fit", "fit an energy/time model to profiles or a CSV dataset", run_fit},
      {"evaluate", "cross-validate models on unseen networks", run_evaluate},
      {"predict", "predict a network's energy and time without running it", run_predict},
      {"calibrate", "fit a kernel-level latency model of this device on sampled networks",
       run_calibrate},
      {"study", "reproduce the SyNERGY study's models on its published data", run_study},
      {"runs", "list, show, compare and export stored runs; import runs saved as files", run_runs},
      {"report", "a self-contained HTML report of a run, a diff or an evaluation", run_report},
  }};
  return table;
}

}  // namespace synergy::cli
