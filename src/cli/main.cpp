// synergy: per-layer energy and performance profiling and prediction for CNN inference.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string_view>

#include "cli/build_info.hpp"
#include "cli/commands.hpp"
#include "util/cpu_load.hpp"
#include "util/error.hpp"
#include "util/openmp_wait.hpp"
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

// The threads a command asks for: its --threads value (0 = every core), else its default: every
// core for `run`, one for the others (as the study ran).
int requested_threads(int argc, char** argv, int cpus) {
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::string_view value;
    if (arg == "--threads" && i + 1 < argc) {
      value = argv[i + 1];
    } else if (arg.rfind("--threads=", 0) == 0) {
      value = arg.substr(10);
    } else {
      continue;
    }
    int n = 0;
    std::from_chars(value.data(), value.data() + value.size(), n);
    return n > 0 ? n : cpus;
  }
  return std::string_view(argv[1]) == "run" ? cpus : 1;
}

// Before a command that runs networks: how many cores other processes keep busy (50 ms of
// /proc/stat, this process asleep), into the environment for the run's context, and the OpenMP
// wait chosen for it (synergy/util/openmp_wait.hpp) unless the user set one. GNU OpenMP reads its
// setting only when it loads, so the program restarts with it.
void set_openmp_wait(int argc, char** argv) {
  using namespace synergy;
  if (std::getenv(kOpenmpWaitEnv) != nullptr) return;  // chosen before the restart
  const bool user_set =
      std::getenv("OMP_WAIT_POLICY") != nullptr || std::getenv("GOMP_SPINCOUNT") != nullptr;
  const std::string_view command = argc > 1 ? argv[1] : "";
  const bool runs_networks =
      command == "run" || command == "profile" || command == "collect" || command == "calibrate";
  const int cpus = std::max(1L, sysconf(_SC_NPROCESSORS_ONLN));
  OpenmpWait wait{"10000", "bounded spin (10000 spins, then sleep)", false};
  if (runs_networks) {
    try {
      const CpuTimes before = read_cpu_times();
      usleep(50'000);
      const double others = others_busy_cores(before, read_cpu_times(), cpus);
      setenv(kOthersBusyEnv, std::to_string(others).c_str(), 1);
      wait = choose_openmp_wait(others, cpus, requested_threads(argc, argv, cpus));
    } catch (const Error&) {
      wait.description += ": the load at start could not be read";
    }
  }
  if (user_set) {
    setenv(kOpenmpWaitEnv, openmp_wait_description().c_str(), 1);
    return;
  }
  setenv("GOMP_SPINCOUNT", wait.spin_count.c_str(), 1);
  setenv(kOpenmpWaitEnv, wait.description.c_str(), 1);
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
  set_openmp_wait(argc, argv);
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
