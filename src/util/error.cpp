#include "util/error.hpp"

namespace synergy {

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::BadInput:
    case ErrorKind::Unsupported:
      return 2;
    case ErrorKind::Unavailable:
      return 3;
    case ErrorKind::Runtime:
      return 1;
  }
  return 1;
}

}  // namespace synergy
