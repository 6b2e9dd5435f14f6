// Running a compiled network allocates nothing: every buffer, argument list and loop constant is
// made at plan time. (This test binary counts calls of the global operator new.)
//
// oneDNN's C API copies a primitive's arguments into a hash map on every execution
// (dnnl_primitive_execute in 2.x and 3.x): those allocations happen inside libdnnl, whatever the
// caller prepares. They are counted apart, by the caller's address, and must be the same in every
// run; everything else, in synergy or any other library, must be zero.
#include <gtest/gtest.h>
#include <link.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include "engine/engine.hpp"
#include "graph/builder.hpp"
#include "helpers.hpp"

// GCC cannot see that the replaced operator new below returns malloc'd memory.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {

std::atomic<long> g_allocations{0};  // outside oneDNN
std::atomic<long> g_onednn{0};       // called from oneDNN's own code

// Where libdnnl's segments are mapped (found once, before counting matters).
struct Span {
  uintptr_t lo = UINTPTR_MAX, hi = 0;
};
Span g_dnnl;

int find_dnnl(dl_phdr_info* info, size_t, void*) {
  if (info->dlpi_name == nullptr || std::strstr(info->dlpi_name, "libdnnl") == nullptr) return 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD) continue;
    const uintptr_t at = info->dlpi_addr + ph.p_vaddr;
    g_dnnl.lo = std::min(g_dnnl.lo, at);
    g_dnnl.hi = std::max(g_dnnl.hi, at + ph.p_memsz);
  }
  return 1;
}

}  // namespace

void* operator new(std::size_t size) {
  const auto caller = reinterpret_cast<uintptr_t>(__builtin_return_address(0));
  const bool in_dnnl = caller >= g_dnnl.lo && caller < g_dnnl.hi;
  (in_dnnl ? g_onednn : g_allocations).fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
// The nothrow form too (std::stable_sort's buffer): every new here pairs with the frees below.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size ? size : 1);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace synergy {
namespace {

// Every kind of kernel the reference has, plus views, in one network.
Graph mixed_net() {
  GraphBuilder b("mixed", "test");
  ValueId x = b.input("x", Shape{1, 5, 9, 9});
  ValueId c = b.add1("conv", ConvAttrs{6, {3, 3}, {1, 1}, {1, 1}, Pads::same(1), 1, true}, {x});
  ValueId n = b.add1("bn", BatchNormAttrs{}, {c});
  ValueId l = b.add1("lrn", LrnAttrs{}, {n});
  ValueId p = b.add1("pad", PadAttrs{{0, 0, 1, 1, 0, 0, 1, 1}, PadMode::Reflect, 0}, {l});
  PoolAttrs pa;
  pa.kernel = {3, 3};
  pa.stride = {2, 2};
  ValueId q = b.add1("pool", pa, {p});
  auto parts = b.add("split", SplitAttrs{1, {2, 4}}, {q}, 2);
  ValueId s = b.add1("scale", ScaleAttrs{}, {parts[1]});
  ValueId t = b.add1("t", TransposeAttrs{{0, 1, 3, 2}}, {s});
  ValueId sl = b.add1("slice", SliceAttrs{{0}, {2}, {1}, {}}, {t});
  ValueId m = b.add1("mul", BinaryAttrs{BinaryKind::Mul}, {sl, parts[0]});
  ValueId cat = b.add1("cat", ConcatAttrs{1}, {m, parts[0]});
  ValueId r = b.add1("mean", ReduceMeanAttrs{{2}, true}, {cat});
  ValueId f = b.add1("flat", FlattenAttrs{1}, {r});
  ValueId fc = b.add1("fc", FullyConnectedAttrs{7, true}, {f});
  ValueId a = b.add1("act", ActivationAttrs{ActivationKind::Silu, 0, 0}, {fc});
  return b.finish({b.add1("prob", SoftmaxAttrs{1}, {a})});
}

class NoAllocation : public ::testing::TestWithParam<std::string> {};

TEST_P(NoAllocation, RunAllocatesNothingAfterTheFirstRun) {
  const std::string backend = GetParam();
  if (std::string why; test::backend_unavailable(backend, &why)) GTEST_SKIP() << why;
  dl_iterate_phdr(find_dnnl, nullptr);
  Engine engine(mixed_net(), backend, {1, 1});
  const auto in = engine.random_inputs(2);
  auto out = engine.make_outputs();
  engine.run(in, out);
  long dnnl_per_run = -1;
  const long before = g_allocations.load();
  for (int i = 0; i < 3; ++i) {
    const long dnnl_before = g_onednn.load();
    engine.run(in, out);
    const long dnnl = g_onednn.load() - dnnl_before;
    if (dnnl_per_run >= 0) {
      EXPECT_EQ(dnnl, dnnl_per_run) << "oneDNN's own allocations change";
    }
    dnnl_per_run = dnnl;
  }
  EXPECT_EQ(g_allocations.load() - before, 0) << "allocations while running on " << backend;
  if (backend != "onednn") {
    EXPECT_EQ(dnnl_per_run, 0);
  }
  RecordProperty("onednn_internal_allocations_per_run", static_cast<int>(dnnl_per_run));
}

INSTANTIATE_TEST_SUITE_P(Backends, NoAllocation, ::testing::ValuesIn(backend_names()));

}  // namespace
}  // namespace synergy
