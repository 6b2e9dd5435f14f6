// Runs the built `synergy` binary and captures its exit code, stdout and stderr.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace synergy::testing {

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

// Path of the binary in this build tree, or $SYNERGY_BINARY when set.
std::string synergy_binary();
// SYNERGY_BINARY_LAUNCHER: a program that runs it (qemu-aarch64 for a cross-built binary).
std::string synergy_launcher();
// Runs `synergy <args>` through the shell (args are pasted verbatim, so they may redirect
// stdout: "zoo >/dev/full"). stderr goes to a file of this call's own.
RunResult run_synergy(const std::string& args);

// A fresh directory, removed with everything in it when this object goes.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }  // ends with '/'
  std::string operator/(const std::string& name) const { return path_ + name; }

 private:
  std::string path_;
};

// A `synergy` child process started with its own stdout and stderr files, for tests that
// signal it or act while it runs.
class Child {
 public:
  // Starts `synergy args...` in `cwd` with stdout and stderr written to `out` and `err`.
  Child(const std::vector<std::string>& args, const std::string& out, const std::string& err,
        const std::string& cwd = ".");
  ~Child();  // kills a child still running
  pid_t pid() const { return pid_; }
  // Waits until `file` contains `text` (true) or `timeout_ms` passes or the child ends (false).
  bool wait_for_text(const std::string& file, const std::string& text, int timeout_ms);
  // Waits for the end; the exit code, or 128 + the signal that killed it.
  int wait();

 private:
  pid_t pid_ = -1;
};

std::string slurp(const std::string& path);

}  // namespace synergy::testing
