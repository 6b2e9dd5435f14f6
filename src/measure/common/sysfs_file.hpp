// Reading one small sysfs value file, with an error message that names the file and the cause.
#pragma once

#include <cstdint>
#include <string>

namespace synergy {

struct FileText {
  bool ok = false;
  std::string text;   // the file's content, trailing whitespace removed
  std::string error;  // "<path>: permission denied", ... when !ok
  int error_number = 0;
};

struct FileInteger {
  bool ok = false;
  int64_t value = 0;
  std::string error;
  int error_number = 0;  // errno of the failed open/read, 0 for a parse error
};

FileText read_text_file(const std::string& path);
// The whole trimmed content must be one decimal integer; anything else is an error.
FileInteger read_integer_file(const std::string& path);
bool parse_integer(const std::string& text, int64_t& out);

// "<path>: <strerror>" with a hint where one helps.
std::string describe_file_error(const std::string& path, int error_number);

}  // namespace synergy
