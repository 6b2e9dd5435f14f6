#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "measure/gpu_counters/gpu_presets.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

namespace fs = std::filesystem;

const std::string kFfma = "smsp__sass_thread_inst_executed_op_ffma_pred_on.sum";
const std::string kFadd = "smsp__sass_thread_inst_executed_op_fadd_pred_on.sum";
const std::string kFmul = "smsp__sass_thread_inst_executed_op_fmul_pred_on.sum";

// A temporary folder of preset files, removed at the end.
class PresetDir {
 public:
  PresetDir() : path_(fs::temp_directory_path() / ("gpu_presets_" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~PresetDir() { fs::remove_all(path_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(path_ / name) << text;
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

TEST(GpuPresets, ShippedCatalogHasTheStudyAnalogues) {
  const GpuPresetCatalog c = load_gpu_presets(SYNERGY_SOURCE_DIR "/data/gpu_counters");
  for (const char* name : {"fp32", "fp16", "tensor", "dram", "default"}) {
    ASSERT_NE(c.find(name), nullptr) << name;
    EXPECT_FALSE(c.find(name)->description.empty()) << name;
  }
  const GpuMetricRequest r = c.request_of("default");
  for (const std::string& m :
       {kFfma, kFadd, kFmul, std::string("dram__bytes_read.sum"),
        std::string("dram__bytes_write.sum"), std::string("sm__inst_executed_pipe_tensor.sum")})
    EXPECT_NE(std::find(r.measured.begin(), r.measured.end(), m), r.measured.end()) << m;
  ASSERT_FALSE(r.derived.empty());
  EXPECT_EQ(r.derived.front().name, "fp32_flops");
}

TEST(GpuPresets, RequestListsMetricsOnceAndBringsTermsOfDerivedOnes) {
  PresetDir dir;
  dir.write("a.txt",
            "about mix: test\nmix: m.sum both\nother: n.sum m.sum\n"
            "derive both: 2*m.sum + k.sum\n");
  const GpuPresetCatalog c = load_gpu_presets(dir.path());
  const GpuMetricRequest r = c.request_of("mix,other");
  EXPECT_EQ(r.measured, (std::vector<std::string>{"m.sum", "k.sum", "n.sum"}));
  ASSERT_EQ(r.derived.size(), 1u);
  EXPECT_EQ(r.derived[0].name, "both");
  EXPECT_EQ(c.find("mix")->description, "test");
}

TEST(GpuPresets, UnknownPresetListsTheKnownOnes) {
  const GpuPresetCatalog c = load_gpu_presets(SYNERGY_SOURCE_DIR "/data/gpu_counters");
  try {
    c.request_of("fp32,nonsense");
    FAIL() << "accepted an unknown preset";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(e.what()).find("nonsense"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("dram"), std::string::npos);
  }
}

TEST(GpuPresets, LaterFileReplacesAPresetOfTheSameName) {
  PresetDir dir;
  dir.write("a.txt", "p: x.sum\n");
  dir.write("b.txt", "p: y.sum\n");
  const GpuPresetCatalog c = load_gpu_presets(dir.path());
  ASSERT_EQ(c.presets.size(), 1u);
  EXPECT_EQ(c.find("p")->metrics, std::vector<std::string>{"y.sum"});
}

TEST(GpuPresets, MalformedFilesAreRejectedWithTheLine) {
  for (const std::string& text :
       {std::string("no colon here\n"), std::string("derive f: 2*\n"),
        std::string("derive f: x*a.sum\n"), std::string("derive f: a.sum\nderive f: b.sum\n"),
        std::string("two words: a.sum\n")}) {
    PresetDir dir;
    dir.write("bad.txt", text);
    try {
      load_gpu_presets(dir.path());
      FAIL() << "accepted: " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadInput) << text;
      EXPECT_NE(std::string(e.what()).find("bad.txt:"), std::string::npos) << e.what();
    }
  }
}

TEST(DerivedMetric, FlopsAreTwiceFmaPlusAddsAndMultiplies) {
  const DerivedMetric flops{"fp32_flops",
                            parse_formula("2*" + kFfma + " + " + kFadd + " + " + kFmul)};
  const std::map<std::string, double> m{{kFfma, 1000.0}, {kFadd, 30.0}, {kFmul, 7.0}};
  EXPECT_DOUBLE_EQ(flops.evaluate(m), 2037.0);
}

TEST(DerivedMetric, ParsesCoefficientsAndSpacing) {
  const auto terms = parse_formula(" 0.5 * a.sum+b.sum +3e2*c.avg ");
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_DOUBLE_EQ(terms[0].coefficient, 0.5);
  EXPECT_EQ(terms[0].metric, "a.sum");
  EXPECT_DOUBLE_EQ(terms[1].coefficient, 1.0);
  EXPECT_DOUBLE_EQ(terms[2].coefficient, 300.0);
  EXPECT_EQ(terms[2].metric, "c.avg");
}

TEST(DerivedMetric, MissingOrNonFiniteTermGivesNaNNotZero) {
  const DerivedMetric d{"d", parse_formula("a.sum + b.sum")};
  EXPECT_TRUE(std::isnan(d.evaluate({{"a.sum", 5.0}})));
  EXPECT_TRUE(std::isnan(d.evaluate({{"a.sum", 5.0}, {"b.sum", std::nan("")}})));
  EXPECT_DOUBLE_EQ(d.evaluate({{"a.sum", 5.0}, {"b.sum", 0.0}}), 5.0);
}

TEST(DerivedMetric, RejectsWhatIsNotALinearFormula) {
  for (const char* bad : {"", "a.sum - b.sum", "2*", "*a.sum", "a.sum + ", "2a.sum", "a sum"})
    EXPECT_THROW(parse_formula(bad), Error) << bad;
}

}  // namespace
}  // namespace synergy
