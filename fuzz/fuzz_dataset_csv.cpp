// libFuzzer target for the dataset CSV reader (synergy fit / evaluate / predict inputs): RFC 4180
// parsing, then the dataset built from the table. Malformed input must end in synergy::Error;
// what parses is rectangular, and the dataset has one value per row in every column.
#include <cstdint>
#include <string>
#include <string_view>

#include "check.hpp"
#include "predict/dataset.hpp"
#include "predict/table.hpp"

namespace {

void fail(const std::string& what) {
  synergy::fuzz::fail("fuzz_dataset_csv", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  synergy::predict::Table table;
  try {
    table = synergy::predict::parse_csv(text, "fuzz.csv");
  } catch (const synergy::Error&) {
    return 0;
  }
  for (const auto& row : table.rows)
    if (row.size() != table.columns.size()) fail("a row's cell count differs from the header's");
  synergy::predict::Dataset d;
  try {
    d = synergy::predict::make_dataset(table);
  } catch (const synergy::Error&) {
    return 0;
  }
  if (d.size() != table.rows.size()) fail("the dataset lost or gained rows");
  if (d.numeric.size() != d.numeric_names.size()) fail("numeric names and columns differ");
  for (const auto& column : d.numeric)
    if (column.size() != d.size()) fail("a numeric column's length differs from the rows'");
  if (d.layer.size() != d.size() || d.platform.size() != d.size()) fail("per-row fields differ");
  d.networks();
  d.platforms();
  return 0;
}
