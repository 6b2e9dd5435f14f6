#include <gtest/gtest.h>

#include "io/caffe/caffemodel.hpp"
#include "io/caffe/wire_format.hpp"
#include "test_util.hpp"
#include "util/error.hpp"

namespace synergy::caffe {
namespace {

namespace pb = synergy::testing::pb;

TEST(WireFormat, ReadsVarintsBytesAndFixedFields) {
  const std::string data = pb::varint_field(1, 300) + pb::bytes_field(2, "hello") +
                           pb::packed_floats(3, {1.5f, -2.0f}) +
                           pb::varint_field(4, 0xffffffffffffffffULL);
  WireReader r(data);
  WireField a = r.next();
  EXPECT_EQ(a.number, 1u);
  EXPECT_EQ(a.varint, 300u);
  WireField b = r.next();
  EXPECT_EQ(b.type, WireType::Bytes);
  EXPECT_EQ(b.bytes, "hello");
  std::vector<float> floats;
  append_floats(r.next(), floats);
  EXPECT_EQ(floats, (std::vector<float>{1.5f, -2.0f}));
  EXPECT_EQ(r.next().varint, 0xffffffffffffffffULL);
  EXPECT_TRUE(r.done());
}

TEST(WireFormat, PackedVarints) {
  std::vector<int64_t> dims;
  append_varints({1, WireType::Bytes, 0, pb::varint(1) + pb::varint(4096) + pb::varint(3)}, dims);
  EXPECT_EQ(dims, (std::vector<int64_t>{1, 4096, 3}));
}

TEST(WireFormat, TruncationAndBadInputThrow) {
  const std::string data = pb::bytes_field(2, "hello");
  for (size_t n = 1; n < data.size(); ++n) {
    WireReader r(std::string_view(data).substr(0, n));
    EXPECT_THROW(r.next(), Error) << n;
  }
  EXPECT_THROW(WireReader(std::string(11, '\xff')).next(), Error);   // varint too long
  EXPECT_THROW(WireReader(pb::varint(3)).next(), Error);             // field number 0
  EXPECT_THROW(WireReader(pb::varint((1 << 3) | 3)).next(), Error);  // group
  std::vector<float> f;
  EXPECT_THROW(append_floats({5, WireType::Bytes, 0, "abc"}, f), Error);  // 3 bytes
  EXPECT_THROW(append_floats({5, WireType::Varint, 1, {}}, f), Error);
}

TEST(Caffemodel, ReadsLayersBlobsAndShapes) {
  const std::string model =
      pb::layer("conv", {pb::blob({2, 1, 1, 1}, {1, 2}), pb::blob({2}, {3, 4})}) +
      pb::v1_layer("old", {pb::legacy_blob({1, 1, 1, 3}, {5, 6, 7})}) +
      pb::varint_field(7, 1);  // an unrelated NetParameter field
  const auto layers = read_caffemodel(model);
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[0].name, "conv");
  ASSERT_EQ(layers[0].blobs.size(), 2u);
  EXPECT_EQ(layers[0].blobs[0].shape, (Dims{2, 1, 1, 1}));
  EXPECT_EQ(layers[0].blobs[1].data, (std::vector<float>{3, 4}));
  EXPECT_EQ(layers[1].name, "old");
  EXPECT_EQ(layers[1].blobs[0].shape, (Dims{1, 1, 1, 3}));
  EXPECT_EQ(layers[1].blobs[0].data, (std::vector<float>{5, 6, 7}));
}

TEST(Caffemodel, BlobWhoseCountDisagreesWithItsShapeIsAnError) {
  const std::string model = pb::layer("fc", {pb::blob({2, 3}, {1, 2, 3})});
  try {
    read_caffemodel(model);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "layer 'fc': blob 0 has shape 2x3 but 3 values");
  }
}

TEST(Caffemodel, EveryTruncationIsAnErrorOrAPrefixNeverACrash) {
  const std::string model = pb::layer("conv", {pb::blob({2, 2}, {1, 2, 3, 4})});
  for (size_t n = 0; n < model.size(); ++n) {
    try {
      read_caffemodel(std::string_view(model).substr(0, n));
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    }
  }
}

}  // namespace
}  // namespace synergy::caffe
