// Convolution and Pooling: kernel, stride, pad and dilation in Caffe's several spellings.
#include "io/caffe/layer_rules.hpp"
#include "util/error.hpp"

namespace synergy::caffe {
namespace {

// `<base>_h`/`<base>_w` when given (both required), else the repeated `<single>` field: one value
// for both axes or one per axis; `fallback` when absent.
Hw spatial(const TextMessage& p, const std::string& base, const std::string& single,
           int64_t fallback) {
  const bool has_h = p.has(base + "_h"), has_w = p.has(base + "_w");
  if (has_h || has_w) {
    if (!has_h || !has_w) throw bad_input(base + "_h and " + base + "_w must be given together");
    if (p.has(single)) throw bad_input(single + " and " + base + "_h/_w are both given");
    return {p.get_int(base + "_h", 0), p.get_int(base + "_w", 0)};
  }
  const std::vector<int64_t> v = p.ints(single);
  if (v.empty()) return {fallback, fallback};
  if (v.size() == 1) return {v[0], v[0]};
  if (v.size() == 2) return {v[0], v[1]};
  throw unsupported(single + " has " + std::to_string(v.size()) + " values: only 2-D is supported");
}

void require_axis_one(const TextMessage& p) {
  if (p.get_int("axis", 1) != 1) throw unsupported("only axis 1 (channels) is supported");
}

PoolKind pool_kind(const TextMessage& p) {
  const std::string k = p.get_enum("pool", "MAX");
  if (k == "MAX" || k == "0") return PoolKind::Max;
  if (k == "AVE" || k == "1") return PoolKind::Average;
  throw unsupported("pool method " + k + " (supported: MAX, AVE)");
}

Rounding round_mode(const TextMessage& p) {
  const std::string r = p.get_enum("round_mode", "CEIL");
  if (r == "CEIL" || r == "0") return Rounding::Ceil;
  if (r == "FLOOR" || r == "1") return Rounding::Floor;
  throw bad_input("unknown round_mode " + r);
}

}  // namespace

void convolution_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "convolution_param");
  require_axis_one(p);
  ConvAttrs a;
  a.out_channels = p.get_int("num_output", 0);
  a.has_bias = p.get_bool("bias_term", true);
  a.groups = p.get_int("group", 1);
  a.kernel = spatial(p, "kernel", "kernel_size", 0);
  if (a.kernel.h == 0 && !p.has("kernel_size") && !p.has("kernel_h")) {
    throw bad_input("no kernel_size (or kernel_h/kernel_w)");
  }
  a.stride = spatial(p, "stride", "stride", 1);
  const Hw pad = spatial(p, "pad", "pad", 0);
  a.pads = {pad.h, pad.w, pad.h, pad.w};
  const std::vector<int64_t> d = p.ints("dilation");
  if (d.size() > 2) throw unsupported("dilation has more than 2 values: only 2-D is supported");
  if (!d.empty()) a.dilation = {d[0], d.back()};
  emit_single(layer, e, a);
}

void pooling_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "pooling_param");
  PoolAttrs a;
  a.kind = pool_kind(p);
  a.global = p.get_bool("global_pooling", false);
  a.rounding = round_mode(p);
  // Caffe's AVE divides by the window clipped to the padded input: padding counts.
  a.count_include_pad = a.kind == PoolKind::Average;
  if (p.has("kernel_size") && p.ints("kernel_size").size() != 1) {
    throw unsupported("pooling kernel_size must be one value (use kernel_h/kernel_w)");
  }
  if (!a.global) {
    a.kernel = spatial(p, "kernel", "kernel_size", 0);
    if (a.kernel.h == 0 && !p.has("kernel_size") && !p.has("kernel_h")) {
      throw bad_input("no kernel_size (or kernel_h/kernel_w, or global_pooling)");
    }
  }
  a.stride = spatial(p, "stride", "stride", 1);
  const Hw pad = spatial(p, "pad", "pad", 0);
  a.pads = {pad.h, pad.w, pad.h, pad.w};
  if (a.global && (a.pads != Pads{} || a.stride != Hw{})) {
    throw bad_input("global_pooling takes no pad and stride 1");
  }
  if (!a.global && ((pad.h > 0 && pad.h >= a.kernel.h) || (pad.w > 0 && pad.w >= a.kernel.w))) {
    throw bad_input("pad must be smaller than the kernel");
  }
  emit_single(layer, e, a);
}

}  // namespace synergy::caffe
