#include "cli/profile_pipeline.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <numeric>
#include <sstream>

#include "cli/backend.hpp"
#include "cli/build_info.hpp"
#include "engine/accuracy.hpp"
#include "engine/npy.hpp"
#include "engine/threads.hpp"
#include "io/load.hpp"
#include "measure/counters/event_resolver.hpp"
#include "measure/counters/presets.hpp"
#include "measure/duration.hpp"
#include "profile/gpu_counters_phase.hpp"
#include "profile/result_record.hpp"
#include "report/chrome_trace.hpp"
#include "report/html.hpp"
#include "result/context.hpp"
#include "store/sqlite.hpp"
#include "util/error.hpp"
#include "util/write_file.hpp"

namespace synergy::cli {

namespace {

volatile sig_atomic_t g_signal = 0;  // the signal that stops the profile; all a handler touches
void on_stop_signal(int signal) {
  g_signal = signal;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_signal = 0;
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &sa, &previous_[i]);
}

InterruptGuard::~InterruptGuard() {
  for (size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &previous_[i], nullptr);
}

bool InterruptGuard::interrupted() const {
  return g_signal != 0;
}

int InterruptGuard::exit_code() const {
  return 128 + g_signal;
}

const char* InterruptGuard::signal_name() const {
  return g_signal == SIGTERM ? "SIGTERM" : g_signal == SIGHUP ? "SIGHUP" : "SIGINT";
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

namespace {

// A signed duration: "-12.5s", "300ms".
int64_t parse_offset_ns(const std::string& text) {
  if (!text.empty() && text.front() == '-') return -parse_duration_ns(text.substr(1));
  return parse_duration_ns(text.empty() || text.front() != '+' ? text : text.substr(1));
}

std::vector<std::string> counter_events(const std::string& presets) {
  if (presets.empty()) return {};
  return load_presets(default_preset_dir(), detected_pmus()).events_of(presets);
}

// The profile's context, with what only the binary knows: its version, commit and store library.
RunContext context_for(const Engine& e, const ChosenSource& energy, size_t domain) {
  RunContext c = profile_context(e, {energy.source.get(), domain}, energy.unavailable);
  c.libraries["SQLite"] = sql::library_version();
  c.synergy_version = build_version();
  c.git_commit = build_commit();
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

void write_trace_file(const std::string& path, const ResultRecord& record, const ProfileOutcome& o,
                      const std::optional<PowerTrack>& power) {
  TraceExport data{record.model, &o.timeline, {}, layer_slice_args(record)};
  if (power) data.power.push_back(*power);
  std::ostringstream out;
  write_chrome_trace(out, data);
  write_file(path, out.str(), "trace");
  std::fprintf(stderr, "trace written to %s (open in ui.perfetto.dev)\n", path.c_str());
}

void write_report_file(const std::string& path, const ResultRecord& record, const ProfileOutcome& o,
                       const std::optional<PowerTrack>& power) {
  RunReport r;
  r.record = &record;
  r.costs = layer_slice_args(record);
  r.timeline = &o.timeline;
  if (power) r.power = &*power;
  r.timeline_missing = "no layer spans were recorded";
  std::ostringstream out;
  write_run_report(out, r);
  write_file(path, out.str(), "report");
  std::fprintf(stderr, "report written to %s\n", path.c_str());
}

// Prints the record and writes the trace and report; the store failure (the run is saved in a file)
// comes first when both go wrong, the output error is said on stderr.
void write_outputs(const ProfileArgs& a, RecordWriter& writer, const ResultRecord& record,
                   const ProfileOutcome& o, const std::vector<Tensor>& outputs,
                   const std::optional<Error>& store_failure) {
  try {
    if (!a.output.empty() && !outputs.empty())
      write_file(a.output, format_npy(outputs.front()), "output");
    else if (!a.output.empty())
      std::fprintf(stderr, "synergy %s: interrupted: no output written to %s\n", a.command.c_str(),
                   a.output.c_str());
    writer.write(record);
    check_stdout();
    // The sensor's readings as the trace and the report draw them, made once for both.
    std::optional<PowerTrack> power;
    if ((!a.trace.empty() || !a.report.empty()) && o.sensor) power = power_track(*o.sensor);
    if (!a.trace.empty()) write_trace_file(a.trace, record, o, power);
    if (!a.report.empty()) write_report_file(a.report, record, o, power);
  } catch (const Error& e) {
    if (!store_failure) throw;
    std::fprintf(stderr, "synergy %s: error: %s\n", a.command.c_str(), e.what());
  }
  if (store_failure) throw *store_failure;
}

std::vector<Tensor> make_inputs(const Engine& engine, const ProfileArgs& a) {
  if (a.input.empty()) return engine.random_inputs(a.seed);
  const Graph& g = engine.graph();
  if (g.inputs.size() != 1) {
    throw bad_input("--input gives one tensor; network '" + g.name + "' has " +
                    std::to_string(g.inputs.size()) + " inputs");
  }
  Tensor t = read_npy(a.input);
  const Shape& want = g.shape(g.inputs[0]);
  if (t.shape != want) {
    throw bad_input("'" + a.input + "' has shape " + t.shape.str() + "; network '" + g.name +
                    "' takes " + want.str() + " (float32 NCHW; dim 0 is --batch)");
  }
  std::vector<Tensor> in;
  in.push_back(std::move(t));
  return in;
}

// The k largest values of each image's output, largest first (ties: the lower index).
TopOutputs top_outputs(const Graph& g, const Tensor& out, int64_t k) {
  TopOutputs t;
  t.output = g.values[static_cast<size_t>(g.outputs[0])].name;
  const int64_t n = out.shape.rank() ? out.shape[0] : 1;
  const int64_t per = n > 0 ? out.shape.numel() / n : 0;
  for (int64_t b = 0; b < n; ++b) {
    std::vector<int64_t> idx(static_cast<size_t>(per));
    std::iota(idx.begin(), idx.end(), 0);
    const float* v = out.data.data() + b * per;
    const auto kk = static_cast<size_t>(std::min(k, per));
    std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(kk), idx.end(),
                      [v](int64_t x, int64_t y) { return v[x] > v[y] || (v[x] == v[y] && x < y); });
    auto& best = t.images.emplace_back();
    for (size_t i = 0; i < kk; ++i) best.emplace_back(idx[i], v[idx[i]]);
  }
  return t;
}

}  // namespace

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
  ec.winograd = !a.no_winograd;
  ec.precision = parse_precision(a.precision);
  ec.cuda_graph = a.cuda_graph;
  p.engine = std::make_unique<Engine>(std::move(graph), resolve_backend(a.backend), ec);
  SourceOptions so;
  so.trace_clock_auto = a.trace_offset == "auto";
  if (!a.trace_offset.empty() && !so.trace_clock_auto)
    so.trace_clock_offset_ns = parse_offset_ns(a.trace_offset);
  so.max_power_w = a.max_power_w;
  so.sysfs_root = resolve_sysfs_root(a.sysfs_root);
  p.energy = choose_energy_source(a.energy, so);
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
  opt.inputs = make_inputs(*p.engine, a);
  opt.progress = progress_printer(p.model);
  return p;
}

Ended profile_one(const ProfileArgs& a, Prepared& p, const InterruptGuard& guard,
                  ResultStore* store, RecordWriter& writer, std::string& energy_failure) {
  Engine& engine = *p.engine;
  const ChosenSource& energy = p.energy;
  const size_t domain = p.domain;
  const std::string& model = p.model;
  // Said before the run; the reason once: in the table, or here where a program reads stdout.
  // `run` measures time only, as it says.
  if (!energy.source && a.command != "run")
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

  ResultRecord record = make_record(model, outcome, context_for(engine, energy, domain));
  set_layer_costs(record, engine.graph());
  if (!record.has_samples()) return Ended::Empty;  // nothing measured: nothing shown or stored
  std::vector<Tensor> outputs;
  if (!guard.interrupted()) {
    record.network.error_vs_fp32 = error_vs_fp32(engine, opt.inputs);
    if (a.top_k > 0 || !a.output.empty()) {
      outputs = engine.make_outputs();
      engine.run(opt.inputs, outputs);
      if (a.top_k > 0)
        record.network.top_outputs = top_outputs(engine.graph(), outputs[0], a.top_k);
    }
  }
  if (record.partial && guard.interrupted())
    record.warnings.push_back(std::string("interrupted by ") + guard.signal_name() +
                              ": the phases after it did not run");
  const std::optional<Error> store_failure =
      store ? keep_run(*store, a.store, record) : std::nullopt;
  write_outputs(a, writer, record, outcome, outputs, store_failure);
  if (!outcome.energy_failure.empty()) energy_failure = record.context.energy_unavailable_reason;
  return record.partial ? Ended::Partial : Ended::Complete;
}

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
  if (!a.output.empty()) require_writable_path(a.output, "output");
}

int interrupted_exit(const InterruptGuard& guard, Ended ended, const std::string& model,
                     const std::string& command) {
  if (ended == Ended::Empty) {
    std::fprintf(stderr,
                 "synergy %s: interrupted by %s before the first completed sample of %s: "
                 "nothing to show or store\n",
                 command.c_str(), guard.signal_name(), model.c_str());
  } else if (ended == Ended::Partial) {
    std::fprintf(stderr, "synergy %s: interrupted by %s; results so far are marked partial\n",
                 command.c_str(), guard.signal_name());
  } else {
    std::fprintf(stderr, "synergy %s: interrupted by %s after %s was done\n", command.c_str(),
                 guard.signal_name(), model.c_str());
  }
  return guard.exit_code();
}

}  // namespace synergy::cli
