#include "measure/source_options.hpp"

#include <cstdlib>

#include "util/clock.hpp"

namespace synergy {

std::string resolve_sysfs_root(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  const char* env = std::getenv("SYNERGY_SYSFS_ROOT");
  if (env != nullptr && *env != '\0') return env;
  return "/";
}

std::string under_root(const std::string& root, const std::string& system_path) {
  std::string r = root.empty() ? "/" : root;
  while (r.size() > 1 && r.back() == '/') r.pop_back();
  if (r == "/") return system_path;
  return r + system_path;
}

std::function<int64_t()> clock_or_default(const std::function<int64_t()>& clock) {
  if (clock) return clock;
  return [] { return now_ns(); };
}

}  // namespace synergy
