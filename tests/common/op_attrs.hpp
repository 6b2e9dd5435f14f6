// Short constructors of op attributes for test tables.
#pragma once

#include "graph/attrs.hpp"

namespace synergy::testing {

inline ConvAttrs conv(int64_t out, Hw k, Hw s, Pads p = {}, int64_t groups = 1, Hw d = {1, 1},
                      bool bias = true) {
  return ConvAttrs{out, k, s, d, p, groups, bias};
}

inline PoolAttrs pool(PoolKind kind, Hw k, Hw s, Pads p, Rounding r, bool include_pad = false) {
  PoolAttrs a;
  a.kind = kind;
  a.kernel = k;
  a.stride = s;
  a.pads = p;
  a.rounding = r;
  a.count_include_pad = include_pad;
  return a;
}

inline PoolAttrs global(PoolKind kind) {
  PoolAttrs a;
  a.kind = kind;
  a.global = true;
  return a;
}

}  // namespace synergy::testing
