// Small text helpers for the project's line-oriented file formats and option values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace synergy {

// `s` without leading and trailing spaces, tabs, carriage returns and newlines.
std::string trim(const std::string& s);
// The parts of `s` between each `sep`, trimmed; empty parts are kept ("a,,b," has four).
std::vector<std::string> split(const std::string& s, char sep);
// The whitespace-separated words of `s`.
std::vector<std::string> words(const std::string& s);
// `x` written by a printf format with one double conversion, such as "%.3g W".
std::string format_number(const char* format, double x);
// "41.2 %" for 0.412; "1.23 s" for 1'230'000'000 ns (three significant digits).
std::string format_percent(double fraction);
std::string format_seconds(int64_t ns);

}  // namespace synergy
