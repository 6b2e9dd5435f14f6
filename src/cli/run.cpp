// synergy run: run a network on a backend and time it, whole inference and optionally per layer.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>

#include "cli/args.hpp"
#include "cli/backend.hpp"
#include "cli/commands.hpp"
#include "engine/accuracy.hpp"
#include "engine/engine.hpp"
#include "engine/npy.hpp"
#include "engine/threads.hpp"
#include "engine/timing_observer.hpp"
#include "graph/cost.hpp"
#include "graph/op.hpp"
#include "io/load.hpp"
#include "measure/duration.hpp"
#include "profile/statistics.hpp"
#include "report/type_table.hpp"
#include "util/clock.hpp"
#include "util/csv.hpp"
#include "util/error.hpp"
#include "util/json_document.hpp"
#include "util/openmp_wait.hpp"
#include "util/text_table.hpp"
#include "util/write_file.hpp"

namespace synergy::cli {
namespace {

struct RunArgs {
  std::string model;
  std::string backend;
  int threads = 0;
  int64_t batch = 1;
  int64_t warmup = 3;
  int64_t iterations = 0;
  std::string min_time = "1s";
  bool per_layer = false;
  std::string input;
  std::string output;
  int64_t top_k = 0;
  uint64_t seed = 1;
  bool no_fuse = false;
  std::string precision = "fp32";
  bool cuda_graph = false;
  std::string format = "table";
  TypeArgs types;
};

struct LayerRow {
  std::string name, type;
  Summary ms;
  double share = 0.0;  // of the sum of layer means
  int64_t macs = 0;
  std::string fused_into;  // the layer whose kernel runs this one, "" = its own kernel
  bool view = false;       // a view of its input: no kernel, no data moved
};

struct RunResult {
  Summary latency_ms;
  Summary observed_ms;  // whole runs with every layer observed (count 0 without --per-layer)
  std::vector<LayerRow> layers;
  std::vector<Tensor> outputs;
  // Below fp32: the outputs' relative L2 error against fp32 on the same backend and input (the
  // largest over the outputs).
  std::optional<double> error_vs_fp32;
};

constexpr const char* kExamples = R"(
examples:
  synergy run alexnet                                 default backend, random input, 1 s of runs
  synergy run squeezenet --backend blas --threads 1 --iterations 50 --per-layer
  synergy run model.onnx --input x.npy --output y.npy --top-k 5
  synergy run resnet50 --batch 8 --min-time 5s --format json
  synergy run resnet50 --backend cudnn --precision fp16 --cuda-graph --batch 32

Input: random uniform [-1, 1) from --seed, or a float32 NCHW .npy of exactly the network's input
shape (dim 0 = --batch). Timing: wall clock (CLOCK_MONOTONIC) per inference after --warmup runs.
)";

void add_options(CLI::App& app, RunArgs& a) {
  app.add_option("model", a.model, "zoo name or .onnx/.prototxt file")->required();
  app.add_option("--backend", a.backend,
                 "onednn, blas, cudnn, reference (default: onednn if built)");
  app.add_option("--threads", a.threads, "threads, 0 = all cores")->check(CLI::NonNegativeNumber);
  app.add_option("--batch", a.batch, "batch size")->check(CLI::Range(1, 100000));
  app.add_option("--warmup", a.warmup, "untimed runs first")->check(CLI::NonNegativeNumber);
  auto* it = app.add_option("--iterations", a.iterations, "timed runs (instead of --min-time)")
                 ->check(CLI::Range(1, 100000000));
  app.add_option("--min-time", a.min_time, "run at least this long, e.g. 2s, 500ms")->excludes(it);
  app.add_flag("--per-layer", a.per_layer, "also time every layer (a second, observed pass)");
  app.add_option("--input", a.input, "input .npy (float32, NCHW)");
  app.add_option("--output", a.output, "write the first output to this .npy");
  app.add_option("--top-k", a.top_k, "print the K largest outputs per image")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", a.seed, "seed of random input and of params not loaded");
  app.add_flag("--no-fuse", a.no_fuse,
               "run every layer in its own kernel (no post-op activations or folded batch norm)");
  add_precision_options(app, a.precision, a.cuda_graph);
  add_format_option(app, a.format);
  add_type_options(app, a.types);
  app.footer(kExamples);
}

std::vector<Tensor> make_inputs(const Engine& engine, const RunArgs& a) {
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

Summary summary_ms(const std::vector<int64_t>& ns) {
  std::vector<double> ms(ns.size());
  std::transform(ns.begin(), ns.end(), ms.begin(), [](int64_t v) { return v * 1e-6; });
  return summarize(ms);
}

// Timed runs: a fixed count, or until `min_ns` has passed (at least 3 runs).
std::vector<int64_t> time_runs(Engine& e, const std::vector<Tensor>& in, std::vector<Tensor>& out,
                               int64_t count, int64_t min_ns) {
  std::vector<int64_t> ns;
  ns.reserve(static_cast<size_t>(std::max<int64_t>(count, 64)));
  const int64_t start = now_ns();
  while (count > 0 ? static_cast<int64_t>(ns.size()) < count
                   : (ns.size() < 3 || now_ns() - start < min_ns)) {
    const int64_t t0 = now_ns();
    e.run(in, out);
    ns.push_back(now_ns() - t0);
  }
  return ns;
}

std::vector<LayerRow> layer_rows(const Engine& e, const TimingObserver& t) {
  const Graph& g = e.graph();
  const NetworkCost cost = analyze(g);
  std::vector<LayerRow> rows;
  double total = 0.0;
  for (size_t l = 0; l < g.nodes.size(); ++l) {
    LayerRow r{g.nodes[l].name,
               std::string(op_def(g.nodes[l]).name),
               summary_ms(t.layer_ns()[l]),
               0.0,
               cost.layers[l].cost.macs,
               "",
               e.is_view(l)};
    if (const int host = e.fused_into(l); host >= 0)
      r.fused_into = g.nodes[static_cast<size_t>(host)].name;
    total += r.ms.mean;
    rows.push_back(std::move(r));
  }
  for (auto& r : rows) r.share = total > 0 ? r.ms.mean / total : 0.0;
  return rows;
}

RunResult measure(Engine& e, const RunArgs& a) {
  RunResult r;
  const auto in = make_inputs(e, a);
  r.outputs = e.make_outputs();
  r.error_vs_fp32 = error_vs_fp32(e, in);
  for (int64_t i = 0; i < a.warmup; ++i) e.run(in, r.outputs);
  const int64_t min_ns = a.iterations > 0 ? 0 : parse_duration_ns(a.min_time);
  const auto ns = time_runs(e, in, r.outputs, a.iterations, min_ns);
  r.latency_ms = summary_ms(ns);
  if (!a.per_layer) return r;
  TimingObserver timing(e.graph().nodes.size(), ns.size());
  e.set_observer(&timing);
  time_runs(e, in, r.outputs, static_cast<int64_t>(ns.size()), 0);
  e.set_observer(nullptr);
  r.observed_ms = summary_ms(timing.run_ns());
  r.layers = layer_rows(e, timing);
  return r;
}

// Indices of the k largest values of each image's output.
std::vector<std::vector<std::pair<int64_t, float>>> top_k(const Tensor& out, int64_t k) {
  std::vector<std::vector<std::pair<int64_t, float>>> result;
  const int64_t n = out.shape.rank() ? out.shape[0] : 1;
  const int64_t per = n > 0 ? out.shape.numel() / n : 0;
  for (int64_t b = 0; b < n; ++b) {
    std::vector<int64_t> idx(static_cast<size_t>(per));
    std::iota(idx.begin(), idx.end(), 0);
    const float* v = out.data.data() + b * per;
    const auto kk = static_cast<size_t>(std::min(k, per));
    std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(kk), idx.end(),
                      [v](int64_t x, int64_t y) { return v[x] > v[y] || (v[x] == v[y] && x < y); });
    std::vector<std::pair<int64_t, float>> best;
    for (size_t i = 0; i < kk; ++i) best.emplace_back(idx[i], v[idx[i]]);
    result.push_back(std::move(best));
  }
  return result;
}

std::vector<TypedLayer> typed(const RunResult& r) {
  std::vector<TypedLayer> layers;
  for (const LayerRow& l : r.layers) {
    const bool own = l.fused_into.empty() && !l.view;
    layers.push_back({l.type, own ? l.ms.mean : 0.0, std::nullopt, 0.0, own});
  }
  return layers;
}

std::string input_text(const RunArgs& a) {
  return a.input.empty() ? "random uniform [-1, 1), seed " + std::to_string(a.seed) : a.input;
}

void print_table(const Engine& e, const RunArgs& a, const RunResult& r) {
  const Graph& g = e.graph();
  fmt::print("network {} | backend {} | precision {}{} | threads {} | batch {} | input {}\n",
             g.name, e.backend().name(), precision_name(e.context().precision),
             e.context().cuda_graph ? " | CUDA graph replay" : "", resolve_threads(e.context()),
             g.batch(), input_text(a));
  fmt::print("OpenMP wait: {}\n", openmp_wait_description());
  const Summary& s = r.latency_ms;
  fmt::print("latency per inference (wall clock, {} timed runs after {} warm-up)\n", s.count,
             a.warmup);
  fmt::print(
      "  mean {:.4f} ms  median {:.4f} ms  stddev {:.4f} ms  cv {:.2f} %  min {:.4f} ms  "
      "count {}\n",
      s.mean, s.median, s.stddev, 100 * s.cv, s.min, s.count);
  if (r.error_vs_fp32) {
    fmt::print("accuracy: relative L2 error {:.2e} against fp32 (same backend and input)\n",
               *r.error_vs_fp32);
  }
  if (a.per_layer) {
    fmt::print(
        "\nper layer (a second pass of {} runs with every layer observed; observed/plain "
        "median = {:.4f})\n",
        r.observed_ms.count, r.observed_ms.median / s.median);
    fmt::print("{:>4}  {:<28} {:<15} {:>10} {:>10} {:>8} {:>7} {:>15} {:>8}\n", "#", "layer",
               "type", "mean ms", "median ms", "cv %", "share", "MACs", "GMAC/s");
    for (size_t i = 0; i < r.layers.size(); ++i) {
      const LayerRow& l = r.layers[i];
      if (!l.fused_into.empty()) {
        fmt::print("{:>4}  {:<28} {:<15} {:>10}  (fused into {}: counted there)\n", i,
                   l.name.substr(0, 28), l.type, "fused", l.fused_into);
        continue;
      }
      if (l.view) {
        fmt::print("{:>4}  {:<28} {:<15} {:>10}  (view of its input: no kernel, no data moved)\n",
                   i, l.name.substr(0, 28), l.type, "view");
        continue;
      }
      const std::string gmacs =
          l.macs > 0 && l.ms.mean > 0 ? fmt::format("{:.2f}", l.macs / (l.ms.mean * 1e6)) : "-";
      fmt::print("{:>4}  {:<28} {:<15} {:>10.4f} {:>10.4f} {:>8.1f} {:>6.1f}% {:>15} {:>8}\n", i,
                 l.name.substr(0, 28), l.type, l.ms.mean, l.ms.median, 100 * l.ms.cv, 100 * l.share,
                 l.macs, gmacs);
    }
    const TableOptions t = a.types.table();
    fmt::print("\n");
    std::fflush(stdout);
    write_type_table(std::cout, summarize_by_type(typed(r), t.type_order), t.top_types,
                     t.type_order);
    std::cout.flush();
  }
  if (a.top_k > 0) {
    const auto best = top_k(r.outputs[0], a.top_k);
    for (size_t b = 0; b < best.size(); ++b) {
      fmt::print("\ntop-{} of output '{}', image {}:\n", a.top_k,
                 g.values[static_cast<size_t>(g.outputs[0])].name, b);
      for (const auto& [cls, v] : best[b]) fmt::print("  class {:>6}  {:.6g}\n", cls, v);
    }
  }
}

std::vector<std::string> csv_fields(const std::string& scope, const std::string& name,
                                    const std::string& type, const Summary& s, double share,
                                    int64_t macs) {
  const std::string gmacs =
      macs > 0 && s.mean > 0 ? fmt::format("{:.4f}", macs / (s.mean * 1e6)) : "";
  return {scope,
          name,
          type,
          std::to_string(s.count),
          fmt::format("{:.6f}", s.mean),
          fmt::format("{:.6f}", s.median),
          fmt::format("{:.6f}", s.stddev),
          fmt::format("{:.6f}", s.cv),
          fmt::format("{:.6f}", s.min),
          fmt::format("{:.6f}", share),
          std::to_string(macs),
          gmacs};
}

void print_csv(const Engine& e, const RunResult& r) {
  std::fflush(stdout);
  write_csv_row(std::cout, {"scope", "name", "type", "count", "mean_ms", "median_ms", "stddev_ms",
                            "cv", "min_ms", "share", "macs", "gmac_per_s", "backend", "precision",
                            "cuda_graph", "view", "fused_into", "relative_l2_error_vs_fp32"});
  auto row = [&](std::vector<std::string> fields, bool view, const std::string& fused_into,
                 const std::string& error) {
    fields.push_back(e.backend().name());
    fields.emplace_back(precision_name(e.context().precision));
    fields.push_back(e.context().cuda_graph ? "1" : "0");
    fields.push_back(view ? "1" : "0");
    fields.push_back(fused_into);
    fields.push_back(error);
    write_csv_row(std::cout, fields);
  };
  row(csv_fields("network", e.graph().name, "network", r.latency_ms, 1.0,
                 analyze(e.graph()).total.macs),
      false, "", r.error_vs_fp32 ? fmt::format("{:.3e}", *r.error_vs_fp32) : "");
  for (const auto& l : r.layers)
    row(csv_fields("layer", l.name, l.type, l.ms, l.share, l.macs), l.view, l.fused_into, "");
  std::cout.flush();
}

nlohmann::json summary_json(const Summary& s) {
  return {{"unit", "ms"},       {"count", s.count}, {"mean", s.mean}, {"median", s.median},
          {"stddev", s.stddev}, {"cv", s.cv},       {"min", s.min},   {"max", s.max}};
}

void print_json(const Engine& e, const RunArgs& a, const RunResult& r) {
  const Graph& g = e.graph();
  auto j = json_document("synergy-run", 1,
                         {{"latency", "ms per inference"},
                          {"time", "ms per inference"},
                          {"share", "fraction of the summed layer time"},
                          {"macs", "multiply-accumulates per inference"}});
  j["context"] = {{"network", g.name},
                  {"source", g.source},
                  {"backend", e.backend().name()},
                  {"precision", std::string(precision_name(e.context().precision))},
                  {"cuda_graph", e.context().cuda_graph},
                  {"threads", resolve_threads(e.context())},
                  {"openmp_wait", openmp_wait_description()},
                  {"batch", g.batch()},
                  {"input", input_text(a)},
                  {"warmup", a.warmup},
                  {"clock", "CLOCK_MONOTONIC wall time per inference"}};
  j["latency"] = summary_json(r.latency_ms);
  j["macs"] = analyze(g).total.macs;
  if (r.error_vs_fp32) {
    j["accuracy"] = {{"relative_l2_error", *r.error_vs_fp32},
                     {"against", "fp32, same backend and input"}};
  }
  if (a.per_layer) {
    j["observed_latency"] = summary_json(r.observed_ms);
    j["layers"] = nlohmann::json::array();
    for (const auto& l : r.layers) {
      j["layers"].push_back({{"name", l.name},
                             {"type", l.type},
                             {"time", summary_json(l.ms)},
                             {"share", l.share},
                             {"macs", l.macs},
                             {"fused_into", l.fused_into},
                             {"view", l.view}});
    }
    j["by_type"] = nlohmann::json::array();
    for (const TypeSummary& t : summarize_by_type(typed(r), TypeOrder::Time))
      j["by_type"].push_back({{"type", t.type},
                              {"layers", t.layers},
                              {"kernels", t.kernels},
                              {"time", t.time_ms},
                              {"share", t.time_share}});
  }
  if (a.top_k > 0) {
    j["top_k"] = nlohmann::json::array();
    for (const auto& image : top_k(r.outputs[0], a.top_k)) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& [cls, v] : image) list.push_back({{"class", cls}, {"value", v}});
      j["top_k"].push_back(list);
    }
  }
  fmt::print("{}\n", j.dump(2));
}

}  // namespace

int run_run(int argc, char** argv) {
  CLI::App app{"Run a network on a backend and time it, whole inference and optionally per layer",
               "synergy run"};
  RunArgs a;
  add_options(app, a);
  if (auto done = parse_args(app, argc, argv)) return *done;
  EngineContext context{a.threads, a.seed, !a.no_fuse};
  context.precision = parse_precision(a.precision);
  context.cuda_graph = a.cuda_graph;
  if (!a.output.empty()) require_writable_path(a.output, "output");
  Graph g = load_network(a.model, LoadOptions{a.batch, {}});
  a.backend = resolve_backend(a.backend);
  Engine engine(std::move(g), a.backend, context);
  const RunResult r = measure(engine, a);
  if (!a.output.empty()) write_file(a.output, format_npy(r.outputs.at(0)), "output");
  if (a.format == "json") {
    print_json(engine, a, r);
  } else if (a.format == "csv") {
    print_csv(engine, r);
  } else {
    print_table(engine, a, r);
  }
  return 0;
}

}  // namespace synergy::cli
