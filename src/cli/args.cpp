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

}  // namespace synergy::cli
