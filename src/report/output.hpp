// A result record in the format a user asked for: the table, JSON or per-layer CSV.
#pragma once

#include <ostream>
#include <string>

#include "report/record.hpp"

namespace synergy {

// `format`: "table", "json" or "csv".
void write_record(std::ostream& out, const ResultRecord& record, const std::string& format);

}  // namespace synergy
