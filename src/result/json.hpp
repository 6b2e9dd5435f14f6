// The result record as JSON (schema-versioned), and back.
#pragma once

#include <string>
#include <string_view>

#include "result/record.hpp"

namespace synergy {

std::string result_to_json(const ResultRecord& record, int indent = 2);
// Throws bad_input on malformed JSON, a missing field or a newer schema version.
ResultRecord result_from_json(std::string_view text);

}  // namespace synergy
