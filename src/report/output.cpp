#include "report/output.hpp"

#include "report/csv.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

namespace synergy {

void write_record(std::ostream& out, const ResultRecord& record, const std::string& format) {
  if (format == "json")
    out << result_to_json(record) << "\n";
  else if (format == "csv")
    write_layers_csv(out, record);
  else
    write_table(out, record);
}

}  // namespace synergy
