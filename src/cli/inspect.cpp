// `synergy inspect`: per-layer shapes and analytic costs of a zoo network or a model file.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "graph/cost.hpp"
#include "io/load.hpp"
#include "util/csv.hpp"
#include "util/json_document.hpp"
#include "util/text_table.hpp"

namespace synergy::cli {
namespace {

struct InspectArgs {
  std::string spec;
  int64_t batch = 1;
  std::string format = "table";
  std::string weights;
};

constexpr const char* kProvenance =
    "analytic count from layer shapes (not a measurement); bytes assume float32";
constexpr const char* kDefinitions =
    "MACs: conv out_h*out_w*out_c*k_h*k_w*in_c/groups, fully-connected in*out, other layers 0 "
    "(their arithmetic is in FLOPs); bytes: minimum traffic = inputs + weights + outputs, each "
    "read or written once; intensity: FLOPs per byte of minimum traffic";

std::string input_shapes(const Graph& g) {
  std::string s;
  for (ValueId v : g.inputs) {
    if (!s.empty()) s += ", ";
    s += g.values[static_cast<size_t>(v)].name + " " + g.shape(v).str();
  }
  return s;
}

double percent(int64_t part, int64_t whole) {
  return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

void print_table(const Graph& g, const NetworkCost& net) {
  std::cout << "network    " << g.name << "\n"
            << "source     " << g.source << "\n"
            << "input      " << input_shapes(g) << "\n"
            << "layers     " << net.layers.size() << "\n"
            << "costs      " << kProvenance << "\n\n";
  TextTable layers({"layer", "type", "output", "MACs", "params", "bytes", "FLOP/B"},
                   {false, false, false, true, true, true, true});
  for (const auto& l : net.layers) {
    layers.add_row({l.name, l.type, l.out_shape, group_digits(l.cost.macs),
                    group_digits(l.cost.params), group_digits(l.cost.min_traffic_bytes()),
                    fixed(l.cost.intensity(), 2)});
  }
  layers.add_rule();
  layers.add_row({"total", "", "", group_digits(net.total.macs), group_digits(net.total.params),
                  group_digits(net.total.min_traffic_bytes()), fixed(net.total.intensity(), 2)});
  layers.print(std::cout);
  std::cout << "\nby layer type\n";
  TextTable types({"type", "layers", "MACs", "% MACs", "FLOPs", "params", "bytes"},
                  {false, true, true, true, true, true, true});
  for (const auto& t : net.by_type) {
    types.add_row({t.type, std::to_string(t.layers), group_digits(t.cost.macs),
                   fixed(percent(t.cost.macs, net.total.macs), 1), group_digits(t.cost.flops),
                   group_digits(t.cost.params), group_digits(t.cost.min_traffic_bytes())});
  }
  types.print(std::cout);
  std::cout << "\n" << kDefinitions << "\n";
}

std::vector<std::string> cost_fields(const LayerCost& c) {
  return {std::to_string(c.macs),
          std::to_string(c.flops),
          std::to_string(c.params),
          std::to_string(c.weight_bytes),
          std::to_string(c.input_bytes),
          std::to_string(c.output_bytes),
          std::to_string(c.min_traffic_bytes()),
          fixed(c.intensity(), 4)};
}

// One CSV with a `section` column: a row per layer, per layer type, and the network total.
void print_csv(const NetworkCost& net) {
  write_csv_row(std::cout, {"section", "name", "type", "detail", "output_shape", "layers", "macs",
                            "flops", "params", "weight_bytes", "input_bytes", "output_bytes",
                            "min_traffic_bytes", "intensity_flop_per_byte"});
  const auto row = [](std::vector<std::string> head, const LayerCost& c) {
    for (auto& f : cost_fields(c)) head.push_back(std::move(f));
    write_csv_row(std::cout, head);
  };
  for (const auto& l : net.layers)
    row({"layer", l.name, l.type, l.detail, l.out_shape, "1"}, l.cost);
  for (const auto& t : net.by_type) {
    row({"type", t.type, t.type, "", "", std::to_string(t.layers)}, t.cost);
  }
  row({"total", "total", "", "", "", std::to_string(net.layers.size())}, net.total);
}

nlohmann::ordered_json cost_json(const LayerCost& c) {
  return {{"macs", c.macs},
          {"flops", c.flops},
          {"params", c.params},
          {"weight_bytes", c.weight_bytes},
          {"input_bytes", c.input_bytes},
          {"output_bytes", c.output_bytes},
          {"min_traffic_bytes", c.min_traffic_bytes()},
          {"intensity_flop_per_byte", c.intensity()}};
}

void print_json(const Graph& g, const NetworkCost& net) {
  auto j = json_document<nlohmann::ordered_json>(
      "synergy-inspect", 1,
      {{"macs", "multiply-accumulates per batch"},
       {"flops", "floating-point operations per batch"},
       {"params", "parameters, count"},
       {"*_bytes", "bytes, float32"},
       {"intensity_flop_per_byte", "flops per byte of minimal traffic"}});
  j["network"] = g.name;
  j["source"] = g.source;
  j["batch"] = g.batch();
  j["inputs"] = nlohmann::ordered_json::array();
  for (ValueId v : g.inputs) {
    j["inputs"].push_back(
        {{"name", g.values[static_cast<size_t>(v)].name}, {"shape", g.shape(v).dims}});
  }
  j["provenance"] = kProvenance;
  j["definitions"] = kDefinitions;
  j["layers"] = nlohmann::ordered_json::array();
  for (const auto& l : net.layers) {
    j["layers"].push_back({{"name", l.name},
                           {"type", l.type},
                           {"detail", l.detail},
                           {"output_shape", l.out_shape},
                           {"depthwise", l.depthwise},
                           {"cost", cost_json(l.cost)}});
  }
  j["by_type"] = nlohmann::ordered_json::array();
  for (const auto& t : net.by_type) {
    j["by_type"].push_back({{"type", t.type}, {"layers", t.layers}, {"cost", cost_json(t.cost)}});
  }
  j["total"] = cost_json(net.total);
  std::cout << j.dump(2) << "\n";
}

}  // namespace

int run_inspect(int argc, char** argv) {
  CLI::App app{
      "Per-layer output shapes and analytic costs (MACs, FLOPs, params, bytes, "
      "arithmetic intensity) of a network, with totals per layer type.",
      "synergy inspect"};
  InspectArgs a;
  app.add_option("network", a.spec, "zoo name (see `synergy zoo`), file.onnx or file.prototxt")
      ->required();
  app.add_option("--batch", a.batch, "batch size (dim 0 of every input)")
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000}))
      ->capture_default_str();
  app.add_option("--weights", a.weights, "optional .caffemodel for a .prototxt network");
  add_format_option(app, a.format)->capture_default_str();
  app.footer(
      "examples:\n"
      "  synergy inspect alexnet\n"
      "  synergy inspect resnet50 --batch 8 --format csv > resnet50_layers.csv\n"
      "  synergy inspect model.onnx --format json\n"
      "  synergy inspect deploy.prototxt\n"
      "exit codes: 0 ok, 2 unknown network, malformed file or bad option");
  if (auto done = parse_args(app, argc, argv)) return *done;
  const Graph g = load_network(a.spec, LoadOptions{a.batch, a.weights});
  const NetworkCost net = analyze(g);  // complete before anything is printed
  if (a.format == "csv") {
    print_csv(net);
  } else if (a.format == "json") {
    print_json(g, net);
  } else {
    print_table(g, net);
  }
  return 0;
}

}  // namespace synergy::cli
