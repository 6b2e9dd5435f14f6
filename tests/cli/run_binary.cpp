#include "run_binary.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace synergy::testing {

std::string synergy_binary() {
  if (const char* path = std::getenv("SYNERGY_BINARY")) return path;  // e.g. an installed copy
  return SYNERGY_BINARY_DIR "/src/cli/synergy";
}

RunResult run_synergy(const std::string& args) {
  char err_path[] = "/tmp/synergy_cli_err_XXXXXX";
  const int fd = mkstemp(err_path);
  if (fd >= 0) close(fd);
  const std::string cmd = synergy_binary() + " " + args + " 2>" + err_path;
  RunResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream err(err_path);
  std::stringstream ss;
  ss << err.rdbuf();
  r.err = ss.str();
  unlink(err_path);
  return r;
}

}  // namespace synergy::testing
