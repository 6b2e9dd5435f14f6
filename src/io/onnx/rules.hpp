// Helpers shared by the mapping rules (one rule per ONNX op type, grouped by family).
#pragma once

#include <string>
#include <vector>

#include "io/onnx/attributes.hpp"
#include "io/onnx/lower.hpp"
#include "util/error.hpp"

namespace synergy::onnx_io::rules {

// Doc string an exporter puts on a helper node that a later node absorbs on import.
inline constexpr const char* kHelperDoc = "synergy: part of the next node";

Param make_param(const std::string& role, const ConstTensor& t);
Param make_param(const std::string& role, Dims dims, std::vector<float> data);
// Shape of value v, requiring `rank` dimensions.
const Shape& shape_of_rank(const LowerContext& ctx, ValueId v, size_t rank);
// An optional INTS attribute with exactly `count` entries (fallback when absent).
std::vector<int64_t> ints_of(const OnnxNode& n, const std::string& name, size_t count,
                             std::vector<int64_t> fallback);
bool is_helper_node(const OnnxNode& n);
std::vector<int64_t> optional_ints(const LowerContext& ctx, const OnnxNode& n, size_t input);

void conv(LowerContext& ctx, const OnnxNode& n);
void max_pool(LowerContext& ctx, const OnnxNode& n);
void average_pool(LowerContext& ctx, const OnnxNode& n);
void global_average_pool(LowerContext& ctx, const OnnxNode& n);
void global_max_pool(LowerContext& ctx, const OnnxNode& n);
void gemm(LowerContext& ctx, const OnnxNode& n);
void mat_mul(LowerContext& ctx, const OnnxNode& n);
void batch_norm(LowerContext& ctx, const OnnxNode& n);
void flatten(LowerContext& ctx, const OnnxNode& n);
void relu(LowerContext& ctx, const OnnxNode& n);
void leaky_relu(LowerContext& ctx, const OnnxNode& n);
void sigmoid(LowerContext& ctx, const OnnxNode& n);
void tanh(LowerContext& ctx, const OnnxNode& n);
void hard_sigmoid(LowerContext& ctx, const OnnxNode& n);
void hard_swish(LowerContext& ctx, const OnnxNode& n);
void clip(LowerContext& ctx, const OnnxNode& n);
void softmax(LowerContext& ctx, const OnnxNode& n);
void lrn(LowerContext& ctx, const OnnxNode& n);
void dropout(LowerContext& ctx, const OnnxNode& n);
void identity(LowerContext& ctx, const OnnxNode& n);
void add(LowerContext& ctx, const OnnxNode& n);
void sub(LowerContext& ctx, const OnnxNode& n);
void mul(LowerContext& ctx, const OnnxNode& n);
void div(LowerContext& ctx, const OnnxNode& n);
void reshape(LowerContext& ctx, const OnnxNode& n);
void squeeze(LowerContext& ctx, const OnnxNode& n);
void unsqueeze(LowerContext& ctx, const OnnxNode& n);
void concat(LowerContext& ctx, const OnnxNode& n);
void split(LowerContext& ctx, const OnnxNode& n);
void slice(LowerContext& ctx, const OnnxNode& n);
void transpose(LowerContext& ctx, const OnnxNode& n);
void pad(LowerContext& ctx, const OnnxNode& n);
void reduce_mean(LowerContext& ctx, const OnnxNode& n);

}  // namespace synergy::onnx_io::rules
