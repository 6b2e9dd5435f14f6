#include "predict/cv.hpp"

#include <algorithm>
#include <random>

#include "util/error.hpp"

namespace synergy::predict {

namespace {

void need_networks(size_t have, size_t need, const std::string& method) {
  if (have < need) {
    throw bad_input(method + " needs at least " + std::to_string(need) +
                    " networks; the data has " + std::to_string(have) +
                    " with a measured value to compare");
  }
}

Fold complement(const std::vector<std::string>& networks, std::vector<std::string> test) {
  Fold f;
  f.test = std::move(test);
  for (const auto& n : networks)
    if (std::find(f.test.begin(), f.test.end(), n) == f.test.end()) f.train.push_back(n);
  return f;
}

std::vector<std::string> split_plus(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t at = s.find('+', start);
    std::string item = s.substr(start, at == std::string::npos ? std::string::npos : at - start);
    if (!item.empty()) out.push_back(item);
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

}  // namespace

std::vector<Fold> leave_one_network_out(const std::vector<std::string>& networks,
                                        size_t min_train) {
  need_networks(networks.size(), min_train + 1, "leave-one-network-out");
  std::vector<Fold> folds;
  for (const auto& n : networks) folds.push_back(complement(networks, {n}));
  return folds;
}

std::vector<Fold> grouped_k_fold(const std::vector<std::string>& networks, size_t k, uint64_t seed,
                                 size_t min_train) {
  if (k < 2) throw bad_input("k-fold needs k >= 2");
  need_networks(networks.size(), k, "k-fold with k=" + std::to_string(k));
  std::vector<std::string> order = networks;
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<Fold> folds;
  for (size_t f = 0; f < k; ++f) {
    std::vector<std::string> test;
    for (size_t i = f; i < order.size(); i += k) test.push_back(order[i]);
    folds.push_back(complement(networks, test));
    need_networks(folds.back().train.size(), min_train,
                  "training each of the " + std::to_string(k) + " folds");
  }
  return folds;
}

Fold named_split(const std::vector<std::string>& networks, const std::vector<std::string>& test,
                 size_t min_train) {
  if (test.empty()) throw bad_input("split: no test networks named");
  for (const auto& t : test) {
    if (std::find(networks.begin(), networks.end(), t) == networks.end()) {
      std::string known;
      for (const auto& n : networks) known.append(known.empty() ? "" : ", ").append(n);
      throw bad_input("split: test network '" + t + "' is not in the data; networks: " + known);
    }
  }
  Fold f = complement(networks, test);
  need_networks(f.train.size(), min_train, "training the split");
  return f;
}

std::vector<Fold> make_folds(const std::string& method, const std::vector<std::string>& networks,
                             size_t min_train, uint64_t seed) {
  if (method == "loo") return leave_one_network_out(networks, min_train);
  if (method.rfind("kfold:", 0) == 0) {
    std::string k = method.substr(6);
    if (k.empty() || k.find_first_not_of("0123456789") != std::string::npos || k.size() > 6)
      throw bad_input("--cv kfold:K needs a whole number K, got '" + method + "'");
    return grouped_k_fold(networks, std::stoul(k), seed, min_train);
  }
  if (method.rfind("split:", 0) == 0)
    return {named_split(networks, split_plus(method.substr(6)), min_train)};
  throw bad_input("unknown cross-validation '" + method + "'; use loo, kfold:K or split:a+b");
}

void check_no_leak(const Fold& fold) {
  for (const auto& t : fold.test)
    if (std::find(fold.train.begin(), fold.train.end(), t) != fold.train.end())
      throw Error(ErrorKind::Runtime, "network '" + t + "' is in both training and test sets");
}

}  // namespace synergy::predict
