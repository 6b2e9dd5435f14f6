// CSV as RFC 4180 has it: a field with a comma, quote or line break is quoted, quotes doubled.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace synergy {

std::string csv_cell(const std::string& field);
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace synergy
