// Every JSON document synergy prints starts by naming its kind, its version and the unit of each
// number in it, so a reader can check what it holds before reading it. (Header only: its users
// already build against nlohmann/json.)
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace synergy {

// {"format": kind, "version": version, "units": {field: unit, ...}}; the caller adds the rest.
template <class Json = nlohmann::json>
Json json_document(const std::string& kind, int version, Json units) {
  Json doc;
  doc["format"] = kind;
  doc["version"] = version;
  doc["units"] = std::move(units);
  return doc;
}

}  // namespace synergy
