// Runs the built `synergy` binary and captures its exit code, stdout and stderr.
#pragma once

#include <string>

namespace synergy::testing {

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

// Path of the binary in this build tree, or $SYNERGY_BINARY when set.
std::string synergy_binary();
// Runs `synergy <args>` through the shell (args are pasted verbatim).
RunResult run_synergy(const std::string& args);

}  // namespace synergy::testing
