// `synergy calibrate`: a kernel-level latency model of this device, fitted on networks drawn from
// the design spaces (or on any stored runs), with its held-out error and calibrated interval.
#include <fnmatch.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "engine/backend.hpp"
#include "measure/duration.hpp"
#include "predict/kernel/kernel_format.hpp"
#include "predict/kernel/kernel_model_json.hpp"
#include "predict/kernel/training_set.hpp"
#include "predict/record_rows.hpp"
#include "util/error.hpp"
#include "util/text.hpp"
#include "zoo/spaces/spaces.hpp"

namespace synergy::cli {

namespace {

constexpr const char* kCalibrateExamples = R"txt(examples:
  synergy calibrate --budget 20m --out device.json
  synergy calibrate --from lab.db --backend onednn --threads 1 --out device.json --test zoo.db
  synergy calibrate --from lab.db,zoo.db --hold-out 'resnet*,wrn*' --out no_resnets.json
  synergy predict --model device.json resnet50 my_net.onnx
With --budget it draws networks from every design space (synergy sample --list), profiles them
into --work/calibration.db by turns (resumably: run it again to go on), then fits. Each kernel
kind gets the regressor (linear, trees, linear+trees) with the least held-out error; the 95 %
interval is calibrated on held-out networks (split conformal) and its coverage measured.
exit codes: 0 ok, 2 bad input (fewer than 3 networks, mixed platforms), 1 failure, 130 interrupted
)txt";

struct Args {
  std::vector<std::string> from, test, hold_out;
  std::string out, work = "calibration", budget, name, format = "table";
  std::string backend, threads = "1", precision = "fp32", device, spaces, max_time = "2s",
                       layer_time = "1s";
  std::string energy = "auto";
  double max_cpu_wait = predict::kDefaultMaxCpuWait * 100;
  int64_t count = 60;
  uint64_t seed = 1;
  size_t folds = 5;
  std::vector<std::string> methods, model_dirs;
};

// Restores a stream's file descriptor when it goes.
class FdRedirect {
 public:
  FdRedirect(int fd, int to) : fd_(fd), saved_(::dup(fd)) { ::dup2(to, fd); }
  ~FdRedirect() {
    std::fflush(stderr);
    ::dup2(saved_, fd_);
    ::close(saved_);
  }
  FdRedirect(const FdRedirect&) = delete;
  FdRedirect& operator=(const FdRedirect&) = delete;

 private:
  int fd_, saved_;
};

// Runs a subcommand in process with its standard output discarded and its standard error held
// back: shown only when it fails (exit code or exception).
int quietly(int (*command)(int, char**), std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream discard;
  std::streambuf* old = std::cout.rdbuf(discard.rdbuf());
  std::FILE* held = std::tmpfile();
  if (!held) throw Error(ErrorKind::Runtime, "cannot make a temporary file");
  int rc = 1;
  bool failed = true;
  try {
    {
      FdRedirect redirect(STDERR_FILENO, ::fileno(held));
      rc = command(static_cast<int>(argv.size()), argv.data());
    }
    failed = rc != 0;
  } catch (...) {
    std::cout.rdbuf(old);
    std::fclose(held);
    throw;
  }
  std::cout.rdbuf(old);
  if (failed) {
    std::rewind(held);
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, held)) > 0;) std::fwrite(buf, 1, n, stderr);
  }
  std::fclose(held);
  return rc;
}

std::vector<std::string> spaces_of(const Args& a) {
  std::vector<std::string> out;
  if (a.spaces.empty()) {
    for (const auto& s : zoo::design_spaces()) out.push_back(s.name);
    return out;
  }
  for (const auto& s : split(a.spaces, ',')) out.push_back(zoo::design_space(trim(s)).name);
  return out;
}

std::string minutes_of(std::chrono::steady_clock::duration d) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
  return std::to_string(s / 60) + "m" + (s % 60 < 10 ? "0" : "") + std::to_string(s % 60) + "s";
}

