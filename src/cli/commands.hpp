// The subcommands of `synergy`, one file each.
#pragma once

#include <span>
#include <string_view>

namespace synergy::cli {

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(int argc, char** argv);  // argv[0] is the subcommand name
};

std::span<const Command> commands();

int run_zoo(int argc, char** argv);
int run_inspect(int argc, char** argv);
int run_export(int argc, char** argv);
int run_sample(int argc, char** argv);
int run_collect(int argc, char** argv);
int run_run(int argc, char** argv);
int run_sensors(int argc, char** argv);
int run_profile(int argc, char** argv);
int run_fit(int argc, char** argv);
int run_evaluate(int argc, char** argv);
int run_predict(int argc, char** argv);
int run_calibrate(int argc, char** argv);
int run_study(int argc, char** argv);
int run_runs(int argc, char** argv);
int run_report(int argc, char** argv);

}  // namespace synergy::cli
