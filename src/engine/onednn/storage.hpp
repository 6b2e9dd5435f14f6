// Activation memory: storages shared by values whose lifetimes do not overlap, allocated once
// after planning; dnnl::memory objects are bound to a storage and get its address then.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <oneapi/dnnl/dnnl.hpp>
#include <vector>

namespace synergy::onednn {

class StoragePool {
 public:
  static constexpr size_t kForever = static_cast<size_t>(-1);

  // A storage of at least `bytes`, free again once node `last_use` has been planned.
  int acquire(size_t bytes, size_t last_use);
  // A storage whose address the caller sets before each run (graph inputs, outputs).
  int external();
  // Keeps `storage` alive until node `last_use` has been planned.
  void extend(int storage, size_t last_use);
  size_t last_use(int storage) const { return slots_[static_cast<size_t>(storage)].last_use; }
  bool is_external(int storage) const { return slots_[static_cast<size_t>(storage)].external; }
  // Frees every storage whose last use is `node` or earlier.
  void release_through(size_t node);
  // A memory object of `desc` living in `storage` (address set by allocate()/the caller).
  dnnl::memory bind(const dnnl::memory::desc& desc, int storage, const dnnl::engine& engine);
  // Allocates every storage and sets the address of every bound memory.
  void allocate();
  // Memories bound to an external storage.
  std::vector<dnnl::memory> bound_to(int storage) const;
  size_t total_bytes() const;

 private:
  struct Slot {
    size_t bytes = 0;
    size_t last_use = 0;
    bool free = false;
    bool external = false;
  };
  struct FreeDeleter {
    void operator()(void* p) const { std::free(p); }
  };
  std::vector<Slot> slots_;
  std::vector<std::pair<dnnl::memory, int>> bindings_;
  std::vector<std::unique_ptr<void, FreeDeleter>> buffers_;
};

}  // namespace synergy::onednn
