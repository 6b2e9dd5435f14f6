// synergy profile: per-layer time, energy and counters of a network, with honest error bars.
#include <fmt/core.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/args.hpp"
#include "cli/backend.hpp"
#include "cli/build_info.hpp"
#include "cli/commands.hpp"
#include "cli/store_args.hpp"
#include "engine/accuracy.hpp"
#include "engine/engine.hpp"
#include "engine/threads.hpp"
#include "io/load.hpp"
#include "measure/counters/event_resolver.hpp"
#include "measure/counters/presets.hpp"
#include "measure/duration.hpp"
#include "measure/registry.hpp"
#include "profile/gpu_counters_phase.hpp"
#include "profile/result_record.hpp"
#include "profile/session.hpp"
#include "report/chrome_trace.hpp"
#include "report/html.hpp"
#include "report/output.hpp"
#include "result/context.hpp"
#include "store/result_store.hpp"
#include "store/sqlite.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/write_file.hpp"
#include "zoo/zoo.hpp"

namespace synergy::cli {
namespace {

volatile sig_atomic_t g_signal = 0;  // the signal that stops the profile; all a handler touches
void on_stop_signal(int signal) {
  g_signal = signal;
}

// Ctrl-C, `kill`/`timeout`/systemd/SLURM (SIGTERM) and a closed terminal (SIGHUP) all stop a
// profile at the next run boundary: what was measured is kept, marked partial, and the exit
// code is 128 + the signal (130, 143, 129). The previous handlers come back afterwards.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_signal = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &sa, &previous_[i]);
  }
  ~InterruptGuard() {
    for (size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &previous_[i], nullptr);
  }
  bool interrupted() const { return g_signal != 0; }
  int exit_code() const { return 128 + g_signal; }
  const char* signal_name() const {
    return g_signal == SIGTERM ? "SIGTERM" : g_signal == SIGHUP ? "SIGHUP" : "SIGINT";
  }

 private:
  static constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGHUP};
  std::array<struct sigaction, 3> previous_{};
};

struct ProfileArgs {
  std::string model;
  bool zoo = false;
  std::string backend;
  int threads = 1;
  int64_t batch = 1;
  std::string energy = "auto";
  std::string domain;
  std::string counters;
  std::string gpu_counters;  // presets; "" = default
  bool gpu_counters_on = false;
  std::string attribution = "trace";
  std::string ci = "1%";
  std::string max_time = "60s";
  std::string layer_time = "2s";
  std::string attribution_time;
  std::string layer_ci = "5%";
  std::string trace_offset;
  double max_power_w = 0;
  int64_t iterations = 0;
  std::string format = "table";
  TypeArgs types;
  std::string sysfs_root;
  std::string trace;
  std::string report;  // HTML report (profile only, one network)
  StoreArgs store;
  bool no_store = false;
  bool no_fuse = false;
  std::string precision = "fp32";
  bool cuda_graph = false;
  uint64_t seed = 1;
};

constexpr const char* kExamples = R"(
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
  app.add_flag("--no-fuse", a.no_fuse,
               "run every layer in its own kernel (no post-op activations or folded batch norm)");
  app.add_option("--seed", a.seed, "seed of random input and of params not loaded");
}

double parse_percent(const std::string& text, const char* flag) {
  std::string t = text;
  if (!t.empty() && t.back() == '%') t.pop_back();
  try {
    size_t used = 0;
    const double v = std::stod(t, &used);
    if (used == t.size() && v > 0 && v < 100) return v / 100.0;
  } catch (const std::exception&) {
  }
  throw bad_input(std::string(flag) + " wants a percentage such as 1% or 0.5%, got '" + text + "'");
}

struct OpenedSource {
  std::unique_ptr<EnergySource> source;
  std::string unavailable;  // why energy is not measured
};

// A signed duration: "-12.5s", "300ms".
int64_t parse_offset_ns(const std::string& text) {
  if (!text.empty() && text.front() == '-') return -parse_duration_ns(text.substr(1));
  return parse_duration_ns(text.empty() || text.front() != '+' ? text : text.substr(1));
}

