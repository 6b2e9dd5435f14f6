#include "result/context.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>

#include "util/openmp_wait.hpp"

namespace synergy {

namespace {

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string cpu_model(const std::string& root) {
  std::ifstream in(root + "/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) != 0 && line.rfind("Model", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon != std::string::npos) return line.substr(line.find_first_not_of(" \t", colon + 1));
  }
  return "unknown";
}

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

RunContext machine_context(const std::string& sysfs_root) {
  const std::string root = sysfs_root.empty() || sysfs_root == "/" ? "" : sysfs_root;
  RunContext c;
  c.started_at = utc_now();
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) == 0) c.host = host;
  c.cpu_model = cpu_model(root);
  c.governor = first_line(root + "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
  c.libraries["compiler"] = __VERSION__;
  c.openmp_wait = openmp_wait_description();
  c.others_busy_cores = others_busy_cores_at_start();
  return c;
}

std::vector<std::string> context_warnings(const RunContext& c) {
  std::vector<std::string> w;
  if (!c.governor.empty() && c.governor != "performance")
    w.push_back("CPU frequency governor is '" + c.governor +
                "', not 'performance': clock changes add noise");
  if (c.others_busy_cores >= 0.5) {
    char busy[160];
    std::snprintf(busy, sizeof busy,
                  "other processes kept %.1f cores busy when the run started: times, and energy "
                  "from whole-device sensors, include their contention",
                  c.others_busy_cores);
    w.push_back(busy);
  }
  if (c.build_type == "Debug")
    w.push_back("debug build: times and energies do not represent optimised code");
  return w;
}

}  // namespace synergy
