// libFuzzer target for the sysfs value parsers of the energy sources: integers in value files
// (RAPL, hwmon, Jetson INA3221 rails), the perf event config and the cpumask list of the RAPL PMU.
// Input: one selector byte, then the file's text. A parser returns false for what it does not
// accept; what it accepts must mean what the text says.
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "check.hpp"
#include "measure/common/sysfs_file.hpp"
#include "measure/rapl/rapl_perf_source.hpp"

namespace {

void fail(const char* what, const std::string& text) {
  synergy::fuzz::fail("fuzz_sysfs", std::string(what) + ": '" + text + "'");
}

// parse_integer accepts exactly an optional sign and decimal digits whose magnitude fits in a
// signed 64-bit integer (so not -2^63), and reads what strtoll reads.
void check_integer(const std::string& text) {
  int64_t value = 0;
  const bool ok = synergy::parse_integer(text, value);
  const size_t start = !text.empty() && (text[0] == '+' || text[0] == '-') ? 1 : 0;
  bool digits = start < text.size();
  for (size_t i = start; i < text.size() && digits; ++i) digits = text[i] >= '0' && text[i] <= '9';
  errno = 0;
  const long long expected = digits ? std::strtoll(text.c_str(), nullptr, 10) : 0;
  const bool fits = digits && errno != ERANGE && expected != INT64_MIN;
  if (ok != fits) fail(ok ? "accepted what is not a 64-bit integer" : "refused an integer", text);
  if (ok && value != expected) fail("reads another value than strtoll", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      check_integer(text);
      break;
    case 1: {
      uint64_t config = 0;
      synergy::parse_perf_event_config(text, config);
      break;
    }
    default: {
      std::vector<int> cpus;
      if (synergy::parse_cpu_list(text, cpus) && cpus.empty()) fail("an empty cpu list", text);
      for (int c : cpus)
        if (c < 0) fail("a negative cpu", text);
      break;
    }
  }
  return 0;
}
