// libFuzzer target for the .npy reader (network inputs and reference outputs). Malformed input
// must end in synergy::Error; a tensor that parses has as many values as its shape, and writing it
// and reading it back gives the same shape and bits.
#include <cstdint>
#include <cstring>
#include <string_view>

#include "check.hpp"
#include "engine/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  synergy::Tensor t;
  try {
    t = synergy::parse_npy(bytes, "fuzz.npy");
  } catch (const synergy::Error&) {
    return 0;
  }
  if (static_cast<int64_t>(t.data.size()) != t.shape.numel()) {
    synergy::fuzz::fail("fuzz_npy",
                        std::to_string(t.data.size()) + " values for shape " + t.shape.str());
  }
  const synergy::Tensor back = synergy::parse_npy(synergy::format_npy(t), "written.npy");
  if (back.shape != t.shape ||
      std::memcmp(back.data.data(), t.data.data(), t.data.size() * sizeof(float)) != 0) {
    synergy::fuzz::fail("fuzz_npy", "written and read back differs");
  }
  return 0;
}
