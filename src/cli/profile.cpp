// synergy profile and collect: per-layer time, energy and counters of a network (or of every
// network of a folder), with honest error bars.
#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/args.hpp"
#include "cli/backend.hpp"
#include "cli/commands.hpp"
#include "cli/profile_pipeline.hpp"
#include "cli/store_args.hpp"
#include "engine/threads.hpp"
#include "measure/duration.hpp"
#include "store/result_store.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "zoo/zoo.hpp"

namespace synergy::cli {
namespace {

constexpr const char* kProfileExamples = R"(
examples:
  synergy profile alexnet                          time, counters and (if a sensor exists) energy
  synergy profile squeezenet --iterations 20 --counters software
  synergy profile resnet50 --energy nvml --attribution trace --ci 0.5% --max-time 120s
  synergy profile model.onnx --energy estimate:65 --format json
  synergy profile mobilenet_v1 --trace mobilenet.json   open in ui.perfetto.dev
  synergy profile alexnet --report alexnet.html         one HTML page with plots, opens offline
  synergy profile squeezenet --backend cudnn --gpu-counters fp32,dram   per-layer GPU counters
  synergy profile --zoo --max-time 20s --store results.db
  synergy profile resnet50 --backend cudnn --precision fp16 --cuda-graph --energy nvml

Energy: --energy auto uses the first available sensor (rapl, nvml, hwmon, jetson) and otherwise
profiles time and counters only, saying that energy was not measured. Per-layer energy comes from
--attribution trace (least squares over sensor intervals, default), markers (integrate power
between layer boundaries; needs a sensor faster than the layers) or isolate. Every run is appended
to the SQLite store (default synergy.db) in one transaction, before any output file is written;
when the store stays locked past --store-wait or the disk is full, the run is saved as a JSON file
next to it for `synergy runs import`. Ctrl-C, SIGTERM or SIGHUP stop early: what was measured is
reported and stored, marked partial, and the exit code is 130, 143 or 129; a run stopped before
its first sample is not stored.
)";

void add_options(CLI::App& app, ProfileArgs& a) {
  app.add_option("model", a.model, "zoo name or .onnx/.prototxt file");
  app.add_flag("--zoo", a.zoo, "profile every zoo network in turn");
  app.add_option("--backend", a.backend,
                 "onednn, blas, cudnn, reference (default: onednn if built)");
  add_precision_options(app, a.precision, a.cuda_graph);
  app.add_option("--threads", a.threads, "threads, 0 = all cores (default 1, as the study)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--batch", a.batch, "batch size")->check(CLI::Range(1, 100000));
  app.add_option("--energy", a.energy,
                 "auto | none | rapl | nvml | nvml:power | hwmon | jetson | trace:FILE | "
                 "estimate[:TDP_W[:IDLE_W]]");
  app.add_option("--domain", a.domain, "energy domain to attribute (default: the first)");
  app.add_option("--counters", a.counters, "counter presets, e.g. simd,mem or software");
  app.add_option("--gpu-counters", a.gpu_counters,
                 "per-layer GPU counters (CUPTI; --backend cudnn): presets fp32, fp16, tensor, "
                 "dram, default (when no value is given)")
      ->expected(0, 1);
  app.add_option("--attribution", a.attribution, "trace | markers | isolate");
  app.add_option("--ci", a.ci, "target 95 % CI half-width of the network figure, e.g. 1%");
  app.add_option("--max-time", a.max_time, "budget of the whole-network sampling, e.g. 60s");
  app.add_option("--layer-time", a.layer_time, "per-layer timing duration, e.g. 2s");
  app.add_option("--attribution-time", a.attribution_time,
                 "budget of per-layer energy sampling (default: --max-time); it stops sooner "
                 "once every layer of 1 % of the run or more meets --layer-ci");
  app.add_option("--layer-ci", a.layer_ci,
                 "target 95 % interval of each layer's power (default 5%); a layer short of it "
                 "is shown as not attributed, with its estimate in the note");
  app.add_option("--trace-offset", a.trace_offset,
                 "added to a meter log's timestamps to reach CLOCK_MONOTONIC, e.g. -12.5s; "
                 "auto: found by playing a short busy/idle pattern on every core at the start "
                 "(and again at the end, for drift) while the meter writes its log");
  app.add_option("--max-power", a.max_power_w,
                 "most watts the measured domain can draw for real; readings beyond are rejected "
                 "and counted as sensor faults (default: the source's own, 2 kW for RAPL, "
                 "500 W per Jetson rail, none for meter logs)")
      ->check(CLI::PositiveNumber);
  app.add_option("--iterations", a.iterations, "per-layer timing over exactly N runs")
      ->check(CLI::Range(1, 100000000));
  add_format_option(app, a.format);
  add_type_options(app, a.types);
  add_sysfs_root_option(app, a.sysfs_root);
  app.add_option("--trace", a.trace, "write a Chrome/Perfetto trace JSON here");
  add_store_options(app, a.store);
  app.add_flag("--no-store", a.no_store, "do not append the results to the store");
  add_kernel_options(app, a.no_fuse, a.no_winograd);
  app.add_option("--seed", a.seed, "seed of random input and of params not loaded");
}

}  // namespace

