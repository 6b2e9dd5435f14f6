#include "util/write_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace synergy {

namespace {

std::string parent_of(const std::string& path) {
  const std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Writes all of `bytes` to `fd`; the errno of the first failure, or 0.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : ENOSPC;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

// Opens, writes and closes `path`; the errno of the first failure, or 0.
int write_whole(const std::string& path, std::string_view bytes, int flags) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | flags, 0644);
  if (fd < 0) return errno;
  const int write_err = write_all(fd, bytes);
  const int close_err = ::close(fd) == 0 ? 0 : errno;
  return write_err != 0 ? write_err : close_err;
}

}  // namespace

std::string describe_file_error(int err, const std::string& path) {
  switch (err) {
    case ENOENT: {
      const std::string dir = parent_of(path);
      return std::filesystem::exists(dir) ? "no such file"
                                          : "directory '" + dir + "' does not exist";
    }
    case ENOTDIR:
      return "a part of the path is not a directory";
    case EISDIR:
      return "it is a directory";
    case EACCES:
    case EPERM:
      return "permission denied";
    case EROFS:
      return "read-only file system";
    case ENOSPC:
    case EDQUOT:
      return "disk full (" + std::string(std::strerror(err)) + ")";
    default:
      return std::strerror(err);
  }
}

ErrorKind file_error_kind(int err) {
  switch (err) {
    case ENOENT:
    case ENOTDIR:
    case EISDIR:
    case ENAMETOOLONG:
      return ErrorKind::BadInput;
    case EACCES:
    case EPERM:
    case EROFS:
      return ErrorKind::Unavailable;
    default:
      return ErrorKind::Runtime;
  }
}

Error file_error(int err, const std::string& action, const std::string& path) {
  return Error(file_error_kind(err), action + " '" + path + "': " + describe_file_error(err, path));
}

void require_writable_path(const std::string& path, const std::string& what) {
  const std::string action = "cannot write " + what;
  if (is_directory(path)) throw file_error(EISDIR, action, path);
  const std::string dir = parent_of(path);
  if (!std::filesystem::exists(dir)) throw file_error(ENOENT, action, path);
  if (!is_directory(dir)) throw file_error(ENOTDIR, action, path);
}

void write_file(const std::string& path, std::string_view bytes, const std::string& what,
                bool exclusive) {
  const std::string action = "cannot write " + what;
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) throw file_error(EISDIR, action, path);
  if (exists && exclusive) throw file_error(EEXIST, action, path);
  if (exists && !S_ISREG(st.st_mode)) {  // a device or a pipe: no file to replace
    if (const int err = write_whole(path, bytes, O_TRUNC)) throw file_error(err, action, path);
    return;
  }
  const std::string partial = path + ".partial-" + std::to_string(::getpid());
  if (const int err = write_whole(partial, bytes, O_CREAT | O_TRUNC)) {
    ::unlink(partial.c_str());
    throw file_error(err, action, path);
  }
  // link() refuses an existing destination, so an exclusive write never replaces a file.
  const int moved =
      exclusive ? ::link(partial.c_str(), path.c_str()) : ::rename(partial.c_str(), path.c_str());
  const int err = moved == 0 ? 0 : errno;
  ::unlink(partial.c_str());  // after link(): the extra name; after rename(): already gone
  if (err != 0) throw file_error(err, action, path);
}

void check_stdout() {
  errno = 0;
  std::cout.flush();
  int err = errno;
  if (std::fflush(stdout) != 0) err = errno;
  if (!std::ferror(stdout) && std::cout.good()) return;
  // A failed write earlier may have left no errno behind: ask the descriptor. A write of
  // nothing fails on /dev/full; a file system without free blocks is a full disk.
  if (err == 0 && ::write(STDOUT_FILENO, "", 0) < 0) err = errno;
  struct statvfs fs {};
  if (err == 0 && ::fstatvfs(STDOUT_FILENO, &fs) == 0 && fs.f_blocks > 0 && fs.f_bavail == 0)
    err = ENOSPC;
  throw Error(ErrorKind::Runtime,
              "cannot write standard output: " + (err != 0 ? describe_file_error(err, "<stdout>")
                                                           : std::string("a write failed")));
}

}  // namespace synergy
