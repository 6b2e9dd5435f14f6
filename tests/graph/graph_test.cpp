// Graph structure: validation, topological order, batch changes, parameter materialisation.
#include <cmath>

#include "graph/op.hpp"
#include "helpers.hpp"

namespace synergy::testing {
namespace {

// A graph assembled by hand so that tests can break it on purpose.
Graph raw_graph() {
  Graph g;
  g.name = "raw";
  g.inputs.push_back(g.add_value("x", {1, 2, 4, 4}));
  return g;
}

void add_node(Graph& g, const std::string& name, Attrs attrs, std::vector<ValueId> in,
              std::vector<ValueId> out) {
  g.nodes.push_back(Node{name, std::move(attrs), std::move(in), std::move(out), {}});
}

TEST(Topology, SortsNodesAddedOutOfOrder) {
  Graph g = raw_graph();
  const ValueId a = g.add_value("a"), b = g.add_value("b");
  add_node(g, "second", ActivationAttrs{}, {a}, {b});
  add_node(g, "first", ActivationAttrs{}, {0}, {a});
  g.outputs = {b};
  g.sort_topologically();
  ASSERT_EQ(g.nodes.size(), 2u);
  EXPECT_EQ(g.nodes[0].name, "first");
  EXPECT_EQ(g.nodes[1].name, "second");
  g.infer_shapes();
  EXPECT_EQ(g.shape(b), Shape({1, 2, 4, 4}));
}

TEST(Topology, CycleNamesANode) {
  Graph g = raw_graph();
  const ValueId a = g.add_value("a"), b = g.add_value("b"), c = g.add_value("c");
  add_node(g, "ok", ActivationAttrs{}, {0}, {c});
  add_node(g, "loop_a", BinaryAttrs{}, {c, b}, {a});
  add_node(g, "loop_b", ActivationAttrs{}, {a}, {b});
  g.outputs = {b};
  expect_bad_input([&] { g.sort_topologically(); }, {"node 'loop_a'", "cycle"});
}

TEST(Topology, UndefinedInputNamesNodeAndValue) {
  Graph g = raw_graph();
  const ValueId ghost = g.add_value("ghost"), y = g.add_value("y");
  add_node(g, "add", BinaryAttrs{}, {0, ghost}, {y});
  g.outputs = {y};
  expect_bad_input([&] { g.sort_topologically(); }, {"node 'add'", "'ghost'", "neither"});
}

TEST(Topology, ValueProducedTwice) {
  Graph g = raw_graph();
  const ValueId y = g.add_value("y");
  add_node(g, "p1", ActivationAttrs{}, {0}, {y});
  add_node(g, "p2", ActivationAttrs{}, {0}, {y});
  g.outputs = {y};
  expect_bad_input([&] { g.sort_topologically(); }, {"node 'p2'", "also produced by 'p1'"});
}

TEST(Topology, OutputNeverProduced) {
  Graph g = raw_graph();
  const ValueId y = g.add_value("y"), z = g.add_value("z");
  add_node(g, "r", ActivationAttrs{}, {0}, {y});
  g.outputs = {z};
  expect_bad_input([&] { g.sort_topologically(); }, {"'z'", "never produced"});
}

TEST(Validate, DuplicateNodeNames) {
  Graph g = raw_graph();
  const ValueId y = g.add_value("y"), z = g.add_value("z");
  add_node(g, "same", ActivationAttrs{}, {0}, {y});
  add_node(g, "same", ActivationAttrs{}, {y}, {z});
  g.outputs = {z};
  expect_bad_input([&] { g.validate(); }, {"'same'", "used twice"});
}

TEST(Validate, ArityAndIds) {
  Graph g = raw_graph();
  const ValueId y = g.add_value("y");
  add_node(g, "add", BinaryAttrs{}, {0}, {y});
  g.outputs = {y};
  expect_bad_input([&] { g.validate(); }, {"node 'add' (Binary)", "takes 2..2 inputs, has 1"});
  g.nodes[0] = Node{"relu", ActivationAttrs{}, {42}, {y}, {}};
  expect_bad_input([&] { g.validate(); }, {"node 'relu'", "value id 42"});
  g.nodes[0] = Node{"", ActivationAttrs{}, {0}, {y}, {}};
  expect_bad_input([&] { g.validate(); }, {"no name"});
  g.nodes[0] = Node{"relu", ActivationAttrs{}, {0}, {y}, {}};
  g.inputs = {7};
  expect_bad_input([&] { g.validate(); }, {"input"});
  g.inputs.clear();
  expect_bad_input([&] { g.validate(); }, {"no input"});
  g.inputs = {0};
  g.outputs.clear();
  expect_bad_input([&] { g.validate(); }, {"no output"});
}

TEST(Validate, ShapeErrorsNameTheNode) {
  GraphBuilder b("net", "test");
  ValueId x = b.input("data", {1, 3, 8, 8});
  x = b.add1("fine", ActivationAttrs{}, {x});
  x = b.add1("too_big", conv_attrs(4, 11), {x});
  expect_bad_input([&] { b.finish({x}); }, {"node 'too_big' (Conv)"});
}

TEST(Validate, InputWithoutShape) {
  GraphBuilder b("net", "test");
  ValueId x = b.input("data", {});
  expect_bad_input([&] { b.finish({b.add1("relu", ActivationAttrs{}, {x})}); },
                   {"node 'relu'", "no shape"});
}

Graph small_net() {
  GraphBuilder b("small", "test");
  ValueId x = b.input("data", {1, 3, 9, 9});
  x = b.add1("conv", conv_attrs(4, 3, 2, 1), {x});
  x = b.add1("bn", BatchNormAttrs{}, {x});
  x = b.add1("relu", ActivationAttrs{}, {x});
  x = b.add1("fc", FullyConnectedAttrs{5, true}, {x});
  return b.finish({x});
}

TEST(SetBatch, ChangesEveryShape) {
  Graph g = small_net();
  EXPECT_EQ(g.batch(), 1);
  g.set_batch(7);
  EXPECT_EQ(g.batch(), 7);
  EXPECT_EQ(g.shape(g.outputs[0]), Shape({7, 5}));
  EXPECT_EQ(g.shape(g.nodes[0].outputs[0]), Shape({7, 4, 5, 5}));
  EXPECT_EQ(g.nodes[3].param("weight")->shape, Shape({5, 100}));  // params keep their shape
  expect_bad_input([&] { g.set_batch(0); }, {"batch size"});
  expect_bad_input([&] { g.set_batch(2'000'000); }, {"batch size"});
}

TEST(Params, MaterializeIsDeterministicPerSeed) {
  Graph a = small_net(), b = small_net(), c = small_net();
  EXPECT_FALSE(a.params_loaded());
  a.materialize_params(42);
  b.materialize_params(42);
  c.materialize_params(43);
  EXPECT_TRUE(a.params_loaded());
  const auto& wa = a.nodes[0].param("weight")->data;
  ASSERT_EQ(wa.size(), 4u * 3 * 9);
  EXPECT_EQ(wa, b.nodes[0].param("weight")->data);
  EXPECT_NE(wa, c.nodes[0].param("weight")->data);
  // He-uniform bound for fan-in 27; not all equal.
  const float bound = std::sqrt(6.0f / 27.0f);
  for (float w : wa) EXPECT_LE(std::fabs(w), bound);
  EXPECT_NE(wa.front(), wa.back());
  // Variances stay positive so that batch norm never divides by zero.
  for (float v : a.nodes[1].param("variance")->data) EXPECT_GT(v, 0.0f);
}

TEST(Params, LoadedDataIsKeptAndChecked) {
  Graph g = small_net();
  std::vector<float> mine(4 * 3 * 9, 0.25f);
  g.nodes[0].param("weight")->data = mine;
  g.materialize_params(1);
  EXPECT_EQ(g.nodes[0].param("weight")->data, mine);
  g.set_batch(2);  // re-inference keeps loaded data
  EXPECT_EQ(g.nodes[0].param("weight")->data, mine);
  g.nodes[0].param("weight")->data.resize(5);
  expect_bad_input([&] { g.infer_shapes(); }, {"node 'conv'", "param 'weight' has 5 values"});
}

TEST(Registry, EveryKindHasItsDefinition) {
  const std::string names = supported_op_names();
  for (size_t k = 0; k < static_cast<size_t>(OpKind::Count_); ++k) {
    const OpDef& d = op_def(static_cast<OpKind>(k));
    EXPECT_EQ(d.kind, static_cast<OpKind>(k)) << d.name;
    EXPECT_NE(names.find(std::string(d.name)), std::string::npos) << d.name;
    EXPECT_LE(d.min_inputs, d.max_inputs);
  }
}

}  // namespace
}  // namespace synergy::testing
