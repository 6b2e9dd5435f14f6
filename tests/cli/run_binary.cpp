#include "run_binary.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace synergy::testing {

std::string synergy_binary() {
  if (const char* path = std::getenv("SYNERGY_BINARY")) return path;  // e.g. an installed copy
  return SYNERGY_BINARY_DIR "/src/cli/synergy";
}

std::string synergy_launcher() {
  const char* path = std::getenv("SYNERGY_BINARY_LAUNCHER");
  return path != nullptr ? path : "";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RunResult run_synergy(const std::string& args) {
  char err_path[] = "/tmp/synergy_cli_err_XXXXXX";
  const int fd = mkstemp(err_path);
  if (fd >= 0) close(fd);
  const std::string launcher = synergy_launcher();
  const std::string cmd =
      (launcher.empty() ? "" : launcher + " ") + synergy_binary() + " " + args + " 2>" + err_path;
  RunResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.err = slurp(err_path);
  unlink(err_path);
  return r;
}

ScratchDir::ScratchDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "synergy-cli-XXXXXX").string();
  if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl + "/";
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

Child::Child(const std::vector<std::string>& args, const std::string& out, const std::string& err,
             const std::string& cwd) {
  const std::string binary = synergy_binary();
  const std::string launcher = synergy_launcher();
  std::vector<char*> argv{const_cast<char*>(binary.c_str())};
  if (!launcher.empty()) argv.insert(argv.begin(), const_cast<char*>(launcher.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ != 0) return;
  if (chdir(cwd.c_str()) != 0) _exit(97);
  if (!freopen(out.c_str(), "w", stdout) || !freopen(err.c_str(), "w", stderr)) _exit(99);
  execv(argv[0], argv.data());
  _exit(98);
}

Child::~Child() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

bool Child::wait_for_text(const std::string& file, const std::string& text, int timeout_ms) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < end) {
    if (slurp(file).find(text) != std::string::npos) return true;
    siginfo_t info{};  // ended (left unreaped for wait()): it will not say it any more
    if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
        info.si_pid != 0)
      return slurp(file).find(text) != std::string::npos;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

int Child::wait() {
  int status = 0;
  if (waitpid(pid_, &status, 0) != pid_) return -1;
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace synergy::testing
