#include "engine/onednn/storage.hpp"

#include <algorithm>
#include <cstring>

#include "util/error.hpp"

namespace synergy::onednn {

int StoragePool::acquire(size_t bytes, size_t last_use) {
  // Best fit among free storages; else grow the largest free one; else a new storage.
  int best = -1, largest = -1;
  for (size_t i = 0; i < slots_.size(); ++i) {
    const Slot& s = slots_[i];
    if (!s.free) continue;
    if (s.bytes >= bytes && (best < 0 || s.bytes < slots_[static_cast<size_t>(best)].bytes)) {
      best = static_cast<int>(i);
    }
    if (largest < 0 || s.bytes > slots_[static_cast<size_t>(largest)].bytes) {
      largest = static_cast<int>(i);
    }
  }
  const int chosen = best >= 0 ? best : largest;
  if (chosen >= 0) {
    Slot& s = slots_[static_cast<size_t>(chosen)];
    s.bytes = std::max(s.bytes, bytes);
    s.last_use = last_use;
    s.free = false;
    return chosen;
  }
  slots_.push_back({bytes, last_use, false, false});
  return static_cast<int>(slots_.size() - 1);
}

int StoragePool::external() {
  slots_.push_back({0, kForever, false, true});
  return static_cast<int>(slots_.size() - 1);
}

void StoragePool::extend(int storage, size_t last_use) {
  Slot& s = slots_[static_cast<size_t>(storage)];
  if (s.last_use != kForever) s.last_use = std::max(s.last_use, last_use);
}

void StoragePool::release_through(size_t node) {
  for (Slot& s : slots_) {
    if (!s.external && s.last_use != kForever && s.last_use <= node) s.free = true;
  }
}

dnnl::memory StoragePool::bind(const dnnl::memory::desc& desc, int storage,
                               const dnnl::engine& engine) {
  Slot& s = slots_[static_cast<size_t>(storage)];
  if (!s.external) s.bytes = std::max(s.bytes, desc.get_size());
  dnnl::memory m(desc, engine, DNNL_MEMORY_NONE);
  bindings_.emplace_back(m, storage);
  return m;
}

void StoragePool::allocate() {
  std::vector<void*> base(slots_.size(), nullptr);
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].external || slots_[i].bytes == 0) continue;
    const size_t bytes = (slots_[i].bytes + 63) / 64 * 64;
    void* p = std::aligned_alloc(64, bytes);
    if (!p) throw Error(ErrorKind::Runtime, "out of memory for activations");
    std::memset(p, 0, bytes);
    buffers_.emplace_back(p);
    base[i] = p;
  }
  for (auto& [mem, storage] : bindings_) {
    if (!slots_[static_cast<size_t>(storage)].external) {
      mem.set_data_handle(base[static_cast<size_t>(storage)]);
    }
  }
}

std::vector<dnnl::memory> StoragePool::bound_to(int storage) const {
  std::vector<dnnl::memory> out;
  for (const auto& [mem, s] : bindings_) {
    if (s == storage) out.push_back(mem);
  }
  return out;
}

size_t StoragePool::total_bytes() const {
  size_t total = 0;
  for (const Slot& s : slots_) total += s.external ? 0 : s.bytes;
  return total;
}

}  // namespace synergy::onednn
