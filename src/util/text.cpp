#include "util/text.hpp"

#include <cstdio>
#include <sstream>

namespace synergy {

std::string trim(const std::string& s) {
  constexpr const char* kSpace = " \t\r\n\v\f";  // what isspace() and words() take for space
  const size_t a = s.find_first_not_of(kSpace);
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(kSpace) - a + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    out.push_back(trim(s.substr(start, at == std::string::npos ? std::string::npos : at - start)));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

std::string format_number(const char* format, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

std::string format_percent(double fraction) {
  return format_number("%.3g %%", 100.0 * fraction);
}

std::string format_seconds(int64_t ns) {
  return format_number("%.3g s", static_cast<double>(ns) * 1e-9);
}

}  // namespace synergy
