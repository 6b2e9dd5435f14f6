// Profile CSV: a `network` row (the whole network per inference), then one `layer` row per layer;
// a cell is empty where a quantity was not measured. Several records share one header.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "result/record.hpp"

namespace synergy {

// The counter columns a record's rows carry: the events it measured.
std::vector<std::string> csv_counter_columns(const ResultRecord& record);
void write_csv_header(std::ostream& out, const std::vector<std::string>& counters);
void write_csv_rows(std::ostream& out, const ResultRecord& record,
                    const std::vector<std::string>& counters);
// Header and rows of one record.
void write_layers_csv(std::ostream& out, const ResultRecord& record);

}  // namespace synergy
