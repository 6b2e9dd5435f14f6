// .npy reading and writing: round trips, files written by NumPy, and strict rejection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "engine/npy.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kData = std::string(SYNERGY_SOURCE_DIR) + "/tests/engine/data/";

// A .npy file with a given header dict and payload.
std::string npy_bytes(const std::string& dict, size_t payload_bytes, char major = 1) {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out("\x93NUMPY", 6);
  out += major;
  out += '\0';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  if (major > 1) out += std::string(2, '\0');
  return out + header + std::string(payload_bytes, '\0');
}

std::string parse_error(const std::string& bytes) {
  try {
    parse_npy(bytes, "x.npy");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    return e.what();
  }
  ADD_FAILURE() << "accepted a malformed file";
  return {};
}

TEST(Npy, RoundTripsShapesAndValues) {
  for (const Shape& shape : {Shape{1, 3, 5, 7}, Shape{5}, Shape{}, Shape{2, 0}}) {
    Tensor t{shape, std::vector<float>(static_cast<size_t>(shape.numel()))};
    for (size_t i = 0; i < t.data.size(); ++i) t.data[i] = 0.25f * static_cast<float>(i) - 3.0f;
    const std::string bytes = format_npy(t);
    EXPECT_EQ(bytes.size() % 64, t.data.size() * 4 % 64) << "header padded to 64 bytes";
    Tensor back = parse_npy(bytes, "mem");
    EXPECT_EQ(back.shape, shape);
    EXPECT_EQ(back.data, t.data);
  }
}

TEST(Npy, ReadsWhatNumPyWrites) {
  Tensor t = read_npy(kData + "numpy_2x3.npy");
  EXPECT_EQ(t.shape, (Shape{2, 3}));
  EXPECT_THAT(t.data, ElementsAre(0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 2.5f));
}

TEST(Npy, WritesAFileAndReadsItBack) {
  const std::string path = std::string(SYNERGY_BINARY_DIR) + "/npy_test_out.npy";
  write_npy(path, {Shape{1, 2}, {7.0f, -1.0f}});
  Tensor t = read_npy(path);
  std::remove(path.c_str());
  EXPECT_THAT(t.data, ElementsAre(7.0f, -1.0f));
}

TEST(Npy, AcceptsVersionTwoHeaders) {
  Tensor t = parse_npy(
      npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 12, 2), "v2");
  EXPECT_EQ(t.shape, (Shape{3}));
}

TEST(Npy, RejectsOtherDtypesNamingThem) {
  try {
    read_npy(kData + "numpy_f64.npy");
    FAIL() << "float64 accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_THAT(e.what(), HasSubstr("'<f8'"));
    EXPECT_THAT(e.what(), HasSubstr("astype"));
  }
  EXPECT_THAT(
      parse_error(npy_bytes("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 4)),
      HasSubstr("'>f4'"));
}

TEST(Npy, RejectsFortranOrder) {
  EXPECT_THAT(parse_error(npy_bytes("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", 4)),
              HasSubstr("Fortran"));
}

TEST(Npy, RejectsSizeMismatch) {
  const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }";
  EXPECT_THAT(parse_error(npy_bytes(dict, 12)), HasSubstr("needs 16 data bytes"));
  EXPECT_THAT(parse_error(npy_bytes(dict, 20)), HasSubstr("needs 16 data bytes"));
}

TEST(Npy, RejectsMalformedHeaders) {
  EXPECT_THAT(parse_error("PK\x03\x04 not numpy"), HasSubstr("not a .npy"));
  EXPECT_THAT(parse_error(npy_bytes("{'descr': '<f4', 'shape': (1,), }", 4)),
              HasSubstr("exactly descr"));
  EXPECT_THAT(
      parse_error(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", 4)),
      HasSubstr("shape"));
  EXPECT_THAT(
      parse_error(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,,2), }", 8)),
      HasSubstr("shape"));
  EXPECT_THAT(parse_error(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)", 4)),
              HasSubstr("malformed"));
  EXPECT_THAT(
      parse_error(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4, 9)),
      HasSubstr("version"));
  std::string truncated = npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4);
  EXPECT_THAT(parse_error(truncated.substr(0, 40)), HasSubstr("truncated"));
}

TEST(Npy, MissingFileIsBadInput) {
  try {
    read_npy("/nonexistent/x.npy");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/x.npy"));
  }
}

}  // namespace
}  // namespace synergy
