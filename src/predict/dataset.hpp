// Datasets for regression: rows per layer or per network, keyed by network and platform.
#pragma once

#include <string>
#include <vector>

#include "predict/table.hpp"

namespace synergy::predict {

// Where a row was measured. Empty fields are unknown. Models are fitted per platform.
struct Platform {
  std::string device;
  std::string backend;
  std::string threads;
  std::string batch;
  std::string precision;  // "fp32", "bf16", ...; "" where the data does not say

  // "device=tx1 backend=openblas threads=1 batch=1 precision=fp32" (known fields)
  std::string key() const;
  bool operator==(const Platform&) const = default;
};

// Names of the text columns with a meaning; every other column is numeric when all its
// non-blank cells parse as numbers.
struct DatasetColumns {
  std::string network = "network";
  std::string layer = "layer";            // absent: one row per network
  std::string layer_type = "layer_type";  // absent: no per-layer-type models
  std::string device = "device";
  std::string backend = "backend";
  std::string threads = "threads";
  std::string batch = "batch";
};

struct Dataset {
  std::string source;
  std::vector<std::string> network;  // per row
  std::vector<std::string> layer;    // per row; empty strings for network rows
  std::vector<std::string> layer_type;
  std::vector<Platform> platform;
  std::vector<std::string> numeric_names;
  std::vector<std::vector<double>> numeric;  // one vector per numeric column; NaN = blank cell
  std::vector<std::string> text_names;       // non-numeric columns (for clear errors)

  size_t size() const { return network.size(); }
  bool per_layer() const;
  bool has(const std::string& column) const;
  // Throws bad_input listing the numeric columns when `name` is absent or not numeric.
  const std::vector<double>& column(const std::string& name) const;
  std::vector<double>& column(const std::string& name);
  std::vector<double>& add_column(const std::string& name);  // NaN-filled; replaces an existing one
  // Distinct network names in order of first appearance.
  std::vector<std::string> networks() const;
  std::vector<Platform> platforms() const;
  // Rows whose network is (or, with keep=false, is not) in `names`.
  Dataset select_networks(const std::vector<std::string>& names, bool keep = true) const;
  Dataset select_rows(const std::vector<size_t>& rows) const;
  void append_row_from(const Dataset& other, size_t row);
};

// Builds a dataset from a table. Throws bad_input when the network column is missing.
// Literal non-finite numbers (nan, inf) are kept and rejected when a model uses their column.
Dataset make_dataset(const Table& table, const DatasetColumns& columns = {});

// Keeps the rows that match every non-empty field of `filter`.
Dataset filter_platform(const Dataset& d, const Platform& filter);

// Throws bad_input unless the dataset holds exactly one platform, listing them.
Platform single_platform(const Dataset& d);

}  // namespace synergy::predict
