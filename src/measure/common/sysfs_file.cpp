#include "measure/common/sysfs_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace synergy {

namespace {

std::string trim_right(std::string s) {
  while (!s.empty() &&
         (s.back() == '\n' || s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.pop_back();
  return s;
}

}  // namespace

std::string describe_file_error(const std::string& path, int error_number) {
  if (error_number == ENOENT) return path + ": missing";
  if (error_number == EISDIR) return path + ": is a directory, not a value file";
  return path + ": " + std::strerror(error_number);
}

FileText read_text_file(const std::string& path) {
  FileText r;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    r.error_number = errno;
    r.error = describe_file_error(path, errno);
    return r;
  }
  char buf[4096];
  ssize_t n = ::read(fd, buf, sizeof buf);
  int read_errno = errno;
  ::close(fd);
  if (n < 0) {
    r.error_number = read_errno;
    r.error = describe_file_error(path, read_errno);
    return r;
  }
  r.ok = true;
  r.text = trim_right(std::string(buf, static_cast<size_t>(n)));
  return r;
}

bool parse_integer(const std::string& text, int64_t& out) {
  if (text.empty()) return false;
  size_t i = 0;
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  if (i == text.size()) return false;
  int64_t v = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v)) return false;
  }
  out = negative ? -v : v;
  return true;
}

FileInteger read_integer_file(const std::string& path) {
  FileInteger r;
  FileText t = read_text_file(path);
  if (!t.ok) {
    r.error = t.error;
    r.error_number = t.error_number;
    return r;
  }
  if (!parse_integer(t.text, r.value)) {
    std::string shown = t.text.substr(0, 40);
    r.error = path + ": not an integer: '" + shown + "'";
    return r;
  }
  r.ok = true;
  return r;
}

}  // namespace synergy
