// Commands whose layer is not built yet. Each moves to its own file when implemented.
#include <cstdio>

#include "cli/commands.hpp"

namespace synergy::cli {

namespace {
int not_built(const char* name) {
  std::fprintf(stderr, "synergy %s: not available in this build yet\n", name);
  return 1;
}
}  // namespace

int run_zoo(int, char**) { return not_built("zoo"); }
int run_inspect(int, char**) { return not_built("inspect"); }
int run_export(int, char**) { return not_built("export"); }
int run_run(int, char**) { return not_built("run"); }
int run_sensors(int, char**) { return not_built("sensors"); }
int run_profile(int, char**) { return not_built("profile"); }
int run_fit(int, char**) { return not_built("fit"); }
int run_evaluate(int, char**) { return not_built("evaluate"); }
int run_predict(int, char**) { return not_built("predict"); }
int run_study(int, char**) { return not_built("study"); }

}  // namespace synergy::cli
