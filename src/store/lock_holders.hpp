// Who holds a lock on a file: the processes /proc/locks names, so that "the store is locked"
// can say by whom.
#pragma once

#include <string>
#include <vector>

namespace synergy {

// Other processes holding a write (exclusive) lock on any of `files`; empty when none is known
// (no /proc/locks, or the holder is this process).
std::vector<long> write_lock_holders(const std::vector<std::string>& files);

}  // namespace synergy
