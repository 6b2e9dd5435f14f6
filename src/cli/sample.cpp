// `synergy sample`: networks drawn from a design space, written as ONNX files, to profile many
// networks (for training and checking predictors) instead of a handful.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "graph/cost.hpp"
#include "io/onnx/onnx.hpp"
#include "util/error.hpp"
#include "util/text_table.hpp"
#include "util/write_file.hpp"
#include "zoo/spaces/spaces.hpp"

namespace synergy::cli {

namespace {

constexpr const char* kSampleExamples = R"(
examples:
  synergy sample --list
  synergy sample inverted --count 200 --seed 1 --out nets/
  synergy sample residual --count 50 --seed 7 --first 50 --out nets/   # networks 50 to 99

A network is a pure function of (space, seed, index): the same command writes the same files on
any machine, and a larger --count keeps the networks a smaller one wrote. Files that are already
there are left as they are. Weights are random (seeded), as a profile needs no trained weights.
exit codes: 0 ok, 2 unknown space or bad option, 1 write failure)";

struct SampleArgs {
  std::string space;
  int64_t count = 10;
  int64_t first = 0;
  uint64_t seed = 1;
  std::string out;
  bool list = false;
};

int list_spaces() {
  for (const auto& s : zoo::design_spaces()) std::cout << s.name << ": " << s.description << "\n";
  return 0;
}

}  // namespace

int run_sample(int argc, char** argv) {
  CLI::App app{"Draws networks from a design space and writes them as ONNX files.",
               "synergy sample"};
  app.footer(kSampleExamples);
  SampleArgs a;
  app.add_option("space", a.space, "design space (see --list)");
  app.add_flag("--list", a.list, "the design spaces and what each draws");
  app.add_option("--count", a.count, "how many networks")
      ->check(CLI::Range(int64_t{1}, int64_t{100'000}))
      ->capture_default_str();
  app.add_option("--first", a.first, "index of the first network")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--seed", a.seed, "seed of the draw")->capture_default_str();
  app.add_option("--out", a.out, "folder to write <name>.onnx into (created if missing)");
  if (auto done = parse_args(app, argc, argv)) return *done;
  if (a.list) return list_spaces();
  if (a.space.empty()) throw bad_input("name a design space (see synergy sample --list)");
  zoo::design_space(a.space);  // bad input before anything is written
  if (a.out.empty()) throw bad_input("--out is required");
  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  if (ec) throw bad_input("cannot create '" + a.out + "': " + ec.message());
  TextTable t({"network", "input", "layers", "GMACs", "params (M)", "file"},
              {false, false, true, true, true, false});
  for (int64_t i = a.first; i < a.first + a.count; ++i) {
    Graph g = zoo::sample_network(a.space, a.seed, i);
    const std::string path = (std::filesystem::path(a.out) / (g.name + ".onnx")).string();
    const NetworkCost cost = analyze(g);
    const Shape in = g.shape(g.inputs.at(0));
    std::string status = path;
    if (std::filesystem::exists(path)) {
      status += " (kept)";
    } else {
      g.materialize_params(a.seed + static_cast<uint64_t>(i));
      write_file(path, export_onnx_bytes(g), "sample");
    }
    t.add_row({g.name, in.str(), std::to_string(cost.layers.size()),
               fixed(static_cast<double>(cost.total.macs) * 1e-9, 3),
               fixed(static_cast<double>(cost.total.params) * 1e-6, 2), status});
  }
  t.print(std::cout);
  return 0;
}

}  // namespace synergy::cli
