// The HTML report's page: self-contained, its data embedded so that nothing in it can close the
// script early, and the timeline window bounded. (What the page draws is checked in a browser
// by html_render_check.py.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "profile/sensor_trace.hpp"
#include "report/html.hpp"
#include "result/json.hpp"
#include "result/sample_record.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

using nlohmann::json;

// The document in <script type="application/json" id="synergy-data">, parsed.
json embedded_data(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"synergy-data\">";
  const size_t from = page.find(open);
  EXPECT_NE(from, std::string::npos);
  const size_t start = from + open.size();
  const size_t end = page.find("</script>", start);
  EXPECT_NE(end, std::string::npos);
  return json::parse(page.substr(start, end - start));
}

// Two layers of `iterations` inferences, 10 us apart, and a sensor whose energy grows 1 mJ per
// 8 us (125 W) over all of them.
struct Recorded {
  LayerTimeline timeline;
  SensorTrace sensor;
};

Recorded recorded(int iterations) {
  Recorded r;
  r.timeline.layer_names = {"conv1, 3x3", "relu1"};
  r.timeline.layer_types = {"Conv", "Activation"};
  int64_t t = 1'000'000;
  for (int i = 0; i < iterations; ++i) {
    IterationRecord it;
    it.start_ns = t;
    it.layers.push_back({0, t, t + 3000});
    it.layers.push_back({1, t + 3000, t + 4500});
    it.end_ns = t + 4500;
    r.timeline.iterations.push_back(it);
    t += 10'000;
  }
  r.sensor.source = "synthetic";
  r.sensor.domain = "board";
  r.sensor.provenance = Provenance::IntegratedPower;
  r.sensor.reading_time = ReadingTime::AtRead;  // power integrated by the reader
  r.sensor.update_period_ns = 8000;
  for (int64_t k = 0; 1'000'000 + k * 8000 <= t; ++k) {
    SensorSample s;
    s.t_ns = 1'000'000 + k * 8000;
    s.energy_j = static_cast<double>(k) * 0.001;
    r.sensor.samples.push_back(s);
  }
  return r;
}

TEST(HtmlReport, RunPageHoldsItsRecordAndNothingFromOutside) {
  const ResultRecord record = testing::sample_record();
  LayerSliceArgs conv;
  conv.shapes = "1x3x8x8 -> 1x4x8x8";
  conv.macs = 6912;
  conv.min_traffic_bytes = 2000;
  RunReport r;
  r.record = &record;
  r.costs = {conv, LayerSliceArgs{}};
  r.timeline_missing = "not recorded here";
  std::ostringstream out;
  write_run_report(out, r);
  const std::string page = out.str();
  for (const char* outside : {"<script src", "<link", "@import", "XMLHttpRequest", "fetch("})
    EXPECT_EQ(page.find(outside), std::string::npos) << outside;
  EXPECT_NE(page.find("<title>synergy: tinynet</title>"), std::string::npos);
  const json data = embedded_data(page);
  EXPECT_EQ(data.at("kind"), "run");
  EXPECT_EQ(result_from_json(data.at("record").dump()).layers.size(), record.layers.size());
  EXPECT_EQ(data.at("record").at("layers").at(0).at("name"), "conv1, 3x3");
  EXPECT_EQ(data.at("costs").at(0).at("macs"), 6912);
  EXPECT_TRUE(data.at("timeline").is_null());
  EXPECT_EQ(data.at("timeline_missing"), "not recorded here");
}

