// Argument handling shared by the subcommands.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "report/table.hpp"

namespace synergy::cli {

// Parses argv into `app`. Returns the exit code when parsing ends the command (--help: 0, bad
// usage: 2, after CLI11 printed why), or nothing when the command goes on.
std::optional<int> parse_args(CLI::App& app, int argc, char** argv);

// Adds --format table|csv|json.
CLI::Option* add_format_option(CLI::App& app, std::string& format);

// The per-layer-type section of a table: --top-types K and --sort-types time|energy|layers.
struct TypeArgs {
  size_t top = 0;
  std::string sort = "time";
  TableOptions table() const { return {top, parse_type_order(sort)}; }
};
void add_type_options(CLI::App& app, TypeArgs& types);

// Adds --sysfs-root DIR (sysfs read under DIR instead of /).
void add_sysfs_root_option(CLI::App& app, std::string& root);

// Adds --no-fuse and --no-winograd (EngineContext::fuse_layers and ::winograd turned off).
void add_kernel_options(CLI::App& app, bool& no_fuse, bool& no_winograd);

// Adds --precision fp32|tf32|fp16|bf16 and --cuda-graph (checked by the engine at compile time).
void add_precision_options(CLI::App& app, std::string& precision, bool& cuda_graph);

}  // namespace synergy::cli
