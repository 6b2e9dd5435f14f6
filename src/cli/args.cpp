#include "cli/args.hpp"

namespace synergy::cli {

std::optional<int> parse_args(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return std::nullopt;
}

CLI::Option* add_format_option(CLI::App& app, std::string& format) {
  return app.add_option("--format", format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
}

void add_type_options(CLI::App& app, TypeArgs& types) {
  app.add_option("--top-types", types.top,
                 "the per-layer-type summary lists the K largest types (default: all)");
  app.add_option("--sort-types", types.sort, "order of the per-layer-type summary")
      ->check(CLI::IsMember({"time", "energy", "layers"}));
}

void add_sysfs_root_option(CLI::App& app, std::string& root) {
  app.add_option("--sysfs-root", root,
                 "read sysfs under DIR instead of / (also env SYNERGY_SYSFS_ROOT)");
}

void add_kernel_options(CLI::App& app, bool& no_fuse, bool& no_winograd) {
  app.add_flag("--no-fuse", no_fuse,
               "run every layer in its own kernel (no post-op activations or folded batch norm)");
  app.add_flag("--no-winograd", no_winograd,
               "compute every convolution directly (no Winograd kernels for 3x3 ones)");
}

void add_precision_options(CLI::App& app, std::string& precision, bool& cuda_graph) {
  app.add_option("--precision", precision,
                 "fp32 | tf32 | fp16 | bf16 (default fp32; the others need --backend cudnn)");
  app.add_flag("--cuda-graph", cuda_graph,
               "capture the inference once as a CUDA graph and replay it (--backend cudnn)");
}

}  // namespace synergy::cli
