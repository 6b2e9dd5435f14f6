// libFuzzer target for the result record JSON reader (profiles read back by fit, evaluate and the
// store). Malformed input must end in synergy::Error; a record that reads writes back to JSON that
// reads as the same record.
#include <cstdint>
#include <string>
#include <string_view>

#include "check.hpp"
#include "result/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  synergy::ResultRecord record;
  try {
    record = synergy::result_from_json(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const synergy::Error&) {
    return 0;
  }
  synergy::fuzz::expect_stable_round_trip(
      "fuzz_result_json", synergy::result_to_json(record),
      [](const std::string& text) { return synergy::result_from_json(text); },
      [](const synergy::ResultRecord& r) { return synergy::result_to_json(r); });
  return 0;
}