int run_profile(int argc, char** argv) {
  CLI::App app{"Per-layer energy, time and counters of a network, with 95 % confidence intervals.",
               "synergy profile"};
  app.footer(kProfileExamples);
  ProfileArgs a;
  add_options(app, a);
  app.add_option("--report", a.report, "write a self-contained HTML report here");
  if (auto done = parse_args(app, argc, argv)) return *done;
  a.gpu_counters_on = app.count("--gpu-counters") > 0;
  if (a.zoo == !a.model.empty())
    throw bad_input("give one model (zoo name or file) or --zoo, not both or neither");
  if (a.zoo && !a.report.empty())
    throw bad_input(
        "--report writes one network's page: profile one network, or write each "
        "stored run's page with synergy report ID");
  check_args(a);

  InterruptGuard guard;
  std::unique_ptr<ResultStore> store;  // opened once the first network is ready to profile
  std::string energy_failure;          // of the last network whose sensor failed
  RecordWriter writer(std::cout, a.format, a.zoo,
                      a.types.table());  // --zoo: JSON Lines, one CSV header
  std::vector<std::string> specs;
  if (a.zoo) {
    for (const auto& z : zoo_entries()) specs.emplace_back(z.name);
  } else {
    specs.push_back(a.model);
  }
  for (const auto& spec : specs) {
    Prepared p = prepare(a, spec, load_for(a, spec));
    if (!a.no_store && !store) store = open_store(a.store);
    const Ended ended = profile_one(a, p, guard, store.get(), writer, energy_failure);
    if (!guard.interrupted()) {
      if (ended == Ended::Empty)
        throw Error(ErrorKind::Runtime, "profile of " + p.model + " completed no sample");
      continue;
    }
    return interrupted_exit(guard, ended, p.model, a.command);
  }
  // Time and counters are shown and stored; energy was not measured, and the code says so.
  if (!energy_failure.empty()) throw unavailable("energy not measured: " + energy_failure);
  return 0;
}

// A folder's networks: its .onnx and .prototxt files, in name order.
std::vector<std::string> models_in(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw bad_input("'" + dir + "' is not a folder (synergy sample writes one)");
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".onnx" || ext == ".prototxt"))
      files.push_back(e.path().string());
  }
  if (files.empty()) throw bad_input("no .onnx or .prototxt files in '" + dir + "'");
  std::sort(files.begin(), files.end());
  return files;
}

