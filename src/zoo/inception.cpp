#include "zoo/inception.hpp"

#include "zoo/blocks.hpp"

namespace synergy::zoo {

ValueId inception_v1(GraphBuilder& b, ValueId in, const InceptionV1& m) {
  const std::string p = std::string("inception_") + m.id + "/";
  ValueId a = conv_relu(b, p + "1x1", p + "relu_1x1", in, conv(m.c1x1, 1));
  ValueId r3 = conv_relu(b, p + "3x3_reduce", p + "relu_3x3_reduce", in, conv(m.c3x3_reduce, 1));
  ValueId c3 = conv_relu(b, p + "3x3", p + "relu_3x3", r3, conv(m.c3x3, 3, 1, 1));
  ValueId r5 = conv_relu(b, p + "5x5_reduce", p + "relu_5x5_reduce", in, conv(m.c5x5_reduce, 1));
  ValueId c5 = conv_relu(b, p + "5x5", p + "relu_5x5", r5, conv(m.c5x5, 5, 1, 2));
  ValueId pool = b.add1(p + "pool", max_pool(3, 1, 1, Rounding::Ceil), {in});
  ValueId proj = conv_relu(b, p + "pool_proj", p + "relu_pool_proj", pool, conv(m.pool_proj, 1));
  return b.add1(p + "output", ConcatAttrs{1}, {a, c3, c5, proj});
}

namespace {

// "<p><name>" conv -> "<p><name>_bn" -> "<p>relu_<name>".
ValueId cbr(GraphBuilder& b, const std::string& p, const std::string& name, ValueId in,
            ConvAttrs a) {
  return conv_bn(b, {p + name, p + name + "_bn", p + "relu_" + name}, in, a);
}

}  // namespace

ValueId inception_bn(GraphBuilder& b, ValueId in, const InceptionBn& m) {
  const std::string p = std::string("inception_") + m.id + "/";
  const bool reduce = m.c1x1 == 0;  // stride-2 module
  const int64_t s = reduce ? 2 : 1;
  std::vector<ValueId> parts;
  if (!reduce) parts.push_back(cbr(b, p, "1x1", in, conv(m.c1x1, 1)));
  ValueId t = cbr(b, p, "3x3_reduce", in, conv(m.c3x3_reduce, 1));
  parts.push_back(cbr(b, p, "3x3", t, conv(m.c3x3, 3, s, 1)));
  t = cbr(b, p, "double_3x3_reduce", in, conv(m.d3x3_reduce, 1));
  t = cbr(b, p, "double_3x3_1", t, conv(m.d3x3, 3, 1, 1));
  parts.push_back(cbr(b, p, "double_3x3_2", t, conv(m.d3x3, 3, s, 1)));
  PoolAttrs pa = m.pool == PoolKind::Max ? max_pool(3, s, reduce ? 0 : 1, Rounding::Ceil)
                                         : avg_pool(3, 1, 1, Rounding::Ceil, true);
  ValueId pool = b.add1(p + "pool", pa, {in});
  parts.push_back(m.pool_proj == 0 ? pool : cbr(b, p, "pool_proj", pool, conv(m.pool_proj, 1)));
  return b.add1(p + "output", ConcatAttrs{1}, parts);
}

}  // namespace synergy::zoo
