// Version and commit of this build (generated at configure time, so a new commit recompiles one
// file only).
#pragma once

namespace synergy::cli {

const char* build_version();
const char* build_commit();

}  // namespace synergy::cli
