// The oneDNN backend: capability query and whole-graph compilation.
#include <omp.h>

#include "engine/backends.hpp"
#include "engine/onednn/compiler.hpp"
#include "engine/onednn/onednn_backend.hpp"
#include "engine/onednn/program.hpp"
#include "engine/threads.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

// Shapes oneDNN's primitives take; every other case has a plain-loop path.
Support check_node(const Graph& graph, const Node& n) {
  for (ValueId v : n.inputs) {
    if (graph.shape(v).rank() > DNNL_MAX_NDIMS) {
      return {false, "tensors of rank > " + std::to_string(DNNL_MAX_NDIMS) + " are not supported"};
    }
  }
  if (n.kind() == OpKind::Conv && graph.shape(n.inputs[0]).rank() != 4) {
    return {false, "only 2-D convolution (4-D input) is supported"};
  }
  return {true, {}};
}

// oneDNN's name for an x86 ISA level.
std::string isa_name(int isa) {
  switch (isa) {
    case dnnl_cpu_isa_sse41:
      return "SSE4.1";
    case dnnl_cpu_isa_avx:
      return "AVX";
    case dnnl_cpu_isa_avx2:
      return "AVX2";
    case dnnl_cpu_isa_avx2_vnni:
      return "AVX2 VNNI";
    case dnnl_cpu_isa_avx512_core:
      return "AVX-512";
    case dnnl_cpu_isa_avx512_core_vnni:
      return "AVX-512 VNNI";
    default:
      return "ISA code " + std::to_string(isa);
  }
}

class OnednnBackend : public Backend {
 public:
  explicit OnednnBackend(const OnednnOptions& options) : options_(options) {}

  std::string name() const override { return "onednn"; }

  std::vector<std::pair<std::string, std::string>> libraries() const override {
    const dnnl_version_t* v = dnnl_version();
    const std::string hash = v->hash;
    return {{"oneDNN", std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
                           std::to_string(v->patch) + (hash == "N/A" ? "" : " (" + hash + ")") +
                           (v->cpu_runtime == DNNL_RUNTIME_OMP ? ", OpenMP" : "")}};
  }

  Support supports(const Graph& graph, size_t index) const override {
    if (index >= graph.nodes.size()) return {false, "no such layer"};
    return check_node(graph, graph.nodes[index]);
  }

  std::unique_ptr<Program> compile(const Graph& graph, const EngineContext& context) override {
    require_cpu_settings(name(), context, true);
    if (context.precision == Precision::bf16) {
      const std::string why = onednn_bf16_refusal();
      if (!why.empty()) throw unsupported(why);
    }
    const int threads = resolve_threads(context);
    // oneDNN (Debian's build uses GNU OpenMP) sizes its kernels for the threads at creation.
    omp_set_num_threads(threads);
    try {
      OnednnOptions options = options_;
      if (!context.fuse_layers)
        options.fuse_activations = options.fold_batch_norm = options.fuse_residual_add = false;
      options.winograd = options.winograd && context.winograd;
      auto compiler = std::make_unique<onednn::Compiler>(graph, options, context,
                                                         dnnl::engine(dnnl::engine::kind::cpu, 0));
      compiler->build();
      compiler->pool.allocate();
      return onednn::make_program(std::move(compiler), threads);
    } catch (const dnnl::error& e) {
      throw Error(ErrorKind::Runtime,
                  std::string("onednn: cannot compile the network: ") + e.what());
    }
  }

 private:
  OnednnOptions options_;
};

}  // namespace

std::string onednn_bf16_refusal(int isa) {
  const int bf16 = dnnl_cpu_isa_avx512_core_bf16;
  if ((isa & bf16) == bf16) return {};
  return "onednn: --precision bf16 needs a CPU with AVX-512 BF16 or AMX; this one offers " +
         isa_name(isa) + " (run fp32, or bf16 with --backend cudnn on a GPU)";
}

std::string onednn_bf16_refusal() {
#if defined(__x86_64__)
  return onednn_bf16_refusal(static_cast<int>(dnnl_get_effective_cpu_isa()));
#else
  return "onednn: --precision bf16 needs an x86 CPU with AVX-512 BF16 or AMX; this oneDNN has no "
         "bf16 kernels for this CPU (run fp32, or bf16 with --backend cudnn on a GPU)";
#endif
}

bool onednn_has_winograd() {
#if defined(__x86_64__)
  const int isa = static_cast<int>(dnnl_get_effective_cpu_isa());
  return (isa & dnnl_cpu_isa_avx512_core) == dnnl_cpu_isa_avx512_core;
#else
  return false;
#endif
}

std::unique_ptr<Backend> make_onednn_backend(const OnednnOptions& options) {
  return std::make_unique<OnednnBackend>(options);
}

std::unique_ptr<Backend> make_onednn_backend() {
  return make_onednn_backend(OnednnOptions{});
}

}  // namespace synergy
