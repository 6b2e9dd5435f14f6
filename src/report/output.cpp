#include "report/output.hpp"

#include "report/csv.hpp"
#include "report/table.hpp"
#include "result/json.hpp"

namespace synergy {

RecordWriter::RecordWriter(std::ostream& out, std::string format, bool several, TableOptions table)
    : out_(out), format_(std::move(format)), several_(several), table_(table) {}

void RecordWriter::write(const ResultRecord& record) {
  if (format_ == "json") {
    out_ << result_to_json(record, several_ ? -1 : 2) << "\n";
  } else if (format_ == "csv") {
    if (!header_written_) {
      counters_ = csv_counter_columns(record);
      write_csv_header(out_, counters_);
      header_written_ = true;
    }
    write_csv_rows(out_, record, counters_);
  } else {
    write_table(out_, record, table_);
  }
}

void write_record(std::ostream& out, const ResultRecord& record, const std::string& format,
                  const TableOptions& table) {
  RecordWriter(out, format, false, table).write(record);
}

}  // namespace synergy
