// A finished run the store could not take (locked, disk full) is kept as its JSON record in a
// file that `synergy runs import` brings into the store later.
#pragma once

#include <string>

#include "result/record.hpp"

namespace synergy {

// Writes `record` as JSON next to the store, as `<store>.unstored-<UTC time>-<pid>.json`, or in
// the current directory when the store's directory cannot take it; returns the path written.
// Throws a runtime error naming both failures when neither place can.
std::string save_unstored_run(const ResultRecord& record, const std::string& store_path);

}  // namespace synergy
