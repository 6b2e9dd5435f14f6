// What the fuzz targets share: reporting a broken property (a message, then abort(), which
// libFuzzer records as a crash together with the input), and the write-read-write check.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "util/error.hpp"

namespace synergy::fuzz {

[[noreturn]] inline void fail(const char* target, const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", target, what.c_str());
  std::abort();
}

// `written` (the writer's output for something the reader accepted) must read back without error
// and write the same text again: what a reader accepts, the writer can express.
template <class Read, class Write>
void expect_stable_round_trip(const char* target, const std::string& written, Read read,
                              Write write) {
  std::string again;
  try {
    again = write(read(written));
  } catch (const Error& e) {
    fail(target, std::string("written output does not read back: ") + e.what() + "\n" + written);
  }
  if (again != written) fail(target, "written, read and written again differs\n" + written);
}

}  // namespace synergy::fuzz
