// Rows with named columns, the raw form of every dataset, and the sources that produce them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace synergy::predict {

struct Table {
  std::string source;  // file name or description, used in error messages
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each row has columns.size() cells

  bool has(const std::string& column) const;
  // Throws bad_input naming the source and listing its columns when `column` is absent.
  size_t index(const std::string& column) const;
};

// Anything that yields rows with named columns. CSV files are read today; profiles and the
// results store plug in behind the same interface.
class RowSource {
 public:
  virtual ~RowSource() = default;
  virtual Table read() const = 0;
};

class CsvRowSource : public RowSource {
 public:
  explicit CsvRowSource(std::string path) : path_(std::move(path)) {}
  Table read() const override;

 private:
  std::string path_;
};

// RFC 4180 CSV: first line is the header; quoted cells may hold commas, quotes ("") and newlines;
// lines starting with '#' before the header are comments. Throws bad_input naming the line on a
// row whose cell count differs from the header's, or on duplicate/empty column names.
Table parse_csv(std::string_view text, const std::string& source);

// Picks the reader for `spec` by its extension: .csv, .json (one profile result record),
// .db / .sqlite (the results store). Throws bad_input for an unknown kind.
std::unique_ptr<RowSource> open_row_source(const std::string& spec);

}  // namespace synergy::predict
