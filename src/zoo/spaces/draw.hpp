// What every design space draws from, and the spaces' builders (one file each).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include "graph/builder.hpp"

namespace synergy::zoo::spaces {

class Draw {
 public:
  explicit Draw(std::seed_seq& seq) : rng_(seq) {}
  int64_t between(int64_t lo, int64_t hi) {  // inclusive
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  T one_of(std::initializer_list<T> options) {
    const auto i = between(0, static_cast<int64_t>(options.size()) - 1);
    return *(options.begin() + i);
  }
  // Input side: 96 to 320 pixels in steps of 32.
  int64_t resolution() { return 96 + 32 * between(0, 7); }

 private:
  std::mt19937_64 rng_;
};

// Output side of a convolution or pool.
inline int64_t out_side(int64_t in, int64_t kernel, int64_t stride, int64_t pad) {
  return (in + 2 * pad - kernel) / stride + 1;
}
// Channels rounded to a multiple of 8 (at least 8), as hardware-friendly widths are.
inline int64_t round8(double c) {
  const auto r = static_cast<int64_t>(c / 8.0 + 0.5) * 8;
  return r < 8 ? 8 : r;
}

Graph plain(Draw& d, const std::string& name);
Graph residual(Draw& d, const std::string& name);
Graph inverted(Draw& d, const std::string& name);
Graph shuffle(Draw& d, const std::string& name);
Graph dense(Draw& d, const std::string& name);
Graph inception(Draw& d, const std::string& name);
Graph grouped(Draw& d, const std::string& name);
Graph classic(Draw& d, const std::string& name);

}  // namespace synergy::zoo::spaces
