// synergy run: a network's latency on a backend, whole inference and optionally per layer. It is
// a profile with energy and counters off: one pipeline, one record, the same reporters and store.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <iostream>
#include <limits>
#include <memory>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/profile_pipeline.hpp"
#include "cli/store_args.hpp"
#include "measure/duration.hpp"
#include "util/error.hpp"

namespace synergy::cli {
namespace {

struct RunArgs {
  ProfileArgs profile;
  int64_t warmup = 3;
  int64_t iterations = 0;
  std::string min_time = "1s";
  bool per_layer = false;
};

constexpr const char* kRunExamples = R"(
examples:
  synergy run alexnet                                 default backend, random input, 1 s of runs
  synergy run squeezenet --backend blas --threads 1 --iterations 50 --per-layer
  synergy run model.onnx --input x.npy --output y.npy --top-k 5
  synergy run resnet50 --batch 8 --min-time 5s --format json --no-store
  synergy run resnet50 --backend cudnn --precision fp16 --cuda-graph --batch 32

Input: random uniform [-1, 1) from --seed, or a float32 NCHW .npy of exactly the network's input
shape (dim 0 = --batch). Timing: wall clock (CLOCK_MONOTONIC) of each inference after --warmup
runs; with --per-layer, a second pass of as many runs (or as long) times every layer. The result
is the record `synergy profile` writes, without energy or counters, and is appended to the store
like a profile's (`synergy runs list`) unless --no-store.
)";

void add_options(CLI::App& app, RunArgs& r) {
  ProfileArgs& a = r.profile;
  app.add_option("model", a.model, "zoo name or .onnx/.prototxt file")->required();
  app.add_option("--backend", a.backend,
                 "onednn, blas, cudnn, reference (default: onednn if built)");
  app.add_option("--threads", a.threads, "threads, 0 = all cores")->check(CLI::NonNegativeNumber);
  app.add_option("--batch", a.batch, "batch size")->check(CLI::Range(1, 100000));
  app.add_option("--warmup", r.warmup, "untimed runs first")->check(CLI::NonNegativeNumber);
  auto* it = app.add_option("--iterations", r.iterations, "timed runs (instead of --min-time)")
                 ->check(CLI::Range(1, 100000000));
  app.add_option("--min-time", r.min_time, "run at least this long, e.g. 2s, 500ms")->excludes(it);
  app.add_flag("--per-layer", r.per_layer, "also time every layer (a second, observed pass)");
  app.add_option("--input", a.input, "input .npy (float32, NCHW)");
  app.add_option("--output", a.output, "write the first output to this .npy");
  app.add_option("--top-k", a.top_k, "show the K largest outputs per image")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", a.seed, "seed of random input and of params not loaded");
  add_kernel_options(app, a.no_fuse, a.no_winograd);
  add_precision_options(app, a.precision, a.cuda_graph);
  add_format_option(app, a.format);
  add_type_options(app, a.types);
  app.add_option("--trace", a.trace, "write a Chrome/Perfetto trace JSON here (with --per-layer)");
  add_store_options(app, a.store);
  app.add_flag("--no-store", a.no_store, "do not append the result to the store");
  app.footer(kRunExamples);
}

// Every timed run is one sample: a fixed count, or as many as --min-time holds (at least 3); no
// confidence target stops them early. The per-layer pass, if asked for, is as long.
void time_like_run(ProfileOptions& o, const RunArgs& r) {
  o.warmup_iterations = r.warmup;
  o.min_sample_ns = 1;
  o.target_ci = -1.0;
  o.time_layers = r.per_layer;
  o.progress = {};
  if (r.iterations > 0) {
    o.min_samples = o.max_samples = r.iterations;
    o.max_time_ns = std::numeric_limits<int64_t>::max();
    o.layer_iterations = r.iterations;
  } else {
    o.max_time_ns = o.layer_time_ns = parse_duration_ns(r.min_time);
    o.min_samples = 3;
    o.max_samples = 10'000'000;
  }
}

}  // namespace

int run_run(int argc, char** argv) {
  CLI::App app{"A network's latency on a backend, whole inference and optionally per layer",
               "synergy run"};
  RunArgs r;
  ProfileArgs& a = r.profile;
  a.command = "run";
  a.threads = 0;
  a.energy = "none";
  add_options(app, r);
  if (auto done = parse_args(app, argc, argv)) return *done;
  check_args(a);
  if (r.iterations == 0) parse_duration_ns(r.min_time);
  if (!a.trace.empty() && !r.per_layer)
    throw bad_input("--trace draws the layers: add --per-layer");

  Prepared p = prepare(a, a.model, load_for(a, a.model));
  p.energy.unavailable = "synergy run measures time only (synergy profile measures energy)";
  time_like_run(p.options, r);
  InterruptGuard guard;
  std::unique_ptr<ResultStore> store;
  if (!a.no_store) store = open_store(a.store);
  RecordWriter writer(std::cout, a.format, false, a.types.table());
  std::string energy_failure;
  const Ended ended = profile_one(a, p, guard, store.get(), writer, energy_failure);
  if (guard.interrupted()) return interrupted_exit(guard, ended, p.model, a.command);
  if (ended == Ended::Empty)
    throw Error(ErrorKind::Runtime, "run of " + p.model + " timed nothing");
  return 0;
}

}  // namespace synergy::cli
