// `synergy export`: writes a network as ONNX (with weights) or as a Caffe deploy prototxt, so
// that other tools run exactly the network synergy measures.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "graph/cost.hpp"
#include "io/caffe/caffe.hpp"
#include "io/load.hpp"
#include "io/onnx/onnx.hpp"
#include "util/error.hpp"
#include "util/write_file.hpp"

namespace synergy::cli {
namespace {

struct ExportArgs {
  std::string spec;
  std::string format;
  std::string output;
  int64_t batch = 1;
  std::string weights;
  uint64_t seed = kOnnxExportSeed;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// --format, or the output file's extension when --format is left out.
std::string resolve_format(const ExportArgs& a) {
  if (!a.format.empty()) return a.format;
  if (ends_with(a.output, ".onnx")) return "onnx";
  if (ends_with(a.output, ".prototxt")) return "prototxt";
  throw bad_input("say --format onnx or --format prototxt (the output name '" + a.output +
                  "' does not tell)");
}

// The whole file is built in memory first, and write_file() renames it into place: a failed
// export leaves no partial file behind.
void write_output(const std::string& path, const std::string& bytes) {
  if (path == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    check_stdout();
    return;
  }
  write_file(path, bytes, "export");
}

}  // namespace

int run_export(int argc, char** argv) {
  CLI::App app{
      "Writes a network as an ONNX model (opset 13, weights included: loaded ones as they are, "
      "missing ones seeded random) or as a Caffe deploy prototxt (structure only).",
      "synergy export"};
  ExportArgs a;
  app.add_option("network", a.spec, "zoo name (see `synergy zoo`), file.onnx or file.prototxt")
      ->required();
  app.add_option("-o,--output", a.output, "file to write, or - for standard output")->required();
  app.add_option("--format", a.format, "onnx or prototxt (default: from the output's extension)")
      ->check(CLI::IsMember({"onnx", "prototxt"}));
  app.add_option("--batch", a.batch, "batch size written into the input shape")
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000}))
      ->capture_default_str();
  app.add_option("--weights", a.weights, "optional .caffemodel for a .prototxt network");
  app.add_option("--seed", a.seed, "seed of the random weights a network without weights gets")
      ->capture_default_str();
  app.footer(
      "examples:\n"
      "  synergy export alexnet -o alexnet.onnx\n"
      "  synergy export resnet50 --format prototxt -o resnet50_deploy.prototxt\n"
      "  synergy export mobilenet_v2 --batch 8 -o mobilenet_v2_b8.onnx\n"
      "  synergy export model.onnx --format prototxt -o -\n"
      "exit codes: 0 ok, 2 unknown network, malformed file, a layer the format cannot express "
      "or bad option, 1 write failure");
  if (auto done = parse_args(app, argc, argv)) return *done;
  const std::string format = resolve_format(a);
  Graph g = load_network(a.spec, LoadOptions{a.batch, a.weights});
  const bool random_weights = !g.params_loaded();
  std::string bytes;
  if (format == "onnx") {
    if (random_weights) g.materialize_params(a.seed);
    bytes = export_onnx_bytes(g);
  } else {
    bytes = export_caffe_prototxt(g);
  }
  write_output(a.output, bytes);
  const NetworkCost net = analyze(g);
  std::fprintf(stderr, "synergy export: wrote %s (%s, %zu layers, %lld MACs at batch %lld%s)\n",
               a.output == "-" ? "standard output" : a.output.c_str(), format.c_str(),
               g.nodes.size(), static_cast<long long>(net.total.macs),
               static_cast<long long>(g.batch()),
               format == "onnx" && random_weights ? ", random weights" : "");
  return 0;
}

}  // namespace synergy::cli
