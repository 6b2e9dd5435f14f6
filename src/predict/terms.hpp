// Regression terms: products of powers of dataset columns ("macs", "macs^2", "macs*depthwise").
#pragma once

#include <string>
#include <vector>

namespace synergy::predict {

struct Factor {
  std::string column;
  int power = 1;
};

struct Term {
  std::vector<Factor> factors;

  std::string name() const;  // canonical spelling, e.g. "macs^2*depthwise"
  // Columns the term reads, in order of appearance, without repeats.
  std::vector<std::string> columns() const;
  // `values[i]` is the value of columns()[i].
  double evaluate(const std::vector<double>& values) const;
};

// Parses "a", "a^2", "a*b", "a^2*b". Powers are 1..4. Throws bad_input on malformed text.
Term parse_term(const std::string& text);
// Parses a comma-separated list; "poly2(a)" expands to "a, a^2".
std::vector<Term> parse_terms(const std::string& list);

}  // namespace synergy::predict
