#include "preset_file.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace synergy::fuzz {

std::string write_preset_file(const uint8_t* data, size_t size) {
  static const std::string dir = [] {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/synergy_fuzz.XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    return pattern;
  }();
  std::ofstream out(dir + "/presets.txt", std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return dir;
}

}  // namespace synergy::fuzz
