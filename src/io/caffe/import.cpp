// import_caffe: parse -> read net -> normalise -> one rule per layer -> shapes -> weights.
#include <fstream>
#include <sstream>

#include "io/caffe/caffe.hpp"
#include "io/caffe/caffemodel.hpp"
#include "io/caffe/emitter.hpp"
#include "io/caffe/layer_rules.hpp"
#include "io/caffe/net_spec.hpp"
#include "io/caffe/text_format.hpp"
#include "io/caffe/weights.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

using caffe::CaffeInput;
using caffe::CaffeNet;
using caffe::Emitter;

Error with_prefix(const Error& e, const std::string& prefix) {
  const std::string what = e.what();
  if (what.rfind(prefix + ":", 0) == 0) return e;
  return Error(e.kind(), prefix + ": " + what);
}

Dims input_dims(const CaffeInput& in, int64_t batch) {
  if (in.dims.empty()) throw bad_input("input '" + in.name + "' has no dimensions");
  Dims d = in.dims;
  d[0] = batch;
  for (int64_t x : d) {
    if (x < 1) throw bad_input("input '" + in.name + "' has dimension " + std::to_string(x));
  }
  return d;
}

Graph build_graph(const CaffeNet& net, const std::string& origin, int64_t batch) {
  Graph g;
  g.name = net.name.empty() ? origin : net.name;
  g.source = origin;
  Emitter emit(g);
  for (const auto& in : net.inputs) emit.input(in.name, input_dims(in, batch));
  for (const auto& layer : net.layers) {
    try {
      caffe::rule_for(layer)(layer, emit);
    } catch (const Error& e) {
      throw with_prefix(e, caffe::describe(layer));
    }
  }
  g.outputs = emit.unconsumed();
  if (g.outputs.empty()) throw bad_input("the network has no layer output");
  g.sort_topologically();
  g.infer_shapes();
  return g;
}

Graph import(std::string_view prototxt, const std::string& origin, std::string_view weights,
             const std::string& weights_origin, int64_t batch) {
  if (batch < 1 || batch > 1'000'000) {
    throw bad_input(origin + ": batch size must be in 1..1000000, got " + std::to_string(batch));
  }
  const auto root = caffe::parse_text_format(prototxt, origin);
  CaffeNet net;
  Graph g;
  try {
    net = caffe::read_net(*root);
    caffe::normalise(net);
    g = build_graph(net, origin, batch);
  } catch (const Error& e) {
    throw with_prefix(e, origin);
  }
  if (!weights.empty()) {
    try {
      caffe::load_weights(g, net, caffe::read_caffemodel(weights));
    } catch (const Error& e) {
      throw with_prefix(e, weights_origin);
    }
  }
  try {
    caffe::set_identity_affine(g, net);
  } catch (const Error& e) {
    throw with_prefix(e, origin);
  }
  return g;
}

std::string read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw bad_input("cannot open " + std::string(what) + " '" + path + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw bad_input("cannot read " + std::string(what) + " '" + path + "'");
  return buf.str();
}

}  // namespace

Graph import_caffe(std::string_view prototxt, const std::string& origin, std::string_view weights,
                   int64_t batch) {
  return import(prototxt, origin, weights, origin + " weights", batch);
}

Graph import_caffe_files(const std::string& prototxt_path, const std::string& weights_path,
                         int64_t batch) {
  const std::string text = read_file(prototxt_path, "prototxt");
  const std::string weights = weights_path.empty() ? "" : read_file(weights_path, "weights");
  if (!weights_path.empty() && weights.empty()) {
    throw bad_input(weights_path + ": weights file is empty");
  }
  return import(text, prototxt_path, weights, weights_path, batch);
}

}  // namespace synergy
