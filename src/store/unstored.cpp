#include "store/unstored.hpp"

#include <unistd.h>

#include <ctime>
#include <filesystem>

#include "result/json.hpp"
#include "util/write_file.hpp"

namespace synergy {

namespace {

std::string base_name(const std::string& store_path) {
  char stamp[32] = "";
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  std::string name = std::filesystem::path(store_path).filename().string();
  name.append(".unstored-").append(stamp).append("-").append(std::to_string(::getpid()));
  return name;
}

// Writes `json` to a new file `base`[-N].json in `dir`, never replacing one; returns its path.
std::string write_new(const std::filesystem::path& dir, const std::string& base,
                      const std::string& json) {
  for (int n = 1;; ++n) {
    std::string name = base;  // appended piecewise: GCC 12 warns falsely on chained string "+"
    if (n > 1) name.append("-").append(std::to_string(n));
    const std::filesystem::path p = dir / name.append(".json");
    if (n < 100 && std::filesystem::exists(p)) continue;
    write_file(p.string(), json, "unstored run", true);
    return p.string();
  }
}

}  // namespace

std::string save_unstored_run(const ResultRecord& record, const std::string& store_path) {
  const std::string json = result_to_json(record) + "\n";
  const std::string base = base_name(store_path);
  const std::filesystem::path dir = std::filesystem::path(store_path).parent_path();
  if (dir.empty()) return write_new(dir, base, json);  // the store is here: one place to try
  try {
    return write_new(dir, base, json);
  } catch (const Error& first) {
    try {
      return write_new({}, base, json);
    } catch (const Error& second) {
      throw Error(ErrorKind::Runtime, std::string(first.what()) + "; " + second.what());
    }
  }
}

}  // namespace synergy
