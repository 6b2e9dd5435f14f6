// Small text helpers for the project's line-oriented file formats and option values.
#pragma once

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

}  // namespace synergy
