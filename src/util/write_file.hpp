// Output files and standard output with every error checked: open, each write, flush and close.
// A failed write is an error that names the path and the cause, never a silent short file.
#pragma once

#include <string>
#include <string_view>

#include "util/error.hpp"

namespace synergy {

// The cause of a failed file operation on `path`, in words: "directory 'd' does not exist",
// "it is a directory", "permission denied", "disk full", or the system's text.
std::string describe_file_error(int err, const std::string& path);

// The kind of error an errno means on a path the user gave (see file_error).
ErrorKind file_error_kind(int err);

// The error an errno means on a path the user gave, as "<action> '<path>': <cause>": bad input
// when the path cannot exist as given (a missing directory, a directory where a file is
// wanted), unavailable for permission denied or a read-only file system, and a runtime failure
// otherwise (disk full, I/O error).
Error file_error(int err, const std::string& action, const std::string& path);

// Throws bad_input when `path` cannot be written as given: it is a directory, or its directory
// does not exist. A cheap check made before a long run; write_file() still checks every step.
// `what` names the file in the message ("trace").
void require_writable_path(const std::string& path, const std::string& what);

// Writes `bytes` to `path`. A regular file is written beside its destination and renamed into
// place, so a failure leaves the previous file (or none) rather than a truncated one; a device
// or pipe (/dev/stdout, /dev/full) is written directly. `what` names the file in errors
// ("trace", "model file"). With `exclusive`, an existing file is an error (EEXIST).
void write_file(const std::string& path, std::string_view bytes, const std::string& what,
                bool exclusive = false);

// Flushes standard output (the C and C++ streams share it); throws a runtime error naming the
// cause when any write to it failed, e.g. on a full disk or /dev/full.
void check_stdout();

}  // namespace synergy