// Draws and profiles networks by turns across the spaces until the budget is spent. Returns a
// non-zero exit code when a collect was interrupted or failed.
int collect(const Args& a, const std::string& store) {
  const std::string nets = a.work + "/networks";
  const int64_t budget_ns = parse_duration_ns(a.budget);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::string> spaces = spaces_of(a);
  for (int64_t i = 0; i < a.count; ++i) {
    for (const auto& space : spaces) {
      const auto spent = std::chrono::steady_clock::now() - start;
      if (std::chrono::duration_cast<std::chrono::nanoseconds>(spent).count() >= budget_ns)
        return 0;
      const std::string index = std::to_string(i), seed = std::to_string(a.seed);
      // One folder per network: collect profiles folders.
      const std::string folder = nets + "/" + space + "_s" + seed + "_" + index;
      if (int rc = quietly(run_sample, {"sample", space, "--count", "1", "--first", index, "--seed",
                                        seed, "--out", folder}))
        return rc;
      std::vector<std::string> args{"collect",      folder,       "--store",    store,
                                    "--energy",     a.energy,     "--threads",  a.threads,
                                    "--precision",  a.precision,  "--max-time", a.max_time,
                                    "--layer-time", a.layer_time, "--budget",   "600m"};
      if (!a.backend.empty()) args.insert(args.end(), {"--backend", a.backend});
      std::fprintf(stderr, "calibrate: %s (%s of %s spent)\n", folder.c_str(),
                   minutes_of(spent).c_str(), a.budget.c_str());
      if (int rc = quietly(run_collect, args)) return rc;
    }
  }
  return 0;
}

predict::KernelTrainingSet read_runs(const std::string& path, const Args& a) {
  const bool json = path.size() > 5 && path.substr(path.size() - 5) == ".json";
  const auto records = json ? predict::read_profile_json(path) : predict::read_store_records(path);
  predict::TrainingSetOptions options;
  options.filter = {a.device, a.backend, a.threads, "", a.precision};
  options.max_cpu_wait = a.max_cpu_wait / 100;
  options.model_dirs = a.model_dirs;
  return predict::kernel_training_set(records, path, options);
}

// The runs of every path in one set, its notes said (the first few).
predict::KernelTrainingSet training_set(const std::vector<std::string>& paths, const Args& a) {
  predict::KernelTrainingSet set;
  for (const auto& p : paths) set = predict::merge(std::move(set), read_runs(p, a));
  constexpr size_t kShown = 5;
  for (size_t i = 0; i < std::min(kShown, set.notes.size()); ++i)
    std::cerr << "synergy calibrate: note: " << set.notes[i] << "\n";
  if (set.notes.size() > kShown)
    std::cerr << "synergy calibrate: note: " << set.notes.size() - kShown << " more networks left "
              << "out (" << set.networks.size() << " kept)\n";
  return set;
}

bool held_out(const std::string& network, const Args& a) {
  return std::any_of(a.hold_out.begin(), a.hold_out.end(), [&](const std::string& pattern) {
    return ::fnmatch(pattern.c_str(), network.c_str(), 0) == 0;
  });
}

}  // namespace

