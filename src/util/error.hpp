// Errors with a meaning the CLI turns into an exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace synergy {

enum class ErrorKind {
  BadInput,     // malformed file, absurd shape, bad flag: exit 2
  Unsupported,  // op or feature not supported by the chosen backend/source: exit 2
  Unavailable,  // hardware, sensor or permission missing: exit 3
  Runtime,      // anything else that failed while running: exit 1
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

inline Error bad_input(const std::string& what) {
  return Error(ErrorKind::BadInput, what);
}
inline Error unsupported(const std::string& what) {
  return Error(ErrorKind::Unsupported, what);
}
inline Error unavailable(const std::string& what) {
  return Error(ErrorKind::Unavailable, what);
}

int exit_code_for(ErrorKind kind);

}  // namespace synergy
