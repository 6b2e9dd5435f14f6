// The backend a command runs on: the default when none is asked for, and whether this machine
// has the hardware it needs.
#pragma once

#include <string>

namespace synergy::cli {

// `requested`, or the default (onednn if built, else reference) when empty. A backend whose
// hardware is missing (cudnn without a usable GPU) throws unavailable (exit 3) with the reason;
// an unknown name is left for the engine's registry to refuse with the known ones.
std::string resolve_backend(const std::string& requested);

}  // namespace synergy::cli