OpenedSource open_energy(const std::string& spec, const SourceOptions& options) {
  OpenedSource out;
  if (spec == "none") {
    out.unavailable = "disabled with --energy none";
    return out;
  }
  if (spec != "auto") {
    auto s = make_energy_source(spec, options);
    require_available(*s);
    out.source = std::move(s);
    return out;
  }
  std::string tried;
  for (const auto& name : probe_source_names()) {
    auto s = make_energy_source(name, options);
    const Availability a = s->availability();
    if (a.available && !s->domains().empty()) {
      out.source = std::move(s);
      return out;
    }
    tried += (tried.empty() ? "" : ", ") + name;
  }
  // Each source's reason is long; `synergy sensors` gives them all.
  out.unavailable = "no energy sensor found (tried " + tried +
                    "; `synergy sensors` says why each is missing), or give one with --energy";
  return out;
}

size_t domain_index(const EnergySource& s, const std::string& name) {
  const auto domains = s.domains();
  if (domains.empty()) throw unavailable("energy source '" + s.name() + "' has no domains");
  if (name.empty()) return 0;
  std::string known;
  for (size_t i = 0; i < domains.size(); ++i) {
    if (domains[i].name == name) return i;
    known += " " + domains[i].name;
  }
  throw bad_input("unknown energy domain '" + name + "'; known:" + known);
}

std::vector<std::string> counter_events(const std::string& presets) {
  if (presets.empty()) return {};
  return load_presets(default_preset_dir(), detected_pmus()).events_of(presets);
}

RunContext context_for(const ProfileArgs& a, const Engine& e, const OpenedSource& energy,
                       size_t domain) {
  RunContext c = machine_context();
  c.backend = e.backend().name();
  for (const auto& [library, version] : e.backend().libraries()) c.libraries[library] = version;
  c.libraries["SQLite"] = sql::library_version();
  c.threads = resolve_threads(e.context());
  c.batch = a.batch;
  c.precision = precision_name(e.context().precision);
  c.cuda_graph = e.context().cuda_graph;
#ifdef NDEBUG
  c.build_type = "Release";
#else
  c.build_type = "Debug";
#endif
  c.synergy_version = build_version();
  c.git_commit = build_commit();
  if (!energy.source) {
    c.energy_source = "none";
    c.energy_provenance.reset();
    c.energy_unavailable_reason = energy.unavailable;
    return c;
  }
  c.energy_source = energy.source->name();
  c.energy_domain = energy.source->domains().at(domain).name;
  c.energy_provenance = energy.source->provenance();
  c.sensor_update_period_ns = energy.source->declared_update_period_ns();
  for (const auto& [k, v] : energy.source->context()) c.device[k] = v;
  if (c.device.count("gpu")) c.gpu = c.device["gpu"];
  if (c.device.count("driver")) c.driver = c.device["driver"];
  return c;
}

// Progress on a terminal only: one line rewritten in place on stderr.
std::function<void(std::string_view, double)> progress_printer(const std::string& model) {
  if (!isatty(STDERR_FILENO)) return {};
  return [model](std::string_view phase, double done) {
    fmt::print(stderr, "\r\033[K{}: {} {:3.0f} %", model, phase, done * 100.0);
    std::fflush(stderr);
  };
}

void write_trace_file(const std::string& path, const Graph& g, const ResultRecord& record,
                      const ProfileOutcome& o) {
  TraceExport data{record.model, &o.timeline, {}, layer_slice_args(g, record)};
  if (o.sensor) data.sensors.push_back(*o.sensor);
  std::ostringstream out;
  write_chrome_trace(out, data);
  write_file(path, out.str(), "trace");
  std::fprintf(stderr, "trace written to %s (open in ui.perfetto.dev)\n", path.c_str());
}

