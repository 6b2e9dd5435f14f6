// A fixed-capacity ring that keeps the newest items and counts the ones it had to drop.
#pragma once

#include <cstddef>
#include <vector>

namespace synergy {

template <typename T>
class RingBuffer {
 public:
  explicit RingBuffer(size_t capacity) : items_(capacity == 0 ? 1 : capacity) {}

  void push(T item) {
    items_[(head_ + size_) % items_.size()] = std::move(item);
    if (size_ < items_.size()) {
      ++size_;
    } else {
      head_ = (head_ + 1) % items_.size();
      ++dropped_;
    }
  }
  // Oldest first.
  std::vector<T> items() const {
    std::vector<T> out;
    out.reserve(size_);
    for (size_t i = 0; i < size_; ++i) out.push_back(items_[(head_ + i) % items_.size()]);
    return out;
  }
  const T& at(size_t i) const { return items_[(head_ + i) % items_.size()]; }  // 0 = oldest
  size_t size() const { return size_; }
  size_t capacity() const { return items_.size(); }
  size_t dropped() const { return dropped_; }
  void clear() { head_ = size_ = dropped_ = 0; }

 private:
  std::vector<T> items_;
  size_t head_ = 0;
  size_t size_ = 0;
  size_t dropped_ = 0;
};

}  // namespace synergy
