// libFuzzer target: arbitrary bytes as an ONNX model. Import must either succeed or throw
// synergy::Error; a model that imports must also analyse, export and import again with the
// same costs, and run on the reference backend when it is small.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "graph/cost.hpp"
#include "io/onnx/onnx.hpp"
#include "run_graph.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  synergy::Graph g;
  try {
    g = synergy::import_onnx_bytes(bytes, "fuzz.onnx");
  } catch (const synergy::Error&) {
    return 0;
  }
  int64_t macs = 0;
  try {
    macs = synergy::analyze(g).total.macs;
  } catch (const synergy::Error&) {
    return 0;  // counts that overflow 64 bits
  }
  synergy::fuzz::run_if_small(g);
  // Keep the round trip to models whose random weights stay small.
  int64_t params = 0;
  for (const auto& n : g.nodes)
    for (const auto& p : n.params) params += p.shape.numel();
  if (params > (int64_t{1} << 20)) return 0;
  std::string exported;
  try {
    exported = synergy::export_onnx_bytes(g);
  } catch (const synergy::Error&) {
    return 0;  // graphs ONNX cannot express are refused by name
  }
  try {
    const synergy::Graph back = synergy::import_onnx_bytes(exported, "fuzz-roundtrip.onnx");
    if (synergy::analyze(back).total.macs != macs) {
      std::fprintf(stderr, "round trip changed the MACs\n");
      std::abort();
    }
  } catch (const synergy::Error& e) {
    std::fprintf(stderr, "exported model does not import: %s\n", e.what());
    std::abort();
  }
  return 0;
}
