// Two stored runs side by side: per-layer and whole-network differences of time and energy, each
// with the 95 % half-width of the difference from the runs' own spreads, and what differs in how
// they were taken.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "result/record.hpp"

namespace synergy {

// B - A of one figure. The half-width combines the two runs' 95 % half-widths as independent
// (root of the sum of squares); infinite where either is unknown.
struct Difference {
  double a = 0.0;
  double b = 0.0;
  double half_width = 0.0;
  double delta() const { return b - a; }
  double relative_pct() const;  // 100 x delta / a; NaN when a is 0
  // The interval of the difference leaves out zero.
  bool significant() const;
};

struct LayerDiff {
  std::string name;
  std::string type;
  bool in_a = false;
  bool in_b = false;
  std::optional<Difference> time_ns;  // absent unless both runs timed the layer
  // Absent unless both runs have its energy; each side's half-width holds its power's and its
  // time's.
  std::optional<Difference> energy_j;
  std::string note;  // e.g. the type changed
};

struct RunDiff {
  std::string model_a, model_b;
  Difference network_time_ns;
  std::optional<Difference> network_energy_j;
  std::vector<LayerDiff> layers;  // A's order, then the layers only B has
  // "backend: onednn -> reference", one per setting that differs.
  std::vector<std::string> context_changes;
};

RunDiff diff_runs(const ResultRecord& a, const ResultRecord& b);

// JSON (schema_version, units in ms and mJ as the CLI prints them).
std::string diff_to_json(const RunDiff& d, int indent = 2);

}  // namespace synergy
