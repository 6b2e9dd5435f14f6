// Names of the profiler ranges pushed around layers, and the way back from a name CUPTI reports
// to the layer it was pushed for. A name carries the layer's index, so layers that share a name
// (or a name prefix, or have none) stay apart.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace synergy {

// "<index>:<name>", with '/' (CUPTI's nesting delimiter) replaced by '|'.
std::string range_name_for(size_t layer, const std::string& layer_name);

// The layer a reported range belongs to: its index must exist and the name after it must be the
// layer's (or a non-empty truncation of it). nullopt for a range that matches no layer.
std::optional<size_t> layer_of_range(const std::string& range_name,
                                     const std::vector<std::string>& layer_names);

}  // namespace synergy
