// Splits of networks into training and test sets. Whole networks move together, so no layer
// of a test network is ever seen in training.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace synergy::predict {

struct Fold {
  std::vector<std::string> train;
  std::vector<std::string> test;
};

// One fold per network. Throws bad_input with fewer than `min_train + 1` networks.
std::vector<Fold> leave_one_network_out(const std::vector<std::string>& networks,
                                        size_t min_train = 2);
// k folds of whole networks, shuffled with `seed`; sizes differ by at most one.
std::vector<Fold> grouped_k_fold(const std::vector<std::string>& networks, size_t k, uint64_t seed,
                                 size_t min_train = 2);
// Trains on every network not in `test`. Throws bad_input on an unknown test network.
Fold named_split(const std::vector<std::string>& networks, const std::vector<std::string>& test,
                 size_t min_train = 2);

// Parses "loo", "kfold:K" or "split:a+b+c" into folds.
std::vector<Fold> make_folds(const std::string& method, const std::vector<std::string>& networks,
                             size_t min_train = 2, uint64_t seed = 1);

// Throws a runtime Error if a network is on both sides of a fold.
void check_no_leak(const Fold& fold);

}  // namespace synergy::predict