void write_report_file(const std::string& path, const Graph& g, const ResultRecord& record,
                       const ProfileOutcome& o) {
  RunReport r;
  r.record = &record;
  r.costs = layer_slice_args(g, record);
  r.timeline = &o.timeline;
  if (o.sensor) r.sensor = &*o.sensor;
  r.timeline_missing = "no layer spans were recorded";
  std::ostringstream out;
  write_run_report(out, r);
  write_file(path, out.str(), "report");
  std::fprintf(stderr, "report written to %s\n", path.c_str());
}

// Prints the record and writes the trace and report; the store failure (the run is saved in a file)
// comes first when both go wrong, the output error is said on stderr.
void write_outputs(const ProfileArgs& a, RecordWriter& writer, const ResultRecord& record,
                   const Graph& g, const ProfileOutcome& o,
                   const std::optional<Error>& store_failure) {
  try {
    writer.write(record);
    check_stdout();
    if (!a.trace.empty()) write_trace_file(a.trace, g, record, o);
    if (!a.report.empty()) write_report_file(a.report, g, record, o);
  } catch (const Error& e) {
    if (!store_failure) throw;
    std::fprintf(stderr, "synergy profile: error: %s\n", e.what());
  }
  if (store_failure) throw *store_failure;
}

// A network ready to profile: everything that fails on bad input or missing hardware is done
// here, before the store is opened, so such a run leaves no store file behind.
struct Prepared {
  std::string model;
  std::unique_ptr<Engine> engine;
  OpenedSource energy;
  size_t domain = 0;
  std::vector<std::string> counters;
  ProfileOptions options;
};

Graph load_for(const ProfileArgs& a, const std::string& spec) {
  LoadOptions lo;
  lo.batch = a.batch;
  return load_network(spec, lo);
}

std::string model_name(const Graph& graph, const std::string& spec) {
  return graph.name.empty() ? spec : graph.name;
}

Prepared prepare(const ProfileArgs& a, const std::string& spec, Graph graph) {
  Prepared p;
  p.model = model_name(graph, spec);
  EngineContext ec;
  ec.threads = a.threads;
  ec.seed = a.seed;
  ec.fuse_layers = !a.no_fuse;
  ec.precision = parse_precision(a.precision);
  ec.cuda_graph = a.cuda_graph;
  p.engine = std::make_unique<Engine>(std::move(graph), resolve_backend(a.backend), ec);
  SourceOptions so;
  so.trace_clock_auto = a.trace_offset == "auto";
  if (!a.trace_offset.empty() && !so.trace_clock_auto)
    so.trace_clock_offset_ns = parse_offset_ns(a.trace_offset);
  so.max_power_w = a.max_power_w;
  so.sysfs_root = resolve_sysfs_root(a.sysfs_root);
  p.energy = open_energy(a.energy, so);
  p.domain = p.energy.source ? domain_index(*p.energy.source, a.domain) : 0;
  p.counters = counter_events(a.counters);
  ProfileOptions& opt = p.options;
  opt.target_ci = parse_percent(a.ci, "--ci");
  opt.layer_ci = parse_percent(a.layer_ci, "--layer-ci");
  opt.max_time_ns = parse_duration_ns(a.max_time);
  opt.layer_time_ns = parse_duration_ns(a.layer_time);
  if (!a.attribution_time.empty()) opt.attribution_time_ns = parse_duration_ns(a.attribution_time);
  opt.layer_iterations = a.iterations;
  opt.attribution = parse_attribution_method(a.attribution);
  opt.seed = a.seed;
  opt.progress = progress_printer(p.model);
  return p;
}

enum class Ended { Complete, Partial, Empty };

