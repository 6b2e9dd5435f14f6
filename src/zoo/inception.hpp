// Inception modules: GoogLeNet's (v1) and Inception-BN's (double 3x3, batch norm).
#pragma once

#include "graph/builder.hpp"

namespace synergy::zoo {

// Channels of a GoogLeNet module "inception_<id>".
struct InceptionV1 {
  const char* id;
  int64_t c1x1, c3x3_reduce, c3x3, c5x5_reduce, c5x5, pool_proj;
};
ValueId inception_v1(GraphBuilder& b, ValueId in, const InceptionV1& m);

// Channels of an Inception-BN module. c1x1 == 0: a stride-2 module (no 1x1 branch, max-pool
// pass-through). pool_proj == 0 likewise passes the pooled input through.
struct InceptionBn {
  const char* id;
  int64_t c1x1, c3x3_reduce, c3x3, d3x3_reduce, d3x3, pool_proj;
  PoolKind pool;
};
ValueId inception_bn(GraphBuilder& b, ValueId in, const InceptionBn& m);

}  // namespace synergy::zoo
