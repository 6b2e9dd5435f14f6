#include "predict/terms.hpp"

#include <algorithm>
#include <cmath>

#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy::predict {

namespace {

Factor parse_factor(const std::string& text, const std::string& whole) {
  Factor f;
  size_t caret = text.find('^');
  f.column = trim(text.substr(0, caret));
  if (f.column.empty()) throw bad_input("feature term '" + whole + "' has an empty column name");
  if (caret != std::string::npos) {
    std::string p = trim(text.substr(caret + 1));
    if (p.size() != 1 || p[0] < '1' || p[0] > '4')
      throw bad_input("feature term '" + whole + "': powers must be 1 to 4");
    f.power = p[0] - '0';
  }
  return f;
}

}  // namespace

std::string Term::name() const {
  std::string n;
  for (const auto& f : factors) {
    if (!n.empty()) n += "*";
    n += f.column;
    if (f.power != 1) n.append("^").append(std::to_string(f.power));
  }
  return n;
}

std::vector<std::string> Term::columns() const {
  std::vector<std::string> out;
  for (const auto& f : factors)
    if (std::find(out.begin(), out.end(), f.column) == out.end()) out.push_back(f.column);
  return out;
}

double Term::evaluate(const std::vector<double>& values) const {
  std::vector<std::string> cols = columns();
  double v = 1.0;
  for (const auto& f : factors) {
    size_t i = static_cast<size_t>(std::find(cols.begin(), cols.end(), f.column) - cols.begin());
    for (int k = 0; k < f.power; ++k) v *= values[i];
  }
  return v;
}

Term parse_term(const std::string& text) {
  std::string t = trim(text);
  if (t.empty()) throw bad_input("empty feature term");
  Term term;
  for (const auto& part : split(t, '*')) term.factors.push_back(parse_factor(part, t));
  return term;
}

std::vector<Term> parse_terms(const std::string& list) {
  std::vector<Term> out;
  for (const auto& item : split(list, ',')) {
    if (item.rfind("poly", 0) == 0 && item.size() > 6 && item[5] == '(' && item.back() == ')') {
      int degree = item[4] - '0';
      if (degree < 1 || degree > 4) throw bad_input("'" + item + "': poly degree must be 1 to 4");
      std::string col = trim(item.substr(6, item.size() - 7));
      for (int p = 1; p <= degree; ++p) out.push_back({{{col, p}}});
      continue;
    }
    out.push_back(parse_term(item));
  }
  std::vector<std::string> seen;
  for (const auto& t : out) {
    if (std::find(seen.begin(), seen.end(), t.name()) != seen.end())
      throw bad_input("feature term '" + t.name() + "' is listed twice");
    seen.push_back(t.name());
  }
  return out;
}

}  // namespace synergy::predict
