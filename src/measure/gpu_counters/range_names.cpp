#include "measure/gpu_counters/range_names.hpp"

#include <algorithm>
#include <cctype>

namespace synergy {

namespace {

std::string sanitized(std::string name) {
  std::replace(name.begin(), name.end(), '/', '|');
  return name;
}

}  // namespace

std::string range_name_for(size_t layer, const std::string& layer_name) {
  return std::to_string(layer) + ":" + sanitized(layer_name);
}

std::optional<size_t> layer_of_range(const std::string& range_name,
                                     const std::vector<std::string>& layer_names) {
  const size_t colon = range_name.find(':');
  if (colon == 0 || colon == std::string::npos || colon > 9) return std::nullopt;
  if (colon > 1 && range_name[0] == '0') return std::nullopt;  // never written with leading zeros
  for (size_t i = 0; i < colon; ++i)
    if (!std::isdigit(static_cast<unsigned char>(range_name[i]))) return std::nullopt;
  const size_t layer = std::stoul(range_name.substr(0, colon));
  if (layer >= layer_names.size()) return std::nullopt;
  const std::string reported = range_name.substr(colon + 1);
  const std::string expected = sanitized(layer_names[layer]);
  if (reported == expected) return layer;
  const bool truncated = !reported.empty() && expected.rfind(reported, 0) == 0;
  return truncated ? std::optional<size_t>(layer) : std::nullopt;
}

}  // namespace synergy
