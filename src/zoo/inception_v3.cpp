// Inception-v3 (299x299) as defined by torchvision, without the auxiliary classifier (a
// training-time branch). Szegedy, Vanhoucke, Ioffe, Shlens, Wojna, "Rethinking the Inception
// Architecture for Computer Vision", CVPR 2016.
#include "zoo/blocks.hpp"
#include "zoo/networks.hpp"

namespace synergy::zoo {
namespace {

// torchvision's BasicConv2d "<name>": conv (no bias) -> BN (eps 1e-3) -> ReLU.
ValueId basic(GraphBuilder& b, const std::string& name, ValueId in, ConvAttrs a) {
  a.has_bias = false;
  ValueId x = b.add1(name + ".conv", a, {in});
  x = b.add1(name + ".bn", BatchNormAttrs{1e-3f}, {x});
  return b.add1(name + ".relu", relu(), {x});
}

ValueId concat(GraphBuilder& b, const std::string& name, std::vector<ValueId> parts) {
  return b.add1(name, ConcatAttrs{1}, std::move(parts));
}

ValueId pool_branch(GraphBuilder& b, const std::string& p, ValueId in, int64_t out) {
  ValueId x = b.add1(p + ".avg_pool", avg_pool(3, 1, 1, Rounding::Floor, true), {in});
  return basic(b, p + ".branch_pool", x, conv(out, 1));
}

ValueId inception_a(GraphBuilder& b, const std::string& p, ValueId in, int64_t pool_features) {
  ValueId a = basic(b, p + ".branch1x1", in, conv(64, 1));
  ValueId c = basic(b, p + ".branch5x5_1", in, conv(48, 1));
  c = basic(b, p + ".branch5x5_2", c, conv(64, 5, 1, 2));
  ValueId d = basic(b, p + ".branch3x3dbl_1", in, conv(64, 1));
  d = basic(b, p + ".branch3x3dbl_2", d, conv(96, 3, 1, 1));
  d = basic(b, p + ".branch3x3dbl_3", d, conv(96, 3, 1, 1));
  return concat(b, p + ".concat", {a, c, d, pool_branch(b, p, in, pool_features)});
}

ValueId inception_b(GraphBuilder& b, const std::string& p, ValueId in) {
  ValueId a = basic(b, p + ".branch3x3", in, conv(384, 3, 2));
  ValueId d = basic(b, p + ".branch3x3dbl_1", in, conv(64, 1));
  d = basic(b, p + ".branch3x3dbl_2", d, conv(96, 3, 1, 1));
  d = basic(b, p + ".branch3x3dbl_3", d, conv(96, 3, 2));
  ValueId pool = b.add1(p + ".max_pool", max_pool(3, 2, 0, Rounding::Floor), {in});
  return concat(b, p + ".concat", {a, d, pool});
}

ConvAttrs k1x7(int64_t out) {
  return conv_rect(out, {1, 7}, {0, 3});
}
ConvAttrs k7x1(int64_t out) {
  return conv_rect(out, {7, 1}, {3, 0});
}

ValueId inception_c(GraphBuilder& b, const std::string& p, ValueId in, int64_t c7) {
  ValueId a = basic(b, p + ".branch1x1", in, conv(192, 1));
  ValueId c = basic(b, p + ".branch7x7_1", in, conv(c7, 1));
  c = basic(b, p + ".branch7x7_2", c, k1x7(c7));
  c = basic(b, p + ".branch7x7_3", c, k7x1(192));
  ValueId d = basic(b, p + ".branch7x7dbl_1", in, conv(c7, 1));
  d = basic(b, p + ".branch7x7dbl_2", d, k7x1(c7));
  d = basic(b, p + ".branch7x7dbl_3", d, k1x7(c7));
  d = basic(b, p + ".branch7x7dbl_4", d, k7x1(c7));
  d = basic(b, p + ".branch7x7dbl_5", d, k1x7(192));
  return concat(b, p + ".concat", {a, c, d, pool_branch(b, p, in, 192)});
}

ValueId inception_d(GraphBuilder& b, const std::string& p, ValueId in) {
  ValueId a = basic(b, p + ".branch3x3_1", in, conv(192, 1));
  a = basic(b, p + ".branch3x3_2", a, conv(320, 3, 2));
  ValueId c = basic(b, p + ".branch7x7x3_1", in, conv(192, 1));
  c = basic(b, p + ".branch7x7x3_2", c, k1x7(192));
  c = basic(b, p + ".branch7x7x3_3", c, k7x1(192));
  c = basic(b, p + ".branch7x7x3_4", c, conv(192, 3, 2));
  ValueId pool = b.add1(p + ".max_pool", max_pool(3, 2, 0, Rounding::Floor), {in});
  return concat(b, p + ".concat", {a, c, pool});
}

// A 1x3 and a 3x1 conv side by side on `in`, concatenated.
ValueId split_3x3(GraphBuilder& b, const std::string& p, ValueId in) {
  ValueId l = basic(b, p + "a", in, conv_rect(384, {1, 3}, {0, 1}));
  ValueId r = basic(b, p + "b", in, conv_rect(384, {3, 1}, {1, 0}));
  return concat(b, p + ".concat", {l, r});
}

ValueId inception_e(GraphBuilder& b, const std::string& p, ValueId in) {
  ValueId a = basic(b, p + ".branch1x1", in, conv(320, 1));
  ValueId c = split_3x3(b, p + ".branch3x3_2", basic(b, p + ".branch3x3_1", in, conv(384, 1)));
  ValueId d = basic(b, p + ".branch3x3dbl_1", in, conv(448, 1));
  d = split_3x3(b, p + ".branch3x3dbl_3", basic(b, p + ".branch3x3dbl_2", d, conv(384, 3, 1, 1)));
  return concat(b, p + ".concat", {a, c, d, pool_branch(b, p, in, 192)});
}

}  // namespace

Graph build_inception_v3() {
  GraphBuilder b("inception_v3", "Szegedy et al., CVPR 2016 (arXiv 1512.00567); torchvision");
  ValueId x = b.input("data", {1, 3, 299, 299});
  x = basic(b, "Conv2d_1a_3x3", x, conv(32, 3, 2));
  x = basic(b, "Conv2d_2a_3x3", x, conv(32, 3));
  x = basic(b, "Conv2d_2b_3x3", x, conv(64, 3, 1, 1));
  x = b.add1("maxpool1", max_pool(3, 2, 0, Rounding::Floor), {x});
  x = basic(b, "Conv2d_3b_1x1", x, conv(80, 1));
  x = basic(b, "Conv2d_4a_3x3", x, conv(192, 3));
  x = b.add1("maxpool2", max_pool(3, 2, 0, Rounding::Floor), {x});
  x = inception_a(b, "Mixed_5b", x, 32);
  x = inception_a(b, "Mixed_5c", x, 64);
  x = inception_a(b, "Mixed_5d", x, 64);
  x = inception_b(b, "Mixed_6a", x);
  x = inception_c(b, "Mixed_6b", x, 128);
  x = inception_c(b, "Mixed_6c", x, 160);
  x = inception_c(b, "Mixed_6d", x, 160);
  x = inception_c(b, "Mixed_6e", x, 192);
  x = inception_d(b, "Mixed_7a", x);
  x = inception_e(b, "Mixed_7b", x);
  x = inception_e(b, "Mixed_7c", x);
  x = b.add1("avgpool", global_avg_pool(), {x});
  x = b.add1("dropout", DropoutAttrs{0.5f}, {x});
  return b.finish({b.add1("fc", fc(1000), {x})});
}

}  // namespace synergy::zoo
