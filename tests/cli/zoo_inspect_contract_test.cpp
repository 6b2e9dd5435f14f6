// The CLI contract of `synergy zoo` and `synergy inspect`: arguments -> exit code -> output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <regex>

#include "run_binary.hpp"

namespace synergy::testing {
namespace {

enum class Stream { Out, Err };

struct Case {
  const char* args;
  int exit_code;
  Stream stream;
  const char* pattern;  // ECMAScript regex searched in the stream
};

const Case kCases[] = {
    // zoo
    {"zoo", 0, Stream::Out, R"(alexnet\s+AlexNet \(BVLC Caffe\)\s+1x3x227x227\s+23\s)"},
    {"zoo", 0, Stream::Out, R"(shufflenet_v2\s.*1x3x224x224)"},
    {"zoo --format csv", 0, Stream::Out, R"(^name,title,input,layers,macs,params,source\n)"},
    {"zoo --format csv", 0, Stream::Out, R"(\nallcnn_c,[^\n]*,1x3x32x32,)"},
    {"zoo --format json", 0, Stream::Out, R"("name": "mobilenet_v1")"},
    {"zoo --format xml", 2, Stream::Err, R"(xml)"},
    {"zoo --bogus", 2, Stream::Err, R"(bogus)"},
    {"zoo --help", 0, Stream::Out, R"(examples:)"},
    // inspect: per-layer rows, totals, per-type breakdown
    {"inspect alexnet", 0, Stream::Out, R"(\nconv1\s+Conv\s+1x96x55x55\s+105,415,200\s+34,944\s)"},
    {"inspect alexnet", 0, Stream::Out, R"(\nConv\s+5\s+665,784,864\s)"},
    {"inspect alexnet", 0, Stream::Out, R"(\ntotal\s+724,406,816\s+60,965,224\s)"},
    {"inspect resnet50", 0, Stream::Out, R"(\nConv\s+53\s+3,855,925,248\s)"},
    {"inspect mobilenet_v1", 0, Stream::Out, R"(\nConv\s+27\s+567,716,352\s)"},
    {"inspect alexnet --batch 4", 0, Stream::Out, R"(\nconv1\s+Conv\s+4x96x55x55\s+421,660,800\s)"},
    {"inspect alexnet --format csv", 0, Stream::Out,
     R"(^section,name,type,detail,output_shape,layers,macs,flops,params,)"},
    {"inspect alexnet --format csv", 0, Stream::Out,
     R"re(\nlayer,conv2,Conv,"conv\(k=5x5,s=1x1,g=2,c=96->256,hw=27x27\)",1x256x27x27,1,223948800,)re"},
    {"inspect alexnet --format csv", 0, Stream::Out, R"(\ntotal,total,,,,23,724406816,)"},
    {"inspect squeezenet --format json", 0, Stream::Out, R"("name": "fire2/squeeze1x1")"},
    {"inspect squeezenet --format json", 0, Stream::Out, R"("network": "squeezenet")"},
    {"inspect --help", 0, Stream::Out, R"(examples:)"},
    // bad input: exit 2, one clear line on stderr, nothing on stdout
    {"inspect no_such_net", 2, Stream::Err, R"(unknown network 'no_such_net'.*alexnet)"},
    {"inspect", 2, Stream::Err, R"(network is required)"},
    {"inspect alexnet --batch 0", 2, Stream::Err, R"(--batch)"},
    {"inspect alexnet --batch many", 2, Stream::Err, R"(--batch)"},
    {"inspect alexnet --format xml", 2, Stream::Err, R"(xml)"},
    {"inspect /nonexistent/model.onnx", 2, Stream::Err, R"(model\.onnx)"},
    {"inspect /nonexistent/deploy.prototxt", 2, Stream::Err, R"(deploy\.prototxt)"},
    {"inspect {tmp}garbage.onnx", 2, Stream::Err, R"(garbage\.onnx)"},
    {"inspect /models/resnet50.pt", 2, Stream::Err, R"(resnet50\.pt': not a model file)"},
    // model files: the BVLC AlexNet prototxt costs what the zoo's AlexNet costs
    {"inspect {src}/tests/data/caffe/alexnet.prototxt", 0, Stream::Out,
     R"(\nConv\s+5\s+665,784,864\s)"},
    {"inspect {src}/tests/data/caffe/alexnet.prototxt --batch 2 --format csv", 0, Stream::Out,
     R"(\ntotal,total,,,,23,1448813632,)"},
};

// Expands {src} (the source tree) and {tmp} (a scratch folder holding a garbage model file).
std::string expand(std::string args) {
  const std::string tmp = ::testing::TempDir();
  std::ofstream(tmp + "garbage.onnx") << "this is not a protobuf message";
  for (const auto& [key, value] :
       {std::pair<std::string, std::string>{"{src}", SYNERGY_SOURCE_DIR}, {"{tmp}", tmp}}) {
    for (size_t at = args.find(key); at != std::string::npos; at = args.find(key)) {
      args.replace(at, key.size(), value);
    }
  }
  return args;
}

void PrintTo(const Case& c, std::ostream* os) {
  *os << "synergy " << c.args;
}

class CliContract : public ::testing::TestWithParam<Case> {};

TEST_P(CliContract, ExitCodeAndOutput) {
  if (!std::filesystem::exists(synergy_binary())) {
    GTEST_SKIP() << "binary not built: " << synergy_binary();
  }
  const Case& c = GetParam();
  const RunResult r = run_synergy(expand(c.args));
  EXPECT_EQ(r.exit_code, c.exit_code) << "stderr: " << r.err;
  const std::string& text = c.stream == Stream::Out ? r.out : r.err;
  EXPECT_TRUE(std::regex_search(text, std::regex(c.pattern)))
      << "pattern: " << c.pattern << "\nstdout:\n"
      << r.out.substr(0, 2000) << "\nstderr:\n"
      << r.err;
  if (c.exit_code != 0) {
    EXPECT_TRUE(r.out.empty()) << "partial output on failure:\n" << r.out;
  }
}

// "07_inspect_alexnet_batch_4": the case's index and its arguments.
std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name;  // appended piecewise: GCC 12 warns falsely on chained string "+"
  if (info.index < 10) name += '0';
  name += std::to_string(info.index);
  name += '_';
  for (const char* p = info.param.args; *p; ++p) {
    const char ch = *p;
    const bool keep =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (keep) {
      name += ch;
    } else if (name.back() != '_') {
      name += '_';
    }
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(ZooInspect, CliContract, ::testing::ValuesIn(kCases), case_name);

}  // namespace
}  // namespace synergy::testing
