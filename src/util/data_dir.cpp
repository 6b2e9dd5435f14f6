#include "util/data_dir.hpp"

#include <cstdlib>

namespace synergy {

std::string data_dir(const std::string& sub, const std::string& built_in) {
  const char* env = std::getenv("SYNERGY_DATA_DIR");
  return (env != nullptr && *env != '\0' ? std::string(env) : built_in) + "/" + sub;
}

}  // namespace synergy
