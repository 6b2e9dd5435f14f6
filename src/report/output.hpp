// Result records in the format a user asked for, one after another.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "report/table.hpp"
#include "result/record.hpp"

namespace synergy {

// "table": each record's table. "json": one document, or, for several records, JSON Lines (one
// compact document per line). "csv": one header, then each record's network and layer rows.
class RecordWriter {
 public:
  RecordWriter(std::ostream& out, std::string format, bool several, TableOptions table = {});
  void write(const ResultRecord& record);

 private:
  std::ostream& out_;
  std::string format_;
  bool several_;
  TableOptions table_;
  bool header_written_ = false;
  std::vector<std::string> counters_;  // the CSV's counter columns, from the first record
};

void write_record(std::ostream& out, const ResultRecord& record, const std::string& format,
                  const TableOptions& table = {});

}  // namespace synergy