// A complete profile of this network on the backend, thread count and precision asked for is in
// the store (known before the network is compiled); a `run` without per-layer times is not one.
bool already_stored(const ResultStore& store, const ProfileArgs& a, const std::string& model) {
  const std::string backend = resolve_backend(a.backend);
  EngineContext context;
  context.threads = a.threads;
  const int64_t threads = resolve_threads(context);
  const std::string precision(precision_name(parse_precision(a.precision)));
  for (const auto& r : store.runs({.model = model, .backend = backend}))
    if (!r.partial && r.layers > 0 && r.threads == threads && r.precision == precision) return true;
  return false;
}

std::string minutes(double seconds) {
  return fmt::format("{}m{:02}s", static_cast<int64_t>(seconds) / 60,
                     static_cast<int64_t>(seconds) % 60);
}

int run_collect(int argc, char** argv) {
  CLI::App app{
      "Profiles every network of a folder into the results store, resumably: a network the store "
      "already holds a complete run of (same backend, threads and precision) is skipped.",
      "synergy collect"};
  app.footer(R"(
examples:
  synergy sample inverted --count 200 --out nets && synergy collect nets --budget 30m
  synergy collect nets --energy rapl --max-time 10s --layer-time 1s --store lab.db

Killed or out of budget, it stops between networks (a network under way when stopped is stored
partial, or not at all before its first sample); run it again to go on. --budget bounds when a
new network may start. The other options are those of synergy profile.)");
  ProfileArgs a;
  add_options(app, a);
  std::string budget = "30m";
  app.add_option("--budget", budget, "no network starts after this long, e.g. 30m")
      ->capture_default_str();
  if (auto done = parse_args(app, argc, argv)) return *done;
  a.gpu_counters_on = app.count("--gpu-counters") > 0;
  if (a.zoo || a.model.empty())
    throw bad_input("name a folder of .onnx/.prototxt files (profile --zoo profiles the zoo)");
  if (a.no_store) throw bad_input("collect keeps every run in the store: drop --no-store");
  check_args(a);
  const int64_t budget_ns = parse_duration_ns(budget);
  const std::vector<std::string> specs = models_in(a.model);
  InterruptGuard guard;
  const auto store = open_store(a.store);
  RecordWriter writer(std::cout, a.format, true, a.types.table());
  std::string energy_failure;
  const int64_t start = now_ns();
  int64_t profiled = 0, skipped = 0;
  const bool tty = isatty(STDERR_FILENO) != 0;
  for (size_t i = 0; i < specs.size(); ++i) {
    Graph graph = load_for(a, specs[i]);
    const std::string model = model_name(graph, specs[i]);
    if (already_stored(*store, a, model)) {
      ++skipped;
      continue;
    }
    const int64_t elapsed_ns = now_ns() - start;
    if (elapsed_ns >= budget_ns) break;
    const double spent = static_cast<double>(elapsed_ns) * 1e-9;
    const double left = static_cast<double>(specs.size() - i);
    std::fprintf(
        stderr, "%scollect: [%zu/%zu] %s (%lld profiled, %lld already stored%s)%s",
        tty ? "\r\033[K" : "", i + 1, specs.size(), model.c_str(), static_cast<long long>(profiled),
        static_cast<long long>(skipped),
        profiled > 0
            ? (", about " + minutes(spent / static_cast<double>(profiled) * left) + " left").c_str()
            : "",
        tty ? "" : "\n");
    Prepared p = prepare(a, specs[i], std::move(graph));
    const Ended ended = profile_one(a, p, guard, store.get(), writer, energy_failure);
    if (guard.interrupted()) return interrupted_exit(guard, ended, p.model, a.command);
    ++profiled;
  }
  const auto left = static_cast<long long>(specs.size()) - profiled - skipped;
  std::fprintf(stderr, "%scollect: %lld profiled, %lld already stored, %lld left%s\n",
               tty ? "\r\033[K" : "", static_cast<long long>(profiled),
               static_cast<long long>(skipped), left,
               left > 0 ? " (budget spent: run again to go on)" : "");
  return 0;
}

}  // namespace synergy::cli
