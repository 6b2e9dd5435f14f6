// Plain-text tables and number formatting for console output.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace synergy {

// A column-aligned text table; numeric columns are right-aligned.
class TextTable {
 public:
  // `right_aligned[i]`: column i holds numbers.
  TextTable(std::vector<std::string> header, std::vector<bool> right_aligned);
  void add_row(std::vector<std::string> row);
  // A horizontal rule before the next row (e.g. before a totals line).
  void add_rule();
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a rule
};

// 665784864 -> "665,784,864".
std::string group_digits(int64_t value);
// Fixed-point with `decimals` digits.
std::string fixed(double value, int decimals);

}  // namespace synergy
