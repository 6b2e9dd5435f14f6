// Thread count resolution shared by every backend.
#pragma once

#include "engine/backend.hpp"

namespace synergy {

// context.threads, or every core the process may use when it is 0. Throws bad_input when < 0.
int resolve_threads(const EngineContext& context);

}  // namespace synergy
