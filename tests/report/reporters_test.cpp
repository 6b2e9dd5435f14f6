#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "profile/sensor_trace.hpp"
#include "report/chrome_trace.hpp"
#include "report/csv.hpp"
#include "report/output.hpp"
#include "report/table.hpp"
#include "result/json.hpp"
#include "result/sample_record.hpp"

namespace synergy {
namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(LayersCsv, EmptyCellsWhereNotMeasuredAndQuotedNames) {
  std::ostringstream out;
  write_layers_csv(out, testing::sample_record());
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].rfind("model,scope,index,layer,type,fused_into,view,time_ns_mean", 0), 0u);
  EXPECT_NE(lines[0].find(",instructions,"), std::string::npos);
  // The whole network first: 0.42 J per inference over 2.5 ms is 168 W.
  EXPECT_EQ(lines[1].rfind("tinynet,network,,,,,0,2500000,", 0), 0u) << lines[1];
  EXPECT_NE(lines[1].find(",0.42,"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find(",168,"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find(",12,whole network,energy_counter,"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find(",layer,0,\"conv1, 3x3\""), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find(",0.3,0.004,200,,310,trace,energy_counter,"), std::string::npos)
      << lines[2];
  // relu1: energy and counters absent, never written as zero; the fp32 run states no error.
  EXPECT_NE(lines[3].find(",30,,,,,,,,,,onednn,fp32,,false"), std::string::npos) << lines[3];
}

// Several records: CSV has one header, JSON is one compact document per line.
TEST(RecordWriter, SeveralRecordsShareOneCsvHeaderAndAreJsonLines) {
  ResultRecord second = testing::sample_record();
  second.model = "other";
  auto written = [&](const char* format) {
    std::ostringstream out;
    RecordWriter writer(out, format, true);
    writer.write(testing::sample_record());
    writer.write(second);
    return lines_of(out.str());
  };
  const auto rows = written("csv");
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(std::count_if(rows.begin(), rows.end(),
                          [](const std::string& l) { return l.rfind("model,", 0) == 0; }),
            1);
  EXPECT_EQ(rows[4].rfind("other,network,", 0), 0u) << rows[4];
  const auto docs = written("json");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(result_from_json(docs[0]).model, testing::sample_record().model);
  EXPECT_EQ(result_from_json(docs[1]).model, "other");
}

TEST(Table, SaysPlainlyWhenEnergyWasNotMeasured) {
  ResultRecord r = testing::sample_record();
  r.context.energy_provenance.reset();
  r.context.energy_unavailable_reason = "no RAPL, hwmon or NVML on this machine";
  r.network.energy_j.reset();
  for (auto& l : r.layers) l.energy.reset();
  r.partial = true;
  std::ostringstream out;
  write_table(out, r);
  const std::string s = out.str();
  EXPECT_NE(s.find("energy: NOT MEASURED: no RAPL, hwmon or NVML"), std::string::npos) << s;
  EXPECT_NE(s.find("PARTIAL"), std::string::npos);
  EXPECT_EQ(s.find("energy 0"), std::string::npos);
  EXPECT_NE(s.find("cycles unavailable: hardware events not supported"), std::string::npos);
}

TEST(Table, ShowsEnergyClosureAndWarnings) {
  std::ostringstream out;
  write_table(out, testing::sample_record());
  const std::string s = out.str();
  EXPECT_NE(s.find("measured (energy counter), source nvml/gpu0"), std::string::npos) << s;
  EXPECT_NE(s.find("300.0000 ± 4.0000"), std::string::npos) << s;  // mJ
  EXPECT_NE(s.find("closure: layers sum 0.3000 J vs network 0.4200 J (-28.57 %)"),
            std::string::npos);
  EXPECT_NE(s.find("warning: frequency governor"), std::string::npos);
  EXPECT_NE(s.find("machine: bench-1, Test CPU @ 2.0GHz\n"), std::string::npos) << s;
  EXPECT_NE(s.find("libraries: dnnl 3.0.0; openblas 0.3.21\n"), std::string::npos) << s;
  EXPECT_NE(s.find("OpenMP wait: passive (sleep at once)"), std::string::npos) << s;
  // The phase without schedstat is left out rather than shown as 0 %.
  EXPECT_NE(s.find("cpu share: threads waited 25 % (network) of their ready time\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("counters: instructions [measured counter (perf_event)]; dram_bytes "
                   "[measured counter (CUPTI range profiler)]"),
            std::string::npos)
      << s;
}

TEST(Table, MarksFusedLayersInsteadOfShowingTheirTime) {
  ResultRecord r = testing::sample_record();
  r.layers[1].fused_into = "conv1, 3x3";
  r.layers[1].note = "fused into conv1, 3x3: counted there";
  std::ostringstream out;
  write_table(out, r);
  const std::string s = out.str();
  const std::string relu_line = s.substr(s.find("relu1"));
  EXPECT_NE(relu_line.find("fused"), std::string::npos) << s;
  EXPECT_EQ(relu_line.substr(0, relu_line.find('\n')).find("1.0000"), std::string::npos) << s;
  const ResultRecord back = result_from_json(result_to_json(r));
  EXPECT_EQ(back.layers[1].fused_into, "conv1, 3x3");
  std::ostringstream csv;
  write_layers_csv(csv, r);
  EXPECT_NE(csv.str().find("relu1,Relu,\"conv1, 3x3\",0,"), std::string::npos) << csv.str();
}

TEST(Table, MarksViewsInsteadOfShowingTheirTime) {
  ResultRecord r = testing::sample_record();
  r.layers[1].view = true;
  std::ostringstream out;
  write_table(out, r);
  const std::string s = out.str();
  const std::string relu_line = s.substr(s.find("relu1"));
  const std::string first = relu_line.substr(0, relu_line.find('\n'));
  EXPECT_NE(first.find("view"), std::string::npos) << s;
  EXPECT_EQ(first.find("1.0000"), std::string::npos) << s;
  EXPECT_TRUE(result_from_json(result_to_json(r)).layers[1].view);
  EXPECT_FALSE(result_from_json(result_to_json(r)).layers[0].view);
  std::ostringstream csv;
  write_layers_csv(csv, r);
  EXPECT_NE(csv.str().find("relu1,Relu,,1,"), std::string::npos) << csv.str();
}

TEST(Table, ASingleSampleHasNoSpreadRatherThanAZeroInterval) {
  ResultRecord r = testing::sample_record();
  r.network.time_ns.count = 1;
  r.network.time_ns.ci95 = 0.0;
  std::ostringstream out;
  write_table(out, r);
  EXPECT_NE(out.str().find("network: time 2.500 ms (n=1: no spread)"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("J ± "), std::string::npos) << "the energy has 12 samples";
}

TEST(Table, LabelsAnEstimate) {
  ResultRecord r = testing::sample_record();
  r.context.energy_provenance = Provenance::ModelEstimate;
  r.context.energy_source = "estimate";
  std::ostringstream out;
  write_table(out, r);
  EXPECT_NE(out.str().find("ESTIMATE"), std::string::npos);
}

TEST(ChromeTrace, LayerSlicesAndPowerCounters) {
  LayerTimeline tl;
  tl.layer_names = {"conv", "relu"};
  tl.layer_types = {"Conv", "Relu"};
  int64_t t = 1'000'000;
  for (int i = 0; i < 3; ++i) {
    IterationRecord it;
    it.start_ns = t;
    it.layers.push_back({0, t, t + 3000});
    it.layers.push_back({1, t + 3000, t + 4500});
    it.end_ns = t + 4500;
    tl.iterations.push_back(it);
    t += 10'000;
  }
  SensorTrace sensor;
  sensor.source = "synthetic";
  sensor.domain = "board";
  for (int k = 0; k < 5; ++k) {
    SensorSample s;
    s.t_ns = 1'000'000 + k * 8000;
    s.energy_j = k * 0.001;  // 1 mJ per 8 us: 125 W
    sensor.samples.push_back(s);
  }
  LayerSliceArgs conv_args;
  conv_args.shapes = "1x3x8x8 -> 1x4x8x8";
  conv_args.macs = 6912;
  conv_args.energy_mj = 0.25;
  conv_args.energy_uncertainty_mj = 0.01;
  conv_args.power_w = 120.0;
  LayerSliceArgs relu_args;
  relu_args.fused_into = "conv";  // no energy of its own: no energy argument
  TraceExport data{"tinynet", &tl, {power_track(sensor)}, {conv_args, relu_args}};
  std::ostringstream out;
  write_chrome_trace(out, data);
  const auto doc = nlohmann::json::parse(out.str());
  int layer_slices = 0, counters = 0;
  for (const auto& e : doc.at("traceEvents")) {
    if (e.at("ph") == "X" && e.at("cat") == "layer") {
      ++layer_slices;
      const auto& args = e.at("args");
      if (e.at("name") == "conv") {
        EXPECT_DOUBLE_EQ(e.at("dur").get<double>(), 3.0);  // us
        EXPECT_EQ(args.at("shapes"), "1x3x8x8 -> 1x4x8x8");
        EXPECT_EQ(args.at("macs"), 6912);
        EXPECT_DOUBLE_EQ(args.at("energy_mJ").get<double>(), 0.25);
        EXPECT_DOUBLE_EQ(args.at("energy_95ci_mJ").get<double>(), 0.01);
        EXPECT_DOUBLE_EQ(args.at("power_W").get<double>(), 120.0);
      } else {
        EXPECT_EQ(args.at("fused_into"), "conv");
        EXPECT_FALSE(args.contains("energy_mJ"));
      }
    }
    if (e.at("ph") == "C") {
      ++counters;
      EXPECT_NEAR(e.at("args").at("W").get<double>(), 125.0, 1e-9);
      EXPECT_EQ(e.at("name"), "power W synthetic/board");
    }
  }
  EXPECT_EQ(layer_slices, 6);
  EXPECT_EQ(counters, 4);  // three complete intervals and the closing point
  EXPECT_EQ(doc.at("otherData").at("origin_ns"), 1'000'000);
}

}  // namespace
}  // namespace synergy
