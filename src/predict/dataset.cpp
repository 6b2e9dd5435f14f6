#include "predict/dataset.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>

#include "util/error.hpp"

namespace synergy::predict {

namespace {

const double kBlank = std::numeric_limits<double>::quiet_NaN();

// Parses a whole cell as a number; blank cells are NaN.
bool parse_number(const std::string& cell, double& out) {
  if (cell.empty()) {
    out = kBlank;
    return true;
  }
  char* end = nullptr;
  out = std::strtod(cell.c_str(), &end);
  return end == cell.c_str() + cell.size();
}

std::string cell_or_empty(const Table& t, const std::vector<std::string>& row,
                          const std::string& column) {
  return t.has(column) ? row[t.index(column)] : std::string();
}

void add_columns(const Table& t, const std::set<std::string>& text, Dataset& d) {
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (text.count(t.columns[c])) continue;
    std::vector<double> values(t.rows.size());
    bool numeric = true;
    for (size_t r = 0; r < t.rows.size() && numeric; ++r)
      numeric = parse_number(t.rows[r][c], values[r]);
    if (numeric) {
      d.numeric_names.push_back(t.columns[c]);
      d.numeric.push_back(std::move(values));
    } else {
      d.text_names.push_back(t.columns[c]);
    }
  }
}

}  // namespace

std::string Platform::key() const {
  std::string k;
  auto add = [&](const char* name, const std::string& v) {
    if (v.empty()) return;
    k.append(k.empty() ? "" : " ").append(name).append("=").append(v);
  };
  add("device", device);
  add("backend", backend);
  add("threads", threads);
  add("batch", batch);
  add("precision", precision);
  return k.empty() ? "unspecified platform" : k;
}

bool Dataset::per_layer() const {
  return std::any_of(layer.begin(), layer.end(), [](const std::string& s) { return !s.empty(); });
}

bool Dataset::has(const std::string& column) const {
  return std::find(numeric_names.begin(), numeric_names.end(), column) != numeric_names.end();
}

const std::vector<double>& Dataset::column(const std::string& name) const {
  auto it = std::find(numeric_names.begin(), numeric_names.end(), name);
  if (it != numeric_names.end()) return numeric[static_cast<size_t>(it - numeric_names.begin())];
  if (std::find(text_names.begin(), text_names.end(), name) != text_names.end())
    throw bad_input(source + ": column '" + name + "' is not numeric");
  std::string known;
  for (const auto& n : numeric_names) known.append(known.empty() ? "" : ", ").append(n);
  throw bad_input(source + ": no numeric column '" + name + "'; numeric columns: " + known);
}

std::vector<double>& Dataset::column(const std::string& name) {
  return const_cast<std::vector<double>&>(static_cast<const Dataset&>(*this).column(name));
}

std::vector<double>& Dataset::add_column(const std::string& name) {
  auto it = std::find(numeric_names.begin(), numeric_names.end(), name);
  if (it != numeric_names.end()) {
    auto& col = numeric[static_cast<size_t>(it - numeric_names.begin())];
    col.assign(size(), kBlank);
    return col;
  }
  numeric_names.push_back(name);
  numeric.emplace_back(size(), kBlank);
  return numeric.back();
}

std::vector<std::string> Dataset::networks() const {
  std::vector<std::string> out;
  for (const auto& n : network)
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  return out;
}

std::vector<Platform> Dataset::platforms() const {
  std::vector<Platform> out;
  for (const auto& p : platform)
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  return out;
}

void Dataset::append_row_from(const Dataset& other, size_t row) {
  network.push_back(other.network[row]);
  layer.push_back(other.layer[row]);
  layer_type.push_back(other.layer_type[row]);
  platform.push_back(other.platform[row]);
  for (size_t c = 0; c < numeric.size(); ++c) numeric[c].push_back(other.numeric[c][row]);
}

Dataset Dataset::select_rows(const std::vector<size_t>& rows) const {
  Dataset d;
  d.source = source;
  d.numeric_names = numeric_names;
  d.text_names = text_names;
  d.numeric.resize(numeric.size());
  for (size_t r : rows) d.append_row_from(*this, r);
  return d;
}

Dataset Dataset::select_networks(const std::vector<std::string>& names, bool keep) const {
  std::vector<size_t> rows;
  for (size_t r = 0; r < size(); ++r) {
    bool listed = std::find(names.begin(), names.end(), network[r]) != names.end();
    if (listed == keep) rows.push_back(r);
  }
  return select_rows(rows);
}

Dataset make_dataset(const Table& t, const DatasetColumns& cols) {
  Dataset d;
  d.source = t.source;
  const size_t net = t.index(cols.network);
  std::set<std::string> text{cols.network, cols.layer, cols.layer_type, cols.device, cols.backend};
  add_columns(t, text, d);
  for (const auto& row : t.rows) {
    if (row[net].empty())
      throw bad_input(t.source + ": a row has an empty '" + cols.network + "' cell");
    d.network.push_back(row[net]);
    d.layer.push_back(cell_or_empty(t, row, cols.layer));
    d.layer_type.push_back(cell_or_empty(t, row, cols.layer_type));
    d.platform.push_back({cell_or_empty(t, row, cols.device), cell_or_empty(t, row, cols.backend),
                          cell_or_empty(t, row, cols.threads), cell_or_empty(t, row, cols.batch)});
  }
  return d;
}

Dataset filter_platform(const Dataset& d, const Platform& f) {
  auto match = [](const std::string& want, const std::string& have) {
    return want.empty() || want == have;
  };
  std::vector<size_t> rows;
  for (size_t r = 0; r < d.size(); ++r) {
    const Platform& p = d.platform[r];
    if (match(f.device, p.device) && match(f.backend, p.backend) && match(f.threads, p.threads) &&
        match(f.batch, p.batch))
      rows.push_back(r);
  }
  if (rows.empty()) throw bad_input(d.source + ": no rows match " + f.key());
  return d.select_rows(rows);
}

Platform single_platform(const Dataset& d) {
  std::vector<Platform> ps = d.platforms();
  if (ps.size() == 1) return ps[0];
  if (ps.empty()) throw bad_input(d.source + ": the dataset has no rows");
  std::string list;
  for (const auto& p : ps) list += "\n  " + p.key();
  throw bad_input(d.source + ": rows come from " + std::to_string(ps.size()) +
                  " platforms; models are fitted per platform, pick one with "
                  "--device/--backend/--threads/--batch:" +
                  list);
}

}  // namespace synergy::predict
