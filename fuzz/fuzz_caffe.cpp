// libFuzzer target for the Caffe importer. Input: prototxt text, optionally followed by a line
// "#weights" and .caffemodel bytes. Malformed input must end in synergy::Error; whatever imports
// must export to a prototxt and re-import with identical analytic costs, and run on the reference
// backend when it is small.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "graph/cost.hpp"
#include "io/caffe/caffe.hpp"
#include "run_graph.hpp"
#include "util/error.hpp"

namespace {

bool same(const synergy::LayerCost& a, const synergy::LayerCost& b) {
  return a.macs == b.macs && a.flops == b.flops && a.params == b.params &&
         a.weight_bytes == b.weight_bytes && a.input_bytes == b.input_bytes &&
         a.output_bytes == b.output_bytes;
}

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_caffe: %s: %s\n", what, detail.c_str());
  std::abort();
}

void check_round_trip(const synergy::Graph& g) {
  synergy::NetworkCost before;
  try {
    before = synergy::analyze(g);
  } catch (const synergy::Error&) {
    return;  // e.g. a MAC count that overflows 64 bits: reported, not a round-trip matter
  }
  std::string text;
  try {
    text = synergy::export_caffe_prototxt(g);
  } catch (const synergy::Error& e) {
    fail("an imported graph does not export", e.what());
  }
  synergy::Graph back;
  try {
    back = synergy::import_caffe(text, "exported.prototxt", {}, g.batch());
  } catch (const synergy::Error& e) {
    fail("an exported prototxt does not import", std::string(e.what()) + "\n" + text);
  }
  const synergy::NetworkCost after = synergy::analyze(back);
  if (after.layers.size() != before.layers.size() || !same(after.total, before.total)) {
    fail("costs differ after export and import", text);
  }
  for (size_t i = 0; i < before.layers.size(); ++i) {
    if (before.layers[i].name != after.layers[i].name ||
        !same(before.layers[i].cost, after.layers[i].cost)) {
      fail("layer costs differ after export and import", before.layers[i].name);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kSeparator = "\n#weights\n";
  const size_t cut = input.find(kSeparator);
  const std::string_view prototxt = input.substr(0, cut);
  const std::string_view weights =
      cut == std::string_view::npos ? std::string_view{} : input.substr(cut + kSeparator.size());
  synergy::Graph g;
  try {
    g = synergy::import_caffe(prototxt, "fuzz.prototxt", weights);
  } catch (const synergy::Error&) {
    return 0;
  }
  check_round_trip(g);
  synergy::fuzz::run_if_small(std::move(g));
  return 0;
}
