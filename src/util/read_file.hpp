// Reading a whole input file the user named.
#pragma once

#include <string>

namespace synergy {

// The file's bytes; throws bad_input "cannot read '<path>'" when it cannot be opened.
std::string read_file(const std::string& path);

}  // namespace synergy