int run_calibrate(int argc, char** argv) {
  Args a;
  CLI::App app{
      "Fit a kernel-level model of this device's latency and, where measured, energy "
      "(per-kernel-kind regressors chosen by held-out error, calibrated 95 % intervals) from "
      "sampled networks or stored runs"};
  app.name("synergy calibrate");
  app.footer(kCalibrateExamples);
  app.add_option("--budget", a.budget, "draw and profile sampled networks for this long, e.g. 20m");
  app.add_option("--from", a.from, "fit on the runs of these stores (.db) or profiles (.json)")
      ->delimiter(',');
  app.add_option("--out", a.out, "model file to write (JSON)")->required();
  app.add_option("--test", a.test, "also score the model on the runs of these stores or profiles")
      ->delimiter(',');
  app.add_option("--hold-out", a.hold_out,
                 "leave networks matching these patterns (e.g. 'resnet*') out of training and "
                 "score the model on them")
      ->delimiter(',');
  app.add_option("--work", a.work, "folder of the sampled networks and their store (--budget)")
      ->capture_default_str();
  app.add_option("--spaces", a.spaces, "design spaces to draw from, comma-separated (default all)");
  app.add_option("--count", a.count, "most networks per space (--budget)")->capture_default_str();
  app.add_option("--backend", a.backend, "backend (default: onednn if built)");
  app.add_option("--threads", a.threads, "threads")->capture_default_str();
  app.add_option("--precision", a.precision,
                 "engine precision of the runs profiled (--budget) or kept (--from)")
      ->capture_default_str();
  app.add_option("--energy", a.energy,
                 "energy source of the profiles (--budget), as for profile; energy is modelled "
                 "where it was measured and attributed to the layers")
      ->capture_default_str();
  app.add_option("--device", a.device, "keep runs of this device (--from)");
  app.add_option("--models", a.model_dirs,
                 "folders with the model files (<name>.onnx, .prototxt) of stored runs that are "
                 "not zoo or sampled networks")
      ->delimiter(',');
  app.add_option("--max-time", a.max_time, "whole-network timing per sampled network (--budget)")
      ->capture_default_str();
  app.add_option("--layer-time", a.layer_time, "per-layer timing per sampled network (--budget)")
      ->capture_default_str();
  app.add_option("--max-cpu-wait", a.max_cpu_wait,
                 "leave out runs that waited more than this % of a phase for a core (timed on a "
                 "shared CPU)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--methods", a.methods, "regressors to choose from: linear, trees, linear+trees")
      ->delimiter(',');
  app.add_option("--folds", a.folds, "held-out folds of networks")
      ->capture_default_str()
      ->check(CLI::Range(size_t{2}, size_t{100}));
  app.add_option("--seed", a.seed, "seed of the draw and of the folds")->capture_default_str();
  app.add_option("--name", a.name, "model name (default: the device and backend)");
  add_format_option(app, a.format);
  if (auto done = parse_args(app, argc, argv)) return *done;
  if (a.budget.empty() == a.from.empty())
    throw bad_input("give --budget (sample and profile) or --from (stored runs), one of them");
  const auto format = predict::parse_format(a.format);
  a.precision = std::string(precision_name(parse_precision(a.precision)));
  std::vector<std::string> sources = a.from;
  if (!a.budget.empty()) {
    sources = {a.work + "/calibration.db"};
    if (int rc = collect(a, sources.front())) return rc;
  }
  predict::KernelFitOptions options;
  if (!a.methods.empty()) options.methods = a.methods;
  options.folds = a.folds;
  options.seed = a.seed;
  for (const auto& m : options.methods)
    if (std::find(predict::regressor_methods().begin(), predict::regressor_methods().end(), m) ==
        predict::regressor_methods().end())
      throw bad_input("unknown regressor '" + m + "' (linear, trees, linear+trees)");
  const predict::KernelTrainingSet all = training_set(sources, a);
  predict::KernelTrainingSet test =
      predict::select_networks(all, [&](const std::string& n) { return held_out(n, a); });
  if (!a.hold_out.empty() && test.networks.empty())
    throw bad_input("no stored network matches --hold-out");
  test.source = a.hold_out.empty() ? "" : "held out of " + all.source;
  test.notes.clear();
  if (!a.test.empty()) test = predict::merge(std::move(test), training_set(a.test, a));
  predict::KernelModel model = predict::fit_kernel_model(
      predict::select_networks(all, [&](const std::string& n) { return !held_out(n, a); }),
      options);
  model.name = a.name.empty() ? model.platform.device + " / " + model.platform.backend : a.name;
  predict::save_kernel_model(model, a.out);
  std::string summary = predict::format_kernel_model(model, format);
  if (!test.networks.empty()) {
    auto j =
        format == predict::OutputFormat::Json ? nlohmann::json::parse(summary) : nlohmann::json();
    for (auto q : {predict::Quantity::Time, predict::Quantity::Energy}) {
      if (q == predict::Quantity::Energy && !model.energy) break;
      const std::string scored =
          predict::format_kernel_evaluation(predict::evaluate_kernel_model(model, test, q), format);
      if (format != predict::OutputFormat::Json)
        summary += scored;
      else if (q == predict::Quantity::Time)
        j["test"] = nlohmann::json::parse(scored);
      else
        j["test_energy"] = nlohmann::json::parse(scored);
    }
    if (format == predict::OutputFormat::Json) summary = j.dump(2) + "\n";  // one document
  }
  std::cout << summary;
  std::cerr << "synergy calibrate: model written to " << a.out << "\n";
  return 0;
}

}  // namespace synergy::cli
