// Convolution through cuDNN: the algorithm is measured once at plan time
// (cudnnFindConvolutionForwardAlgorithm) and the shared workspace grown to fit it. Asymmetric
// padding (which cuDNN lacks) pads the input into a scratch buffer first. Data and filters are in
// the storage type; the compute type is float32 in every precision.
#include "engine/cudnn/kernels.hpp"
#include "engine/cudnn/layers.hpp"
#include "engine/cudnn/views.hpp"
#include "util/error.hpp"

namespace synergy::cudnn {
namespace {

constexpr size_t kWorkspaceLimit = size_t{1} << 30;

class ConvLayer : public GpuLayer {
 public:
  explicit ConvLayer(const LayerSetup& s) : handles_(s.handles) {
    const auto& a = s.node.as<ConvAttrs>();
    const Shape& out = s.out(0);
    const cudnnDataType_t type = handles_.data_type();
    Pads pads = a.pads;
    const Shape in = padded_input(s, pads);
    x_.set(type, int(in[0]), int(in[1]), int(in[2]), int(in[3]));
    y_.set(type, int(out[0]), int(out[1]), int(out[2]), int(out[3]));
    check(cudnnCreateFilterDescriptor(&w_desc_), "cudnnCreateFilterDescriptor");
    check(cudnnSetFilter4dDescriptor(w_desc_, type, CUDNN_TENSOR_NCHW, int(a.out_channels),
                                     int(in[1] / a.groups), int(a.kernel.h), int(a.kernel.w)),
          "cudnnSetFilter4dDescriptor");
    check(cudnnCreateConvolutionDescriptor(&conv_), "cudnnCreateConvolutionDescriptor");
    check(cudnnSetConvolution2dDescriptor(conv_, int(pads.top), int(pads.left), int(a.stride.h),
                                          int(a.stride.w), int(a.dilation.h), int(a.dilation.w),
                                          CUDNN_CROSS_CORRELATION, CUDNN_DATA_FLOAT),
          "cudnnSetConvolution2dDescriptor");
    check(cudnnSetConvolutionGroupCount(conv_, int(a.groups)), "cudnnSetConvolutionGroupCount");
    check(cudnnSetConvolutionMathType(conv_, math_type()), "cudnnSetConvolutionMathType");
    weight_ = s.upload_param("weight");
    if (a.has_bias) bias_ = std::make_unique<BiasAdd>(s, out);
    choose_algorithm();
  }

  ~ConvLayer() override {
    cudnnDestroyConvolutionDescriptor(conv_);
    cudnnDestroyFilterDescriptor(w_desc_);
  }

  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    const float one = 1.0f, zero = 0.0f;
    const void* x = in[0];
    if (padded_.bytes() > 0) {
      check(launch_pad(handles_.storage(), in[0], padded_.raw(), padded_count_, pad_, 0, 0.0f,
                       handles_.stream()),
            "conv input pad kernel");
      x = padded_.raw();
    }
    check(
        cudnnConvolutionForward(handles_.dnn(), &one, x_.d, x, w_desc_, weight_.raw(), conv_, algo_,
                                handles_.workspace(), workspace_bytes_, &zero, y_.d, out[0]),
        "cudnnConvolutionForward");
    if (bias_) bias_->enqueue(out[0]);
  }

 private:
  // The input cuDNN sees: the layer's own, or (asymmetric pads) a zero-padded copy, after
  // which `pads` is cleared.
  Shape padded_input(const LayerSetup& s, Pads& pads) {
    Shape in = s.in(0);
    if (pads.top == pads.bottom && pads.left == pads.right) return in;
    PadAttrs p;
    p.pads = {0, 0, pads.top, pads.left, 0, 0, pads.bottom, pads.right};
    in[2] += pads.top + pads.bottom;
    in[3] += pads.left + pads.right;
    pad_ = pad_view(s.in(0), in, p);
    padded_count_ = in.numel();
    padded_ = DeviceBuffer(size_t(padded_count_) * handles_.element_bytes());
    pads = {};
    return in;
  }

  // FMA in strict float32 (no TF32 rounding), tensor cores allowed otherwise.
  cudnnMathType_t math_type() const {
    switch (handles_.precision()) {
      case Precision::fp32:
        return CUDNN_FMA_MATH;
      case Precision::tf32:
        return CUDNN_DEFAULT_MATH;
      default:
        return CUDNN_TENSOR_OP_MATH;
    }
  }

  // Whether an algorithm's math keeps the precision's promise: strict float32 takes no
  // tensor-op math, TF32 no down-conversion of float32 data to float16.
  bool math_allowed(cudnnMathType_t m) const {
    if (handles_.precision() == Precision::fp32)
      return m == CUDNN_FMA_MATH || m == CUDNN_DEFAULT_MATH;
    if (handles_.precision() == Precision::tf32) return m != CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
    return true;
  }

  // Fastest measured algorithm whose workspace fits and whose math the precision allows.
  void choose_algorithm() {
    constexpr int kWanted = CUDNN_CONVOLUTION_FWD_ALGO_COUNT;
    cudnnConvolutionFwdAlgoPerf_t perf[kWanted];
    int found = 0;
    check(cudnnFindConvolutionForwardAlgorithm(handles_.dnn(), x_.d, w_desc_, conv_, y_.d, kWanted,
                                               &found, perf),
          "cudnnFindConvolutionForwardAlgorithm");
    for (int i = 0; i < found; ++i) {
      if (perf[i].status != CUDNN_STATUS_SUCCESS || perf[i].memory > kWorkspaceLimit) continue;
      if (!math_allowed(perf[i].mathType)) continue;
      algo_ = perf[i].algo;
      workspace_bytes_ = perf[i].memory;
      // Strict float32 keeps FMA math whatever the result reports; the others take the measured.
      if (handles_.precision() != Precision::fp32) {
        check(cudnnSetConvolutionMathType(conv_, perf[i].mathType), "cudnnSetConvolutionMathType");
      }
      handles_.reserve_workspace(workspace_bytes_);
      return;
    }
    throw Error(ErrorKind::Runtime, "cuDNN found no convolution algorithm for these shapes");
  }

  Handles& handles_;
  TensorDesc x_, y_;
  cudnnFilterDescriptor_t w_desc_ = nullptr;
  cudnnConvolutionDescriptor_t conv_ = nullptr;
  cudnnConvolutionFwdAlgo_t algo_ = CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM;
  size_t workspace_bytes_ = 0;
  DeviceBuffer weight_;
  std::unique_ptr<BiasAdd> bias_;  // null without bias
  DeviceBuffer padded_;            // empty unless the padding is asymmetric
  PadView pad_;
  int64_t padded_count_ = 0;
};

}  // namespace

std::unique_ptr<GpuLayer> make_conv(const LayerSetup& s) {
  return std::make_unique<ConvLayer>(s);
}

}  // namespace synergy::cudnn