TEST(HtmlReport, NoNameCanCloseTheScript) {
  ResultRecord record = testing::sample_record();
  record.model = "</script><script>alert(1)</script>";
  record.layers[0].name = "</SCRIPT><b>x";
  RunReport r;
  r.record = &record;
  std::ostringstream out;
  write_run_report(out, r);
  const std::string page = out.str();
  EXPECT_EQ(page.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(page.find("</SCRIPT><b>"), std::string::npos);
  EXPECT_NE(page.find("<title>synergy: &lt;/script&gt;"), std::string::npos);
  const json data = embedded_data(page);  // the data ends at its own </script>, intact
  EXPECT_EQ(data.at("record").at("model"), record.model);
  EXPECT_EQ(data.at("record").at("layers").at(0).at("name"), "</SCRIPT><b>x");
}

TEST(HtmlReport, TimelineIsAWindowWithTheMeanPowerOfEachInterval) {
  const ResultRecord record = testing::sample_record();
  const Recorded rec = recorded(2000);
  RunReport r;
  r.record = &record;
  r.timeline = &rec.timeline;
  const PowerTrack track = power_track(rec.sensor);
  r.power = &track;
  std::ostringstream out;
  write_run_report(out, r);
  const json tl = embedded_data(out.str()).at("timeline");
  // Ten inferences cover 100 us, past five update periods (40 us): ten are drawn of 2000.
  EXPECT_EQ(tl.at("iterations"), 10);
  EXPECT_EQ(tl.at("iterations_recorded"), 2000);
  EXPECT_EQ(tl.at("spans").size(), 20u);
  EXPECT_DOUBLE_EQ(tl.at("spans").at(2).at(1).get<double>(), 10.0);  // us since the first
  EXPECT_DOUBLE_EQ(tl.at("window_us").at(1).get<double>(), 94.5);
  const json& power = tl.at("power");
  EXPECT_EQ(power.at("label"), "synthetic/board");
  EXPECT_EQ(power.at("provenance"), "integrated power samples");
  ASSERT_FALSE(power.at("points").empty());
  for (const auto& p : power.at("points")) {
    EXPECT_NEAR(p.at(1).get<double>(), 125.0, 1e-9);
    EXPECT_LE(p.at(0).get<double>(), 94.5 + 8.0);  // within the window and one interval
  }
}

TEST(HtmlReport, TimelineOfLongInferencesStopsAtItsSpanBound) {
  const ResultRecord record = testing::sample_record();
  Recorded rec = recorded(12);
  for (auto& it : rec.timeline.iterations)  // 12 inferences of 500 layer spans each
    it.layers.assign(500, it.layers.front());
  RunReport r;
  r.record = &record;
  r.timeline = &rec.timeline;
  std::ostringstream out;
  write_run_report(out, r);
  const json tl = embedded_data(out.str()).at("timeline");
  EXPECT_EQ(tl.at("iterations"), 8);  // 4000 spans at most
  EXPECT_EQ(tl.at("spans").size(), 4000u);
  EXPECT_TRUE(tl.at("power").is_null());  // no sensor
}

TEST(HtmlReport, DiffPageHoldsBothRunsAndTheirDifference) {
  const ResultRecord a = testing::sample_record();
  ResultRecord b = a;
  b.context.threads = 4;
  b.layers[0].time_ns.mean *= 0.5;
  std::ostringstream out;
  write_diff_report(out, a, b, "run 3", "run 5");
  const json data = embedded_data(out.str());
  EXPECT_EQ(data.at("kind"), "diff");
  EXPECT_EQ(data.at("labels"), json({"run 3", "run 5"}));
  EXPECT_EQ(data.at("records").size(), 2u);
  const json& conv = data.at("diff").at("layers").at(0).at("time_ms");
  EXPECT_NEAR(conv.at("delta").get<double>(), -0.5 * a.layers[0].time_ns.mean * 1e-6, 1e-12);
  EXPECT_EQ(data.at("diff").at("context_changes").at(0), "threads: 2 -> 4");
}

TEST(HtmlReport, EvaluationPageTakesOnlyAnEvaluationDocument) {
  const json doc = {
      {"format", "synergy-evaluation"},
      {"version", 1},
      {"units", json::object()},
      {"evaluations",
       {{{"model", "macs"},
         {"method", "loo"},
         {"target", "energy_mj"},
         {"summary", {{"networks", 1}}},
         {"networks", {{{"network", "alexnet"}, {"measured", 10.0}, {"predicted", 11.0}}}}}}}};
  std::ostringstream out;
  write_evaluation_report(out, doc.dump());
  EXPECT_EQ(embedded_data(out.str()).at("evaluation"), doc);

  std::ostringstream sink;
  EXPECT_THROW(write_evaluation_report(sink, "not json"), Error);
  EXPECT_THROW(write_evaluation_report(sink, R"({"format": "synergy-diff"})"), Error);
  json no_number = doc;
  no_number["evaluations"][0]["networks"][0]["measured"] = "ten";
  EXPECT_THROW(write_evaluation_report(sink, no_number.dump()), Error);
  json no_networks = doc;
  no_networks["evaluations"][0].erase("networks");
  EXPECT_THROW(write_evaluation_report(sink, no_networks.dump()), Error);
}

}  // namespace
}  // namespace synergy