// Profiles one prepared network, stores the record, then writes the outputs. energy_failure:
// set when the sensor failed during the run and left no energy figure.
Ended profile_one(const ProfileArgs& a, Prepared& p, const InterruptGuard& guard,
                  ResultStore* store, RecordWriter& writer, std::string& energy_failure) {
  Engine& engine = *p.engine;
  const OpenedSource& energy = p.energy;
  const size_t domain = p.domain;
  const std::string& model = p.model;
  // Said before the run; the reason once: in the table, or here where a program reads stdout.
  if (!energy.source)
    std::fprintf(
        stderr, "synergy profile: energy NOT measured%s. Time and counters only.\n",
        a.format == "table" ? " (the table says why)" : (": " + energy.unavailable).c_str());

  ProfileOptions& opt = p.options;
  opt.interrupted = [&guard] { return guard.interrupted(); };
  ProfileOutcome outcome =
      profile_network(engine, EnergySetup{energy.source.get(), domain}, p.counters, opt);
  if (opt.progress) std::fprintf(stderr, "\r\033[K");
  if (a.gpu_counters_on && !outcome.partial)
    add_gpu_counters(engine, gpu_counter_request(a.gpu_counters, a.backend), a.seed, outcome);

  ResultRecord record = make_record(model, outcome, context_for(a, engine, energy, domain));
  if (!record.has_samples()) return Ended::Empty;  // nothing measured: nothing shown or stored
  if (!guard.interrupted())
    record.network.error_vs_fp32 = error_vs_fp32(engine, engine.random_inputs(a.seed));
  if (record.partial && guard.interrupted())
    record.warnings.push_back(std::string("interrupted by ") + guard.signal_name() +
                              ": the phases after it did not run");
  const std::optional<Error> store_failure =
      store ? keep_run(*store, a.store, record) : std::nullopt;
  write_outputs(a, writer, record, engine.graph(), outcome, store_failure);
  if (!outcome.energy_failure.empty()) energy_failure = record.context.energy_unavailable_reason;
  return record.partial ? Ended::Partial : Ended::Complete;
}

// Every option that can be bad input is checked before anything runs (exit 2).
void check_args(const ProfileArgs& a) {
  if (a.gpu_counters_on) gpu_counter_request(a.gpu_counters, a.backend);
  parse_attribution_method(a.attribution);
  parse_precision(a.precision);
  parse_percent(a.ci, "--ci");
  parse_percent(a.layer_ci, "--layer-ci");
  if (!a.trace_offset.empty() && a.trace_offset != "auto") parse_offset_ns(a.trace_offset);
  parse_duration_ns(a.max_time);
  store_options(a.store);
  if (!a.trace.empty()) require_writable_path(a.trace, "trace");
  if (!a.report.empty()) require_writable_path(a.report, "report");
}

// Says how a stopped run ended; the exit code of the signal.
int interrupted_exit(const InterruptGuard& guard, Ended ended, const std::string& model) {
  if (ended == Ended::Empty) {
    std::fprintf(stderr,
                 "synergy profile: interrupted by %s before the first completed sample of %s: "
                 "nothing to show or store\n",
                 guard.signal_name(), model.c_str());
  } else if (ended == Ended::Partial) {
    std::fprintf(stderr, "synergy profile: interrupted by %s; results so far are marked partial\n",
                 guard.signal_name());
  } else {
    std::fprintf(stderr, "synergy profile: interrupted by %s after %s was done\n",
                 guard.signal_name(), model.c_str());
  }
  return guard.exit_code();
}

}  // namespace

int run_profile(int argc, char** argv) {
  CLI::App app{"Per-layer energy, time and counters of a network, with 95 % confidence intervals.",
               "synergy profile"};
  app.footer(kExamples);
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
    return interrupted_exit(guard, ended, p.model);
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

// A complete run of this network on the backend and thread count asked for is in the store
// (known before the network is compiled).
bool already_stored(const ResultStore& store, const ProfileArgs& a, const std::string& model) {
  const std::string backend = resolve_backend(a.backend);
  EngineContext context;
  context.threads = a.threads;
  const int64_t threads = resolve_threads(context);
  const std::string precision(precision_name(parse_precision(a.precision)));
  for (const auto& r : store.runs({.model = model, .backend = backend}))
    if (!r.partial && r.threads == threads && r.precision == precision) return true;
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
    if (guard.interrupted()) return interrupted_exit(guard, ended, p.model);
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
