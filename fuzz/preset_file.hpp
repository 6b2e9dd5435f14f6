// The fuzz input as the only preset file of a private directory: the preset loaders read
// directories of files, and their parsing is reached through them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace synergy::fuzz {

// Writes data to "<dir>/presets.txt" in a directory made once per process; returns the directory.
std::string write_preset_file(const uint8_t* data, size_t size);

}  // namespace synergy::fuzz
