// `synergy zoo`: the built-in networks with their input, size, analytic cost and source paper.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "graph/cost.hpp"
#include "util/csv.hpp"
#include "util/json_document.hpp"
#include "util/text_table.hpp"
#include "zoo/zoo.hpp"

namespace synergy::cli {
namespace {

struct ZooRow {
  const ZooEntry* entry;
  std::string input;
  int64_t layers, macs, params;
};

std::vector<ZooRow> zoo_rows() {
  std::vector<ZooRow> rows;
  for (const ZooEntry& e : zoo_entries()) {
    const Graph g = e.build();
    const NetworkCost net = analyze(g);
    rows.push_back({&e, g.shape(g.inputs.at(0)).str(), static_cast<int64_t>(g.nodes.size()),
                    net.total.macs, net.total.params});
  }
  return rows;
}

void print_table(const std::vector<ZooRow>& rows) {
  TextTable t({"name", "network", "input", "layers", "MACs", "params", "source"},
              {false, false, false, true, true, true, false});
  for (const auto& r : rows) {
    t.add_row({r.entry->name, r.entry->title, r.input, std::to_string(r.layers),
               group_digits(r.macs), group_digits(r.params), r.entry->source});
  }
  t.print(std::cout);
  std::cout << "\nMACs: conv + fully-connected multiply-accumulates per image, params include "
               "batch-norm statistics; analytic counts from shapes. Details: synergy inspect "
               "<name>\n";
}

void print_csv(const std::vector<ZooRow>& rows) {
  write_csv_row(std::cout, {"name", "title", "input", "layers", "macs", "params", "source"});
  for (const auto& r : rows) {
    write_csv_row(std::cout, {r.entry->name, r.entry->title, r.input, std::to_string(r.layers),
                              std::to_string(r.macs), std::to_string(r.params), r.entry->source});
  }
}

void print_json(const std::vector<ZooRow>& rows) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& r : rows) {
    list.push_back({{"name", r.entry->name},
                    {"title", r.entry->title},
                    {"input", r.input},
                    {"layers", r.layers},
                    {"macs", r.macs},
                    {"params", r.params},
                    {"source", r.entry->source}});
  }
  auto doc = json_document<nlohmann::ordered_json>(
      "synergy-zoo", 1,
      {{"macs", "multiply-accumulates per inference (conv and fully-connected, analytic)"},
       {"params", "parameters, count (batch-norm statistics included)"},
       {"input", "N x C x H x W"}});
  doc["networks"] = list;
  std::cout << doc.dump(2) << "\n";
}

}  // namespace

int run_zoo(int argc, char** argv) {
  CLI::App app{
      "List the built-in networks (batch 1, canonical input size) with their layer "
      "count, MACs, parameters and source paper.",
      "synergy zoo"};
  std::string format = "table";
  add_format_option(app, format)->capture_default_str();
  app.footer(
      "examples:\n"
      "  synergy zoo\n"
      "  synergy zoo --format csv\n"
      "  synergy inspect squeezenet\n"
      "exit codes: 0 ok, 2 bad option");
  if (auto done = parse_args(app, argc, argv)) return *done;
  const auto rows = zoo_rows();
  if (format == "csv") {
    print_csv(rows);
  } else if (format == "json") {
    print_json(rows);
  } else {
    print_table(rows);
  }
  return 0;
}

}  // namespace synergy::cli
