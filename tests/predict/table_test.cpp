#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "predict/dataset.hpp"
#include "predict/table.hpp"
#include "predict/terms.hpp"
#include "util/error.hpp"

namespace synergy::predict {
namespace {

using testing::HasSubstr;

template <class F>
std::string bad_input_message(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    return e.what();
  }
  ADD_FAILURE() << "no bad_input error";
  return "";
}

TEST(Csv, ParsesQuotedCellsCommentsAndBlankLines) {
  Table t = parse_csv(
      "# provenance line\nnetwork,note,value\r\nalexnet,\"a, \"\"quoted\"\" note\",1.5\n\n"
      "vgg,\"two\nlines\",2\n",
      "t.csv");
  ASSERT_EQ(t.columns, (std::vector<std::string>{"network", "note", "value"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][1], "a, \"quoted\" note");
  EXPECT_EQ(t.rows[1][1], "two\nlines");
  EXPECT_EQ(t.rows[1][2], "2");
}

TEST(Csv, RowWithWrongCellCountNamesItsLine) {
  std::string msg = bad_input_message([] { parse_csv("a,b\n1,2\n3\n", "x.csv"); });
  EXPECT_THAT(msg, HasSubstr("x.csv:3"));
  EXPECT_THAT(msg, HasSubstr("1 cells, but the header has 2"));
}

TEST(Csv, DuplicateColumnAndEmptyFileAreErrors) {
  EXPECT_THAT(bad_input_message([] { parse_csv("a,a\n1,2\n", "d.csv"); }),
              HasSubstr("appears twice"));
  EXPECT_THAT(bad_input_message([] { parse_csv("", "e.csv"); }), HasSubstr("no header"));
}

TEST(Dataset, SplitsTextAndNumericColumnsAndKeepsPlatform) {
  Table t = parse_csv(
      "network,layer,layer_type,device,backend,threads,batch,macs,energy_mj,kind\n"
      "a,c1,Conv,tx1,openblas,1,1,100,5,x\n"
      "a,p1,Pool,tx1,openblas,1,1,0,,y\n",
      "l.csv");
  Dataset d = make_dataset(t);
  EXPECT_TRUE(d.per_layer());
  EXPECT_EQ(d.layer_type[1], "Pool");
  EXPECT_EQ(d.platform[0].key(), "device=tx1 backend=openblas threads=1 batch=1");
  EXPECT_EQ(d.column("macs")[0], 100.0);
  EXPECT_TRUE(std::isnan(d.column("energy_mj")[1]));  // blank cell
  EXPECT_THAT(bad_input_message([&] { d.column("kind"); }), HasSubstr("not numeric"));
  std::string msg = bad_input_message([&] { d.column("flops"); });
  EXPECT_THAT(msg, HasSubstr("no numeric column 'flops'"));
  EXPECT_THAT(msg, HasSubstr("macs"));
}

TEST(Dataset, MissingNetworkColumnListsColumns) {
  Table t = parse_csv("net,macs\na,1\n", "n.csv");
  std::string msg = bad_input_message([&] { make_dataset(t); });
  EXPECT_THAT(msg, HasSubstr("no column 'network'"));
  EXPECT_THAT(msg, HasSubstr("net, macs"));
}

TEST(Dataset, MixedPlatformsMustBeChosen) {
  Table t = parse_csv("network,device,e\na,tx1,1\nb,sd820,2\n", "p.csv");
  Dataset d = make_dataset(t);
  EXPECT_THAT(bad_input_message([&] { single_platform(d); }), HasSubstr("2 platforms"));
  Dataset tx1 = filter_platform(d, {"tx1", "", "", ""});
  EXPECT_EQ(tx1.size(), 1u);
  EXPECT_EQ(single_platform(tx1).device, "tx1");
  EXPECT_THROW(filter_platform(d, {"jetson", "", "", ""}), Error);
}

TEST(Terms, ParsesPowersProductsAndPolynomials) {
  std::vector<Term> ts = parse_terms("macs, poly2(bytes), macs*depthwise^2");
  ASSERT_EQ(ts.size(), 4u);
  EXPECT_EQ(ts[0].name(), "macs");
  EXPECT_EQ(ts[1].name(), "bytes");
  EXPECT_EQ(ts[2].name(), "bytes^2");
  EXPECT_EQ(ts[3].name(), "macs*depthwise^2");
  EXPECT_EQ(ts[3].columns(), (std::vector<std::string>{"macs", "depthwise"}));
  EXPECT_DOUBLE_EQ(ts[3].evaluate({3.0, 2.0}), 12.0);
  EXPECT_THROW(parse_terms("macs,macs"), Error);
  EXPECT_THROW(parse_term("macs^9"), Error);
  EXPECT_THROW(parse_term("*macs"), Error);
}

}  // namespace
}  // namespace synergy::predict
