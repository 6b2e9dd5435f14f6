// synergy: per-layer energy and performance profiling and prediction for CNN inference.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string_view>

#include "cli/build_info.hpp"
#include "cli/commands.hpp"
#include "util/error.hpp"
#include "util/write_file.hpp"

namespace {

void print_usage(FILE* out) {
  std::fprintf(out,
               "synergy %s: per-layer energy, time and counter profiles of CNN inference,\n"
               "and energy prediction for networks that were never run.\n\n"
               "usage: synergy <command> [options]   (synergy <command> --help for details)\n\n"
               "commands:\n",
               synergy::cli::build_version());
  for (const auto& c : synergy::cli::commands()) {
    std::fprintf(out, "  %-10.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  }
  std::fprintf(out,
               "\nexamples:\n"
               "  synergy zoo\n"
               "  synergy inspect alexnet\n"
               "  synergy profile squeezenet --iterations 20\n"
               "\nexit codes: 0 ok, 1 runtime failure, 2 bad input or usage, 3 hardware or "
               "permission unavailable, 130/143/129 interrupted (SIGINT/SIGTERM/SIGHUP)\n");
}

// GNU OpenMP workers spin at each barrier before they sleep: 300,000 spins by default, which on
// a shared machine starves the thread everyone waits for (2-thread runs collapsed 10-80x) and
// is energy charged to the layers; sleeping at once (passive) costs a wake-up per primitive,
// 2-5x on networks of small layers. A bounded spin keeps both in check. The runtime reads these
// only when it loads, so when the user has chosen neither we set the spin count and restart.
void bound_openmp_spinning(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr || std::getenv("GOMP_SPINCOUNT") != nullptr) return;
  setenv("GOMP_SPINCOUNT", "10000", 1);
  execv("/proc/self/exe", argv);  // returns only on failure: then carry on as we are
}

// A command that succeeded fails after all when its output did not reach stdout (a full disk,
// /dev/full): exit 1 with the cause, never 0 with truncated output.
int finish(const char* command, int code) {
  if (code != 0) return code;
  try {
    synergy::check_stdout();
  } catch (const synergy::Error& e) {
    std::fprintf(stderr, "synergy%s%s: error: %s\n", *command ? " " : "", command, e.what());
    return synergy::exit_code_for(e.kind());
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  bound_openmp_spinning(argv);
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return finish("", 0);
  }
  if (name == "--version") {
    std::printf("synergy %s (%s)\n", synergy::cli::build_version(), synergy::cli::build_commit());
    return finish("", 0);
  }
  for (const auto& c : synergy::cli::commands()) {
    if (c.name != name) continue;
    try {
      return finish(argv[1], c.run(argc - 1, argv + 1));
    } catch (const synergy::Error& e) {
      std::fprintf(stderr, "synergy %s: error: %s\n", argv[1], e.what());
      return synergy::exit_code_for(e.kind());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "synergy %s: error: %s\n", argv[1], e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "synergy: unknown command '%s'; commands:", argv[1]);
  for (const auto& c : synergy::cli::commands())
    std::fprintf(stderr, " %.*s", static_cast<int>(c.name.size()), c.name.data());
  std::fprintf(stderr, "\n");
  return 2;
}
