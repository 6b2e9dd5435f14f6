#include "util/read_file.hpp"

#include <fstream>
#include <sstream>

#include "util/error.hpp"

namespace synergy {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw bad_input("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace synergy
