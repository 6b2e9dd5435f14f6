// Where synergy's data files (counter presets, ...) live: $SYNERGY_DATA_DIR when set, else the
// folder the build was configured with.
#pragma once

#include <string>

namespace synergy {

// `built_in`/`sub`, or $SYNERGY_DATA_DIR/`sub` when that variable is set and not empty.
std::string data_dir(const std::string& sub, const std::string& built_in);

}  // namespace synergy
