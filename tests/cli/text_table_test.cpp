// Formatting helpers of the zoo and inspect commands.
#include "util/text_table.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "util/csv.hpp"

namespace synergy::cli {
namespace {

TEST(GroupDigits, ThousandsSeparators) {
  EXPECT_EQ(group_digits(0), "0");
  EXPECT_EQ(group_digits(999), "999");
  EXPECT_EQ(group_digits(1000), "1,000");
  EXPECT_EQ(group_digits(665784864), "665,784,864");
  EXPECT_EQ(group_digits(-1234567), "-1,234,567");
  EXPECT_EQ(group_digits(INT64_MAX), "9,223,372,036,854,775,807");
}

TEST(Csv, QuotesOnlyWhenNeeded) {
  std::ostringstream out;
  write_csv_row(out, {"plain", "a,b", "say \"hi\"", "", "two\r\nlines"});
  EXPECT_EQ(out.str(), "plain,\"a,b\",\"say \"\"hi\"\"\",,\"two\r\nlines\"\n");
}

TEST(TextTable, AlignsColumns) {
  TextTable t({"name", "MACs"}, {false, true});
  t.add_row({"conv1", "1,000"});
  t.add_row({"fc", "7"});
  t.add_rule();
  t.add_row({"total", "1,007"});
  std::ostringstream out;
  t.print(out);
  EXPECT_EQ(out.str(),
            "name    MACs\n"
            "------------\n"
            "conv1  1,000\n"
            "fc         7\n"
            "------------\n"
            "total  1,007\n");
}

TEST(Fixed, Decimals) {
  EXPECT_EQ(fixed(5.6149, 2), "5.61");
  EXPECT_EQ(fixed(0.0, 1), "0.0");
}

}  // namespace
}  // namespace synergy::cli
